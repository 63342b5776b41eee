/**
 * A node worker_threads helper (the fast sum's, the cluster solves'), started on first use and
 * unref'd (it never keeps a process alive); a failed one is dropped and the next use starts anew.
 * Node only: imported by node backends, never by code that runs in a browser.
 */
import { Worker } from 'node:worker_threads';

export class NodeHelperWorker {
  private worker: Worker | null = null;

  /** entry: the worker's .mjs entry (it registers tsx: a worker does not inherit the parent's hooks on node 20). */
  constructor(private readonly entry: URL) {}

  /** The running worker, started if there is none; onError is told when it fails. */
  get(onError: (e: Error) => void): Worker {
    if (!this.worker) {
      const w = new Worker(this.entry);
      w.unref();
      w.on('error', (e) => {
        this.worker = null;
        onError(e);
      });
      this.worker = w;
    }
    return this.worker;
  }

  /** Stop it (tests). */
  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
