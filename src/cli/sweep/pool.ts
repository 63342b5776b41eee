/**
 * Runs sweep jobs on `threads` worker threads (or in this thread when threads = 1), heaviest
 * first as given, and reports each result as it arrives. A worker that dies (out of memory, a
 * crash) fails its job with a status line and is replaced; the sweep goes on.
 */
import { Worker } from 'node:worker_threads';
import { runJob, type SweepJob, type SweepResult } from './job';

export interface PoolEvents {
  started?: (job: SweepJob) => void;
  finished: (result: SweepResult) => void;
}

/** Lets timers and output run between in-process jobs. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runPool(jobs: readonly SweepJob[], threads: number, events: PoolEvents): Promise<void> {
  if (threads <= 1) {
    for (const job of jobs) {
      events.started?.(job);
      await breathe();
      events.finished(runJob(job));
    }
    return;
  }
  const queue = [...jobs];
  // an error of the caller's handler (say the output became unwritable) ends the pool with it
  let failure: { error: unknown } | undefined;
  const workers = new Set<Worker>();
  const report = (r: SweepResult) => {
    if (failure) return;
    try {
      events.finished(r);
    } catch (error) {
      failure = { error };
      queue.length = 0;
      for (const w of workers) void w.terminate();
    }
  };
  await new Promise<void>((resolve) => {
    const spawn = () => {
      const worker = new Worker(new URL('./boot.mjs', import.meta.url));
      workers.add(worker);
      let current: SweepJob | undefined;
      let startedAt = 0;
      const next = () => {
        current = queue.shift();
        if (!current) {
          void worker.terminate();
          return;
        }
        startedAt = performance.now();
        events.started?.(current);
        worker.postMessage(current);
      };
      const lost = (why: string) => {
        if (!current) return;
        const job = current;
        current = undefined;
        report({
          index: job.index,
          status: `error: worker: ${why}`,
          wallSeconds: (performance.now() - startedAt) / 1000,
        });
      };
      worker.on('message', (r: SweepResult) => {
        current = undefined;
        report(r);
        next();
      });
      worker.on('error', (e) => lost(String(e.message).split('\n')[0]));
      worker.on('exit', (code) => {
        workers.delete(worker);
        lost(`exited with code ${code} during the run`);
        if (queue.length > 0) spawn();
        else if (workers.size === 0) resolve();
      });
      next();
    };
    const count = Math.min(threads, queue.length);
    for (let k = 0; k < count; k++) spawn();
    if (count === 0) resolve();
  });
  if (failure) throw failure.error;
}
