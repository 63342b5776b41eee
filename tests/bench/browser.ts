/** Headless-Chromium frames/s and simulation steps/s (tests/browser/bench.mjs; needs /usr/bin/chromium). */
import type { BenchRow } from './table';

// A plain-JS module (it drives Playwright); a string path keeps tsc from asking for its types.
const BROWSER_BENCH = '../browser/bench.mjs';

export async function benchBrowser(): Promise<BenchRow[]> {
  const mod = (await import(BROWSER_BENCH)) as { benchBrowser: () => Promise<BenchRow[]> };
  return mod.benchBrowser();
}
