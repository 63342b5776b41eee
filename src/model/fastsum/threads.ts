import { finishCommand, whenServed } from '../helperThread';
import { COMMAND, CTRL, type SharedViews } from './shared';

/**
 * Where a fast sum finds a second thread. A platform entry point installs one (helperNode.ts in
 * node, src/worker/fastSumHelper.ts in a browser worker); without it, or without
 * SharedArrayBuffer, every fast sum computes alone (same results for the same plan).
 */
export interface FastSumThreads {
  /** Hand the helper a block to serve (shared.ts); it serves the latest one it was given. */
  attach(buffer: SharedArrayBuffer, n: number): void;
}

let installed: FastSumThreads | null = null;
let status = 'one thread: no helper thread installed';

/** Install (or with null, remove) the helper for fast sums created from now on. */
export function installFastSumThreads(threads: FastSumThreads | null, why?: string): void {
  installed = threads;
  status =
    why ??
    (threads
      ? 'two threads: a helper takes near-field and far-gather tasks'
      : 'one thread: no helper thread installed');
}

export function fastSumThreads(): FastSumThreads | null {
  return installed;
}

/** One line for the UI and the CLI: how many threads fast sums use here, and why. */
export function fastSumThreadsStatus(): string {
  return status;
}

/** The main thread's end of one block. */
export class HelperLink {
  private seq = 0;

  constructor(
    private readonly v: SharedViews,
    threads: FastSumThreads,
  ) {
    threads.attach(v.buffer as SharedArrayBuffer, v.n);
  }

  get ready(): boolean {
    return Atomics.load(this.v.ctrl, CTRL.READY) === 1;
  }

  /**
   * Post a command (COMMAND bits: what to compute and which tasks the helper may take); false
   * when no helper serves this block now.
   */
  start(kind: number): boolean {
    const ctrl = this.v.ctrl;
    if (!this.ready || !(kind & (COMMAND.GRADIENT | COMMAND.ENERGY))) return false;
    ctrl[CTRL.KIND] = kind;
    this.seq = Atomics.add(ctrl, CTRL.SEQ, 1) + 1;
    Atomics.notify(ctrl, CTRL.SEQ);
    return true;
  }

  /** The convolved grid of the started command is in the block (after every COMMAND.GATHER start). */
  gridReady(): void {
    Atomics.store(this.v.ctrl, CTRL.GRID, this.seq);
    Atomics.notify(this.v.ctrl, CTRL.GRID);
  }

  /**
   * After this thread has run every task it could claim: wait until the helper is done with the
   * command (it may be inside one task), or take the command back if the helper has not started
   * it (false) — a busy machine (the helper's core taken by another process) is then not waited
   * for, and a helper that starts late finds the command taken and does nothing.
   */
  finish(): boolean {
    const slots = { claim: CTRL.CLAIM, done: CTRL.DONE, detached: CTRL.DETACHED };
    return finishCommand(this.v.ctrl, slots, this.seq, 0);
  }

  /** Resolves true once a helper serves this block (false after timeoutMs). */
  whenReady(timeoutMs = 10_000): Promise<boolean> {
    return whenServed(this.v.ctrl, CTRL.READY, CTRL.DETACHED, timeoutMs);
  }
}
