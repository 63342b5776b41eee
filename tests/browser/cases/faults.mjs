import { assert, LONG, lab, openPage, ready, shot, test } from '../harness.mjs';
import { serveStatic } from '../staticServer.mjs';

test('a crashed worker pauses the run with a message; Restart recovers', async ({ browser, url }) => {
  const { page, close } = await openPage(browser, url);
  await ready(page);
  await page.click('[data-testid=play]');
  await page.waitForFunction(() => window.__lab.particleCalls > 0, null, { timeout: LONG });
  const worker = page.workers().find((w) => /particles/.test(w.url()));
  assert(
    worker,
    `particle worker not found among ${page
      .workers()
      .map((w) => w.url())
      .join(', ')}`,
  );
  await worker.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated crash');
    }, 0);
  });
  const banner = page.locator('[data-testid=run-error]');
  await banner.waitFor({ timeout: LONG });
  const text = await banner.textContent();
  assert(/crashed/.test(text ?? ''), `error banner says ${text}`);
  assert((await lab(page, () => window.__lab.status)) === 'error', 'status is not error');
  await shot(page, 'worker-crash');
  await banner.locator('button').click();
  await ready(page);
  await page.click('[data-testid=play]');
  await page.waitForFunction(() => window.__lab.clock > 0.005, null, { timeout: LONG });
  await close();
});

test('works from a sub-path without cross-origin isolation (no SharedArrayBuffer needed)', async ({
  browser,
}) => {
  const server = await serveStatic('lectures/dislocations');
  try {
    const { page, errors, close } = await openPage(browser, server.url);
    await ready(page);
    const isolated = await page.evaluate(() => window.crossOriginIsolated);
    assert(isolated === false, 'expected a page without cross-origin isolation');
    await page.click('[data-testid=play]');
    await page.waitForFunction(() => window.__lab.clock > 0.005 && window.__lab.pdeCalls > 0, null, {
      timeout: LONG,
    });
    assert(errors.length === 0, errors.join('\n'));
    await close();
  } finally {
    await server.close();
  }
});
