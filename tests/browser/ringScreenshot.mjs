// Not run by CI (~35 s): the ring preset played to T = 8 at playback rate 4, screenshots at t = 6
// and at the end (tests/browser/screenshots/ring-preset-t6.png, ring-preset-t8.png), where the PDE
// has sharpened into thin stripes and the particles into like-sign clumps along them. Needs a
// build (npm run build, or a run of tests/browser/run.mjs). node tests/browser/ringScreenshot.mjs
import { launchBrowser } from './browser.mjs';
import { LONG, openPage, ready, shot } from './harness.mjs';
import { serveApp } from './server.mjs';

const app = await serveApp({ skipBuild: true });
const browser = await launchBrowser();
const { page, close } = await openPage(
  browser,
  app.url,
  '#v1&c=ring&d=0.1&n=4000&U=&rho=sine:0.05,4,3&T=8&rate=4',
);
await ready(page);
const t0 = Date.now();
await page.click('[data-testid=play]');
for (const [cp, name] of [
  [150, 'ring-preset-t6'],
  [200, 'ring-preset-t8'],
]) {
  await page.waitForFunction((c) => window.__lab.checkpoints() >= c || window.__lab.status === 'done', cp, {
    timeout: 600000,
  });
  console.log(cp, (Date.now() - t0) / 1000, await page.evaluate(() => window.__lab.clock));
  if (cp === 200) await page.waitForFunction(() => !window.__lab.drawPending, null, { timeout: LONG });
  await shot(page, name);
}
await close();
await browser.close();
await app.close();
