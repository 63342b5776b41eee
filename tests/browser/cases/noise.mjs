// Noise (MATH §13) in the app: a link with θ > 0 shows θ and the dipole-break line, plots the PDE's
// free energy F (non-increasing) beside E, and replays: the same link, reloaded and stepped to the
// same checkpoints, gives the same particle positions bit for bit (the Brownian path is a function
// of (seed, particle, t) and the noisy grid does not depend on the wall clock). Cost ~20 s (loaded).
import { assert, LONG, lab, openPage, ready, settled, shot, test } from '../harness.mjs';

const LINK = '#v1&n=300&d=0.01&T=0.5&N=64&th=0.002&ns=3';

/** Step K checkpoints (T/200 each) and return the drawn positions and their time. */
async function stepped(page, K) {
  for (let k = 0; k < K; k++) {
    const before = await lab(page, () => window.__lab.particleTime());
    await page.click('[data-testid=step]');
    await page.waitForFunction(
      (t) => window.__lab.particleTime() > t && window.__lab.status === 'paused' && !window.__lab.drawPending,
      before,
      { timeout: LONG },
    );
  }
  return lab(page, () => ({ t: window.__lab.particleTime(), pos: window.__lab.positions() }));
}

test('noise: θ and the dipole line shown, F plotted and non-increasing, a reload replays bit for bit', async ({
  browser,
  url,
}) => {
  const { page, errors, close } = await openPage(browser, url, LINK);
  await ready(page);
  const F0 = await lab(page, () => window.__lab.lastValue('freeEnergyPde'));
  const regime = (await page.textContent('[data-testid=regime-noise]')) ?? '';
  assert(regime.includes('θ = 0.002 (nθ = 0.6)'), `regime noise line: ${regime}`);
  assert(
    regime.includes('dipoles of width δ break at rate ∝ (δ/ℓ)^(1/(nθ))'),
    `regime noise line: ${regime}`,
  );
  const section = (await page.textContent('[data-testid=noise-resolved]')) ?? '';
  assert(section === regime.replace(/^Noise: /, '').replace(/\.$/, ''), `section: ${section} vs ${regime}`);
  const first = await stepped(page, 5);
  // T/200 = 0.0025: five checkpoints end off the noise grid (2⁻⁸), on an unkept partial step
  assert(Math.abs(first.t - 0.0125) < 1e-12, `t = ${first.t}`);
  await page.reload();
  await ready(page);
  const again = await stepped(page, 5);
  assert(again.t === first.t, `times ${again.t} vs ${first.t}`);
  let same = 0;
  for (let i = 0; i < first.pos.length; i++) if (Object.is(first.pos[i], again.pos[i])) same++;
  assert(same === first.pos.length, `${first.pos.length - same} of ${first.pos.length} coordinates differ`);
  // play on: F is plotted (its legend and values), and does not increase
  await page.click('[data-testid=play]');
  await page.waitForFunction(() => window.__lab.checkpoints() >= 40, null, { timeout: LONG });
  await page.click('[data-testid=play]');
  await settled(page);
  const legend = (await page.textContent('[data-testid=plots]')) ?? '';
  assert(legend.includes('F = E_δ + θ∫ρ±log ρ± PDE'), `no F in the plots: ${legend.slice(0, 300)}`);
  const F = await lab(page, () => window.__lab.lastValue('freeEnergyPde'));
  assert(Number.isFinite(F) && F < F0, `F = ${F} at the end, ${F0} at t = 0`);
  const E = await lab(page, () => window.__lab.lastValue('energyPde'));
  const S = await lab(page, () => window.__lab.lastValue('pdeEntropy'));
  assert(Math.abs(F - (E + 0.002 * S)) < 1e-12, `F = ${F} is not E + θ·S = ${E + 0.002 * S}`);
  await shot(page, 'noise');
  // the two noise lines: the regime area's and the Noise section's
  await page.locator('[data-testid=regime-noise]').scrollIntoViewIfNeeded();
  await page.locator('[data-testid=noise-resolved]').scrollIntoViewIfNeeded();
  await shot(page, 'noise-lines');
  assert(errors.length === 0, errors.join('\n'));
  await close();
});

// the two noise presets: the same dipoles either side of the dipole-break line; at t = 0.1 the bound
// fraction is ≈ 0.9 at nθ = 0.3 and ≈ 0.05 at nθ = 3 (CLI, T = 0.5: 0.89 and 0.05)
for (const [id, bound] of [
  ['noise-bound', true],
  ['noise-breaks', false],
]) {
  test(`preset ${id}: the regime line says ${bound ? 'bound' : 'can break'}, and the bound fraction agrees`, async ({
    browser,
    url,
  }) => {
    const { page, errors, close } = await openPage(browser, url);
    await ready(page);
    await page.click(`[data-testid=preset-${id}]`);
    await page.waitForFunction(() => window.__lab.status === 'paused' && window.__lab.n === 400, null, {
      timeout: LONG,
    });
    const line = (await page.textContent('[data-testid=regime-noise]')) ?? '';
    assert(line.includes(bound ? 'effectively bound' : 'dipoles can break'), `noise line: ${line}`);
    await page.click('[data-testid=play]');
    await page.waitForFunction(() => window.__lab.checkpoints() >= 40, null, { timeout: LONG });
    await page.click('[data-testid=play]');
    await settled(page);
    const fraction = await lab(page, () => window.__lab.lastValue('boundFraction'));
    assert(bound ? fraction > 0.6 : fraction < 0.25, `bound fraction ${fraction}`);
    await shot(page, `preset-${id}`);
    assert(errors.length === 0, errors.join('\n'));
    await close();
  });
}
