/// <reference lib="webworker" />
/**
 * The browser backend of the fast sum's helper thread, for the particle worker: a second
 * (nested) worker that takes near-field chunks and far-gather tasks through SharedArrayBuffer and
 * Atomics.wait, so velocities stay synchronous. SharedArrayBuffer needs a cross-origin
 * isolated page (COOP/COEP headers, as `vite preview` sends); elsewhere, or with one core, the
 * fast sums compute alone, with the same results, and the status line says why.
 */
import { installFastSumThreads } from '../model/fastsum';
import { whyNoHelperWorker } from './helperWorkers';

let helper: Worker | null = null;

/** Install the helper for fast sums created from now on; returns the status line. */
export function installBrowserFastSumThreads(): string {
  const alone = (why: string) => {
    installFastSumThreads(null, why);
    return why;
  };
  const none = whyNoHelperWorker();
  if (none) return alone(`one thread: ${none}`);
  if (!helper) {
    helper = new Worker(new URL('./fastSumHelper.worker.ts', import.meta.url), { type: 'module' });
    helper.onerror = (e) => {
      alone(`one thread: the helper worker failed (${e.message})`);
      helper = null;
    };
  }
  const w = helper;
  const why = 'two threads: a helper worker takes near-field chunks and far-gather tasks';
  installFastSumThreads({ attach: (buffer, n) => w.postMessage({ buffer, n }) }, why);
  return why;
}
