import { launchBrowser } from './browser.mjs';
import { serveApp } from './server.mjs';

const app = await serveApp({ skipBuild: process.argv.includes('--no-build') });
const b = await launchBrowser();
const page = await b.newPage({ viewport: { width: 1280, height: 720 } });
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
await page.goto(app.url + (process.argv[2] ?? ''));
await page.waitForFunction(() => window.__lab?.status === 'paused', null, { timeout: 90000 });
const steps = Number(process.argv[3] ?? 0);
if (steps > 0) {
  await page.click('[data-testid=play]');
  await page.waitForFunction((k) => window.__lab.checkpoints() >= k, steps, { timeout: 300000 });
  await page.click('[data-testid=play]');
}
await page.waitForTimeout(800);
await page.screenshot({ path: '/tmp/look-a.png' });
await page.evaluate(() => {
  document.querySelector('.plots').scrollTop = 10000;
  document.querySelector('.controls').scrollTop = 700;
});
await page.waitForTimeout(300);
await page.screenshot({ path: '/tmp/look-b.png' });
await page.evaluate(() => {
  document.querySelector('.controls').scrollTop = 1700;
});
await page.waitForTimeout(300);
await page.screenshot({ path: '/tmp/look-c.png' });
await page.evaluate(() => {
  document.querySelector('.controls').scrollTop = 2900;
});
await page.waitForTimeout(300);
await page.screenshot({ path: '/tmp/look-d.png' });
await b.close();
await app.close();
