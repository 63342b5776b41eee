import { assert, LONG, lab, openPage, ready, shot, test } from '../harness.mjs';
import { serveStatic } from '../staticServer.mjs';

/** Records the page's workers (test code, before the app loads) so a test can terminate one. */
function recordWorkers() {
  const Native = window.Worker;
  window.__testWorkers = [];
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      window.__testWorkers.push({ name: options?.name, worker: this });
    }
  };
}

test('a worker that throws, closes itself or is terminated → crash banner in < 5 s → Restart keeps the scenario', async ({
  browser,
  url,
}) => {
  const hash = '#v1&n=150&N=64';
  const { page, close } = await openPage(browser, url, hash, { init: recordWorkers });
  await ready(page);
  const workerNamed = (name) => {
    // the newest worker of that name (Restart makes new ones)
    const w = page.workers().filter((x) => new RegExp(name).test(x.url()));
    assert(
      w.length > 0,
      `${name} worker not found among ${page
        .workers()
        .map((x) => x.url())
        .join(', ')}`,
    );
    return w[w.length - 1];
  };
  const kills = [
    [
      'particle worker throws',
      /crashed/,
      () =>
        workerNamed('particles').evaluate(() =>
          setTimeout(() => {
            throw new Error('simulated crash');
          }, 0),
        ),
    ],
    [
      'PDE worker calls self.close()',
      /PDE worker stopped/,
      () => workerNamed('pde').evaluate(() => self.close()),
    ],
    [
      'particle worker terminated',
      /particle worker stopped/,
      () =>
        page.evaluate(() =>
          window.__testWorkers
            .filter((w) => w.name === 'particles')
            .at(-1)
            .worker.terminate(),
        ),
    ],
  ];
  for (const [what, pattern, kill] of kills) {
    await page.click('[data-testid=play]');
    await page.waitForFunction(() => window.__lab.clock > 0.002, null, { timeout: LONG });
    const t0 = Date.now();
    await kill();
    const banner = page.locator('[data-testid=run-error]');
    await banner.waitFor({ timeout: 5000 });
    const text = await banner.textContent();
    assert(pattern.test(text ?? ''), `${what}: the banner says ${text}`);
    assert((await lab(page, () => window.__lab.status)) === 'error', `${what}: status is not error`);
    console.log(`     ${what}: banner after ${Date.now() - t0} ms`);
    if (what.includes('close')) await shot(page, 'worker-closed');
    await banner.locator('button').click();
    await ready(page);
    const after = await lab(page, () => ({
      n: window.__lab.n,
      hash: window.location.hash,
      clock: window.__lab.clock,
    }));
    assert(
      after.n === 150 && after.hash === hash && after.clock === 0,
      `${what}: restart lost the scenario ${JSON.stringify(after)}`,
    );
  }
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
