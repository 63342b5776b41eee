/// <reference lib="webworker" />
/**
 * The browser backend of the cluster solves' helper thread (model/integrate/clusterShare.ts), for
 * the particle worker: a second nested worker that claims near-pair clusters of the multirate
 * method's sub-steps through SharedArrayBuffer and Atomics.wait. Needs a cross-origin isolated
 * page; elsewhere, or with one core, the clusters are solved in the particle worker alone, with the
 * same results.
 */
import { installClusterThreads } from '../model/integrate/clusterShare';
import { whyNoHelperWorker } from './helperWorkers';

let helper: Worker | null = null;

/** Install the helper for multirate steppers created from now on; false when there is none. */
export function installBrowserClusterThreads(): boolean {
  if (whyNoHelperWorker() !== null) {
    installClusterThreads(null);
    return false;
  }
  if (!helper) {
    helper = new Worker(new URL('./clusterHelper.worker.ts', import.meta.url), { type: 'module' });
    helper.onerror = () => {
      installClusterThreads(null);
      helper = null;
    };
  }
  const w = helper;
  installClusterThreads({ attach: (m) => w.postMessage(m) });
  return true;
}
