/**
 * The node backend of the cluster solves' helper thread (clusterShare.ts): worker_threads +
 * SharedArrayBuffer + Atomics.wait. Node only: imported by node entry points (the CLI, tests),
 * never by code that runs in a browser.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { installClusterThreads } from './clusterShare';

let worker: Worker | null = null;

/** Start the helper (once) and install it for multirate steppers created from now on; false on one core. */
export function installNodeClusterThreads(): boolean {
  if (availableParallelism() < 2) {
    installClusterThreads(null);
    return false;
  }
  if (!worker) {
    // a worker does not inherit the parent's module hooks on node 20: the .mjs entry registers tsx
    worker = new Worker(new URL('./clusterHelperNode.worker.mjs', import.meta.url));
    worker.unref();
    worker.on('error', () => {
      installClusterThreads(null);
      worker = null;
    });
  }
  const w = worker;
  installClusterThreads({ attach: (m) => w.postMessage(m) });
  return true;
}

/** Stop the helper (tests); steppers created later solve their clusters alone. */
export async function stopNodeClusterThreads(): Promise<void> {
  installClusterThreads(null);
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
