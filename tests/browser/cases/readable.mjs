import { assert, canvasShot, LONG, openPage, ready, settled, shot, test } from '../harness.mjs';
import { pixelStats } from '../pixelStats.mjs';

const legendText = (page) => page.locator('[data-testid=legend]').textContent();

test('readable pictures: the density redraws when paused, ρ± scales start at 0, colour scale fixed, PDE series go with the PDE, hover readout', async ({
  browser,
  url,
}) => {
  const { page, errors, close } = await openPage(browser, url, '#v1&n=150&N=64');
  await ready(page);
  const kappa = await canvasShot(page, 'density-kappa');
  await page.selectOption('[data-testid=density-field]', 'rhoPlus');
  await page.waitForFunction(
    () => /ρ\+ 0 /.test(document.querySelector('[data-testid=legend]').textContent),
    null,
    { timeout: 5000 },
  );
  await page.waitForTimeout(300);
  const rho = await canvasShot(page, 'density-rhoPlus-paused');
  // κ = 0 is the neutral colour, ρ+ = ½ of a [0, 1] scale is not: the paused picture was redrawn
  const a = await pixelStats(page, kappa, { colours: { mid: [0xf4, 0xa5, 0x82] }, tolerance: 25 });
  const b = await pixelStats(page, rho, { colours: { mid: [0xf4, 0xa5, 0x82] }, tolerance: 25 });
  assert(
    b.near.mid > a.near.mid + 0.1 * b.width * b.height,
    `density not redrawn: ${a.near.mid} → ${b.near.mid}`,
  );
  const l = await legendText(page);
  assert(/ρ\+ 0 /.test(l), `ρ+ legend should start at 0: ${l}`);
  // a fixed colour range is what the legend says
  await page.selectOption('[data-testid=density-field]', 'kappa');
  await page.selectOption('[data-testid=color-scale]', 'fixed');
  await page.fill('[data-testid=color-max]', '5');
  await page.press('[data-testid=color-max]', 'Enter');
  await page.waitForFunction(
    () => /-5.*5/.test(document.querySelector('[data-testid=legend]').textContent),
    null,
    { timeout: 5000 },
  );
  // hover readout: the legend under a chart shows the values at the cursor's t
  for (let i = 0; i < 6; i++) {
    await page.click('[data-testid=step]');
    await settled(page);
  }
  const plot = page.locator('.plot .u-over').first();
  const box = await plot.boundingBox();
  const latest = await page.locator('.plot-legend .readout-t').first().textContent();
  await page.mouse.move(box.x + box.width * 0.01, box.y + box.height / 2);
  // the readout follows the cursor on the plot's next draw: wait for it (a fixed 200 ms was too
  // short once on a busy machine), then assert as before
  await page
    .waitForFunction(
      (before) => {
        const t = document.querySelector('.plot-legend .readout-t')?.textContent ?? '';
        return t !== before && /t = 0\b/.test(t);
      },
      latest,
      { timeout: 5000 },
    )
    .catch(() => {});
  const hovered = await page.locator('.plot-legend .readout-t').first().textContent();
  assert(latest !== hovered && /t = 0\b/.test(hovered), `readout ${latest} → ${hovered}`);
  await shot(page, 'plots-readout');
  // the PDE off: its series, legend entries and the density legend go
  await page.locator('text=Solve the PDE alongside').click();
  await page.waitForFunction(
    () => window.__lab.status === 'paused' && window.__lab.densityTime() === null,
    null,
    { timeout: LONG },
  );
  const legends = await page.locator('.plot-legend').allTextContents();
  assert(
    !legends.some((t) => /ρ/.test(t)) && legends.some((t) => /particles moved/.test(t)),
    legends.join(' | '),
  );
  assert(
    (await page.locator('[data-testid=legend]').count()) === 0,
    'density legend still shown with the PDE off',
  );
  assert(errors.length === 0, errors.join('\n'));
  await close();
});

test('glyphs and labels: bound dipoles are rings, "Zoom to a dipole" shows both ends with a δ scale bar; the regime line and criterion', async ({
  browser,
  url,
}) => {
  // 50 short dipoles of width 2γδ = δ = 1e-6 under U = cos 2πx₁
  const { page, errors, close } = await openPage(
    browser,
    url,
    '#v1&i=dipoles&n=100&d=1e-6&U=1,1,0,0&pde=off',
  );
  await ready(page);
  const png = await canvasShot(page, 'bound-dipole-rings');
  const s = await pixelStats(page, png, {
    colours: { ink: [0x11, 0x14, 0x18], plus: [0xd5, 0x5e, 0x00] },
    tolerance: 30,
  });
  assert(s.near.ink > 500, `no rings drawn: ${JSON.stringify(s.near)}`);
  assert(s.near.plus < 50, `bound particles still drawn as ⊥: ${s.near.plus} px`);
  await page.click('[data-testid=zoom-dipole]');
  const lens = page.locator('[data-testid=dipole-lens]');
  await lens.waitFor({ timeout: 5000 });
  const caption = await lens.textContent();
  assert(/distance 1 δ/.test(caption) && /δ = 1e-6/.test(caption), `lens says ${caption}`);
  assert(
    (await lens.locator('g.plus').count()) === 1 && (await lens.locator('g.minus').count()) === 1,
    'lens lacks an end',
  );
  await shot(page, 'zoom-to-dipole');
  const label = await page.locator('[data-testid=regime-label]').textContent();
  assert(
    /parameters in the Thm 4\.4/.test(label) && /short dipoles under a non-constant U ✓/.test(label),
    label,
  );
  const crit = await page.locator('[data-testid=regime-criterion]').textContent();
  assert(/= 10\^\(\d\.\d\d×10¹¹\)/.test(crit), `criterion ${crit}`);
  // the torn dipole: same parameter regime, but F ≠ 0 and two particles: no claim
  await page.click('[data-testid=preset-torn-dipole]');
  await page.waitForFunction(() => window.__lab.status === 'paused' && window.__lab.n === 2, null, {
    timeout: LONG,
  });
  const torn = await page.locator('[data-testid=regime-label]').textContent();
  assert(/F ≠ 0 is outside the theorem/.test(torn), torn);
  // the large-n note says what a step costs (back to the dipoles: the torn pair's n is fixed)
  await page.goBack();
  await page.waitForFunction(() => window.__lab.status === 'paused' && window.__lab.n === 100, null, {
    timeout: LONG,
  });
  const n = page.locator('[data-testid=field-n] input[type=text]');
  await n.fill('50000');
  await n.press('Enter');
  const note = await page.locator('[data-testid=large-n-note]').textContent({ timeout: 5000 });
  const cost = await page.locator('[data-testid=pair-sum-cost]').textContent();
  assert(/O\(n log n\)/.test(note) && /fast near\/far sum, O\(n log n\)/.test(cost), `${note} | ${cost}`);
  assert(errors.length === 0, errors.join('\n'));
  await close();
});
