// The ring-core preset (outside the paper's assumption V1): it loads with its label, both sides
// run, and the PDE's seeded unstable mode grows while the particles move. Cost ~15 s (loaded).
import { assert, LONG, lab, openPage, ready, shot, test } from '../harness.mjs';

/** max |κ| over the drawn PDE grid. */
const kappaMax = (page) =>
  lab(page, () => {
    const { plus, minus } = window.__lab.densities();
    let m = 0;
    for (let i = 0; i < plus.length; i++) m = Math.max(m, Math.abs(plus[i] - minus[i]));
    return m;
  });

test('ring preset: labelled outside (V1), particles and PDE both run, the unstable mode grows', async ({
  browser,
  url,
}) => {
  const { page, errors, close } = await openPage(browser, url);
  await ready(page);
  await page.click('[data-testid=preset-ring]');
  await page.waitForFunction(() => window.__lab.status === 'paused' && window.__lab.n === 4000, null, {
    timeout: LONG,
  });
  const banner = (await page.textContent('[data-testid=ring-banner]')) ?? '';
  assert(banner.includes('outside the paper’s assumption (V1)'), `banner: ${banner}`);
  const regime = (await page.textContent('[data-testid=regime-label]')) ?? '';
  assert(regime.includes('outside the paper’s assumption (V1)'), `regime line: ${regime}`);
  const k0 = await kappaMax(page);
  const pos0 = await lab(page, () => window.__lab.positions());
  await page.click('[data-testid=play]');
  // t = 1.6 (40 checkpoints of T/200 = 0.04): the seed has grown by e^{0.56·1.6} ≈ 2.4
  await page.waitForFunction(() => window.__lab.checkpoints() >= 40, null, { timeout: LONG });
  await page.click('[data-testid=play]');
  await page.waitForFunction(() => window.__lab.status === 'paused' && !window.__lab.drawPending, null, {
    timeout: LONG,
  });
  const t = await lab(page, () => ({ p: window.__lab.particleTime(), d: window.__lab.densityTime() }));
  const k1 = await kappaMax(page);
  const pos1 = await lab(page, () => window.__lab.positions());
  let moved = 0;
  for (let i = 0; i < pos0.length; i++) moved = Math.max(moved, Math.abs(pos1[i] - pos0[i]));
  await shot(page, 'ring-preset');
  assert(t.p > 1.5 && t.d > 1.5, `both sides should be past t = 1.5: ${JSON.stringify(t)}`);
  assert(moved > 1e-3, `particles did not move (${moved})`);
  // linear growth e^{0.559 t} of the seeded mode (MATH §2a), the grid's max |κ| within 25%
  const expected = Math.exp(0.559 * t.d);
  assert(Math.abs(k1 / k0 / expected - 1) < 0.25, `max|κ| grew ${k1 / k0}, expected ≈ ${expected}`);
  assert(errors.length === 0, errors.join('\n'));
  await close();
});
