import { assert, canvasShot, LONG, lab, MINUS, openPage, PLUS, ready, shot, test } from '../harness.mjs';
import { pixelStats } from '../pixelStats.mjs';

test('canvas is not blank: both glyph kinds and the density map are drawn', async ({ browser, url }) => {
  const { page, close } = await openPage(browser, url);
  await ready(page);
  const png = await canvasShot(page, 'canvas-side-by-side');
  const s = await pixelStats(page, png, { colours: { plus: PLUS, minus: MINUS }, tolerance: 30 });
  assert(s.nonBackground > 0.03 * s.width * s.height, `too few drawn pixels: ${JSON.stringify(s)}`);
  assert(s.distinctColours > 50, `too few colours: ${s.distinctColours}`);
  assert(s.near.plus > 200 && s.near.minus > 200, `glyph colours missing: ${JSON.stringify(s.near)}`);
  // The default density starts uniform (κ = 0, the neutral colour); a few steps of U make it visible.
  for (let i = 0; i < 4; i++) {
    await page.click('[data-testid=step]');
    await page.waitForFunction(
      (k) => window.__lab.status === 'paused' && window.__lab.clock >= 0.005 * k - 1e-9,
      i + 1,
      {
        timeout: LONG,
      },
    );
  }
  const png2 = await canvasShot(page, 'canvas-after-steps');
  const s2 = await pixelStats(page, png2, { tolerance: 12 });
  assert(s2.nonBackground > 0.25 * s2.width * s2.height, `density map not visible: ${JSON.stringify(s2)}`);
  await close();
});

test('keyboard: space plays and pauses, h hides the controls', async ({ browser, url }) => {
  const { page, close } = await openPage(browser, url);
  await ready(page);
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  await page.keyboard.press('Space');
  await page.waitForFunction(() => window.__lab.status === 'playing', null, { timeout: 10_000 });
  await page.keyboard.press('Space');
  await page.waitForFunction(() => window.__lab.status === 'paused', null, { timeout: 10_000 });
  await page.keyboard.press('h');
  await page.waitForFunction(() => !document.querySelector('.controls')?.checkVisibility(), null, {
    timeout: 5000,
  });
  await shot(page, 'controls-hidden');
  await close();
});

test('views: overlay, density, tiling and the dark theme render', async ({ browser, url }) => {
  const { page, errors, close } = await openPage(browser, url);
  await ready(page);
  for (const mode of ['overlay', 'density', 'particles']) {
    await page.selectOption('[data-testid=view-mode]', mode);
    await page.waitForTimeout(300);
    await canvasShot(page, `view-${mode}`);
  }
  await page.locator('label', { hasText: '3×3 tiling' }).click();
  await page.waitForTimeout(300);
  const tiled = await canvasShot(page, 'view-particles-tiled');
  const s = await pixelStats(page, tiled, { colours: { plus: PLUS, minus: MINUS }, tolerance: 30 });
  assert(s.near.plus > 200, 'tiled view lost the glyphs');
  // Wheel zoom at the centre spreads the glyphs apart but keeps their size on screen (so a dipole
  // can be resolved); double-click returns to the home view.
  const box = await page.locator('[data-testid=canvas-box] canvas').boundingBox();
  await page.locator('label', { hasText: '3×3 tiling' }).click();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const home = await canvasShot(page, 'view-home');
  for (let i = 0; i < 2; i++) await page.mouse.wheel(0, -300);
  await page.waitForTimeout(300);
  const zoomed = await canvasShot(page, 'view-zoomed');
  const a = await pixelStats(page, home, { colours: { plus: PLUS }, tolerance: 30 });
  const b = await pixelStats(page, zoomed, { colours: { plus: PLUS }, tolerance: 30 });
  const runA = a.near.plus / a.runs.plus;
  const runB = b.near.plus / b.runs.plus;
  assert(
    runB > 0.7 * runA && runB < 1.4 * runA,
    `zoom changed the glyph size: mean run ${runA} → ${runB} px`,
  );
  assert(
    b.near.plus < 0.6 * a.near.plus,
    `zoom did not spread the glyphs: ${a.near.plus} → ${b.near.plus} px`,
  );
  await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
  await page.click('[data-testid=theme]');
  await page.selectOption('[data-testid=view-mode]', 'side');
  await page.waitForTimeout(300);
  await shot(page, 'dark-theme');
  assert(errors.length === 0, errors.join('\n'));
  await close();
});

test('the counterexample preset runs: dipoles stay, the PDE moves', async ({ browser, url }) => {
  const { page, errors, close } = await openPage(browser, url);
  await ready(page);
  await page.click('[data-testid=preset-counterexample]');
  await page.waitForFunction(() => window.__lab.status === 'paused' && window.__lab.n === 1000, null, {
    timeout: LONG,
  });
  await page.click('[data-testid=play]');
  await page.waitForFunction(() => window.__lab.checkpoints() >= 6, null, { timeout: LONG });
  await page.click('[data-testid=play]');
  const d = await lab(page, () => ({
    pde: window.__lab.lastValue('pdeChange'),
    particles: window.__lab.lastValue('particleChange'),
  }));
  await shot(page, 'counterexample');
  assert(d.pde !== null && d.particles !== null, `missing diagnostics ${JSON.stringify(d)}`);
  assert(d.pde > 10 * d.particles, `PDE should move much more than the dipoles: ${JSON.stringify(d)}`);
  assert(errors.length === 0, errors.join('\n'));
  await close();
});
