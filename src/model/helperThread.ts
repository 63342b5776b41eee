/**
 * The waiting of a helper thread and its owner on an Int32 control block in shared memory: the
 * parts the fast sum's helper (fastsum/helper.ts) and the cluster solves' helper
 * (integrate/clusterHelper.ts) have in common. Slots are the caller's.
 */

/** Resolves true once ctrl[ready] is 1; false after timeoutMs, or once ctrl[detached] is 1. */
export async function whenServed(
  ctrl: Int32Array,
  ready: number,
  detached: number,
  timeoutMs: number,
): Promise<boolean> {
  const t0 = Date.now();
  while (Atomics.load(ctrl, ready) !== 1) {
    if (Date.now() - t0 > timeoutMs || Atomics.load(ctrl, detached) === 1) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
}

/** What serveBlock needs of one served block. */
export interface Served {
  readonly ctrl: Int32Array;
  /** The last command number seen (serve() updates it). */
  seen: number;
}

/**
 * Serve the block's commands (posted by incrementing ctrl[seq]) while current() holds, blocking in
 * Atomics.wait between them; after 20 ms without one, return to the event loop for a moment (so
 * that a new block can arrive as a message) and go on from there.
 */
export function serveBlock(s: Served, seq: number, current: () => boolean, serve: () => void): void {
  while (current()) {
    if (Atomics.wait(s.ctrl, seq, s.seen, 20) === 'timed-out') {
      setTimeout(() => serveBlock(s, seq, current, serve), 0);
      return;
    }
    serve();
  }
}

/**
 * Stop serving a block: a command posted before this point is still answered; `detached` is set
 * after that decision, so an owner that sees it with its command not done knows nobody will run it.
 */
export function releaseBlock(
  s: Served,
  slots: { ready: number; seq: number; detached: number; done: number },
  serve: () => void,
): void {
  Atomics.store(s.ctrl, slots.ready, 0);
  if (Atomics.load(s.ctrl, slots.seq) !== s.seen) serve();
  Atomics.store(s.ctrl, slots.detached, 1);
  Atomics.notify(s.ctrl, slots.done);
}

/**
 * The helper's claim of the newest command (compareExchange of ctrl[claim] from seq − 1): its
 * number, or 0 when the owner took it back (this thread was not running when it was posted).
 */
export function claimCommand(s: Served, seq: number, claim: number): number {
  const latest = Atomics.load(s.ctrl, seq);
  s.seen = latest;
  return Atomics.compareExchange(s.ctrl, claim, latest - 1, latest) === latest - 1 ? latest : 0;
}

/**
 * The owner's end of command `seq`: take it back if the helper has not claimed it (false: the
 * helper, starting late, finds it taken and does nothing), else wait until the helper reports it
 * done in ctrl[done] (true), spinning `spins` times before each sleep.
 */
export function finishCommand(
  ctrl: Int32Array,
  slots: { claim: number; done: number; detached: number },
  seq: number,
  spins: number,
): boolean {
  if (Atomics.compareExchange(ctrl, slots.claim, seq - 1, seq) === seq - 1) return false;
  for (let spin = 0; ; spin++) {
    const done = Atomics.load(ctrl, slots.done);
    if (done === seq) return true;
    if (Atomics.load(ctrl, slots.detached) === 1) return Atomics.load(ctrl, slots.done) === seq;
    if (spin >= spins) Atomics.wait(ctrl, slots.done, done, 100);
  }
}
