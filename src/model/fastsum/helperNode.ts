/**
 * The node backend of the fast sum's helper thread (worker_threads + SharedArrayBuffer +
 * Atomics.wait, so velocities stay synchronous). Node only: imported by node entry points (CLI,
 * benchmarks, tests), never by code that runs in a browser.
 */
import { availableParallelism } from 'node:os';
import { NodeHelperWorker } from '../nodeHelperWorker';
import { installFastSumThreads } from './threads';

const helper = new NodeHelperWorker(new URL('./helperNode.worker.mjs', import.meta.url));

/**
 * Start the helper (once) and install it for fast sums created from now on. The worker's entry is
 * a bundle beside the CLI's (scripts/sim.mjs), or, from the sources, a shim that registers tsx.
 * Returns the status line.
 */
export function installNodeFastSumThreads(): string {
  if (availableParallelism() < 2) {
    const why = 'one thread: this machine has one core';
    installFastSumThreads(null, why);
    return why;
  }
  const w = helper.get((e) =>
    installFastSumThreads(null, `one thread: the helper thread failed (${e.message})`),
  );
  const why = 'two threads: a worker_threads helper takes near-field chunks and far-gather tasks';
  installFastSumThreads({ attach: (buffer, n) => w.postMessage({ buffer, n }) }, why);
  return why;
}

/** Stop the helper (tests); fast sums created later compute alone. */
export async function stopNodeFastSumThreads(): Promise<void> {
  installFastSumThreads(null);
  await helper.stop();
}
