/**
 * The node backend of the cluster solves' helper thread (clusterShare.ts): worker_threads +
 * SharedArrayBuffer + Atomics.wait. Node only: imported by node entry points (the CLI, tests),
 * never by code that runs in a browser.
 */
import { availableParallelism } from 'node:os';
import { NodeHelperWorker } from '../nodeHelperWorker';
import { installClusterThreads } from './clusterShare';

const helper = new NodeHelperWorker(new URL('./clusterHelperNode.worker.mjs', import.meta.url));

/** Start the helper (once) and install it for multirate steppers created from now on; false on one core. */
export function installNodeClusterThreads(): boolean {
  if (availableParallelism() < 2) {
    installClusterThreads(null);
    return false;
  }
  const w = helper.get(() => installClusterThreads(null));
  installClusterThreads({ attach: (m) => w.postMessage(m) });
  return true;
}

/** Stop the helper (tests); steppers created later solve their clusters alone. */
export async function stopNodeClusterThreads(): Promise<void> {
  installClusterThreads(null);
  await helper.stop();
}
