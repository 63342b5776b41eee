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
    why ?? (threads ? 'two threads: a helper runs the near field' : 'one thread: no helper thread installed');
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
   * Ask for the near share rows [row0, row1) and, with COMMAND.GATHER, the far gradient of the
   * particles [gather0, n) once gridReady() is called; false when no helper serves this block now.
   */
  start(kind: number, row0: number, row1: number, gather0 = this.v.n): boolean {
    const ctrl = this.v.ctrl;
    if (!this.ready || !(kind & (COMMAND.GRADIENT | COMMAND.ENERGY))) return false;
    ctrl[CTRL.KIND] = kind;
    ctrl[CTRL.ROW0] = row0;
    ctrl[CTRL.ROW1] = row1;
    ctrl[CTRL.GATHER0] = gather0;
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
   * Wait for the command; false if this thread is to compute it: the helper left without running
   * it, or had not started it yet. The second keeps a busy machine (the helper's core taken by
   * another process) from making the evaluation slower than one thread: the command is taken
   * back, not waited for. Either thread runs the same code on the same rows: the same bits.
   */
  finish(): boolean {
    const ctrl = this.v.ctrl;
    if (Atomics.compareExchange(ctrl, CTRL.CLAIM, this.seq - 1, this.seq) === this.seq - 1) return false;
    for (;;) {
      const done = Atomics.load(ctrl, CTRL.DONE);
      if (done === this.seq) return true;
      if (Atomics.load(ctrl, CTRL.DETACHED) === 1) return Atomics.load(ctrl, CTRL.DONE) === this.seq;
      Atomics.wait(ctrl, CTRL.DONE, done, 100);
    }
  }

  /** Resolves true once a helper serves this block (false after timeoutMs). */
  async whenReady(timeoutMs = 10_000): Promise<boolean> {
    const t0 = Date.now();
    while (!this.ready) {
      if (Date.now() - t0 > timeoutMs || Atomics.load(this.v.ctrl, CTRL.DETACHED) === 1) return false;
      await new Promise((r) => setTimeout(r, 5));
    }
    return true;
  }
}
