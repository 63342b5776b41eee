// Browser tests: build the app with vite, serve it on a free localhost port, and drive Debian's
// Chromium (software WebGL) through playwright-core. Waits on the in-page counters of the read-only
// test hook `window.__lab` (rendered frames, each worker's own step counter), never on fps.
// Prints `N passed, M failed` last and exits non-zero on failure.
//   node tests/browser/run.mjs [--no-build] [name filter]
import { assertChromium, launchBrowser } from './browser.mjs';
import './cases/basics.mjs';
import './cases/clock.mjs';
import './cases/links.mjs';
import './cases/views.mjs';
import './cases/faults.mjs';
import './cases/layout.mjs';
import './cases/a11y.mjs';
import './cases/readable.mjs';
import './cases/outside.mjs';
import './cases/exports.mjs';
import './cases/hand.mjs';
import './cases/study.mjs';
import './cases/ring.mjs';
import './cases/noise.mjs';
import './cases/oned.mjs';
import './cases/threads.mjs';
import { registerCspTests } from './csp.mjs';
import { assert, test, tests } from './harness.mjs';
import { serveApp } from './server.mjs';

assertChromium();
registerCspTests(test, assert);

const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const filter = args.find((a) => !a.startsWith('--'));

const app = await serveApp({ skipBuild });
const browser = await launchBrowser();
const started = Date.now();
let passed = 0;
let failed = 0;
for (const t of tests) {
  if (filter && !t.name.includes(filter)) continue;
  const start = Date.now();
  try {
    await t.fn({ browser, url: app.url });
    passed++;
    console.log(`ok   ${t.name} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    console.log(
      `FAIL ${t.name}\n     ${String(e?.stack ?? e)
        .split('\n')
        .slice(0, 4)
        .join('\n     ')}`,
    );
  }
}
await browser.close();
await app.close();
console.log(`${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
process.exit(failed > 0 ? 1 : 0);
