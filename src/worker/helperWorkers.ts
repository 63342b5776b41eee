/// <reference lib="webworker" />
/**
 * Whether the particle worker can have helper workers (the fast sum's, the cluster solves'): one
 * condition for both, so they are never installed on different grounds.
 */

/** Why there can be no helper worker here (null: there can), as the status lines say it. */
export function whyNoHelperWorker(): string | null {
  if (typeof SharedArrayBuffer === 'undefined' || !globalThis.crossOriginIsolated)
    return 'the page is not cross-origin isolated (no SharedArrayBuffer)';
  if ((globalThis.navigator?.hardwareConcurrency ?? 1) < 2) return 'one core';
  if (typeof Worker === 'undefined') return 'no nested workers in this browser';
  return null;
}
