// The 1D presets (the circle T¹, MATH §12): each link opens the circle view (not the torus), both
// workers run the 1D system and PDE, the ring, the particle glyphs and the density bands are on
// screen, the energies and the H⁻² distance are plotted, and nothing is logged as an error.
// Screenshots: tests/browser/screenshots/oned-<preset>.png. Cost ~20 s per preset (loaded).

import {
  assert,
  canvasShot,
  LONG,
  lab,
  MINUS,
  openPage,
  PLUS,
  ready,
  SHOTS,
  settled,
  shot,
  test,
} from '../harness.mjs';
import { pixelStats } from '../pixelStats.mjs';

const INK = [0x33, 0x33, 0x33];

// the ids of src/model/oneD/presets1d.ts (this runner is plain node: it cannot import TypeScript)
for (const preset of [{ id: 'counterexample-1d' }, { id: 'convergence-1d' }]) {
  test(`1D preset ${preset.id}: the circle with particles and densities, 1D diagnostics`, async ({
    browser,
    url,
  }) => {
    const first = await openPage(browser, url);
    await ready(first.page);
    await first.page.click(`[data-testid=preset-${preset.id}]`);
    await first.page.waitForFunction(() => /(^|&)dim=1(&|$)/.test(window.location.hash), null, {
      timeout: LONG,
    });
    // the preset's link, reopened in a fresh page, is what the test runs
    const link = await lab(first.page, () => window.location.hash);
    assert(first.errors.length === 0, first.errors.join('\n'));
    await first.close();
    // played at rate 1 (the preset's 0.02 is for watching): the playback rate is not part of the
    // run, whose steps end on the checkpoint grid alone
    const { page, errors, close } = await openPage(browser, url, link.replace(/rate=[^&]*/, 'rate=1'));
    await ready(page);
    assert((await page.locator('[data-testid=circle-canvas]').count()) === 1, 'no circle view');
    assert((await page.locator('[data-testid=regime-map-1d]').count()) === 1, 'no d = 1 regime map');
    const regime = (await page.textContent('[data-testid=regime-label]')) ?? '';
    const expected = preset.id === 'counterexample-1d' ? 'Thm 4.1 regime' : 'circle: parameters between';
    assert(regime.includes(expected), `regime line: ${regime}`);
    assert(
      (await page.locator('[data-testid=field-geometry]').count()) === 0,
      'the geometry control should be hidden on the circle',
    );
    const n0 = await lab(page, () => window.__lab.n);
    const pos0 = await lab(page, () => window.__lab.positions());
    const signs = await lab(page, () => window.__lab.signs());
    assert(pos0.length === 2 * n0 && signs.length === n0, `n = ${n0}, ${pos0.length} coordinates`);
    assert(
      pos0.every((v, i) => i % 2 === 0 || v === 0),
      'particles must sit on the circle (x₂ = 0)',
    );
    await page.click('[data-testid=play]');
    // to the end (T = 0.2: a few seconds): pausing on the way races a run this short
    await settled(page, 'done');
    const state = await lab(page, () => ({
      grid: window.__lab.densityGrid(),
      dens: window.__lab.densities(),
      pos: window.__lab.positions(),
      t: window.__lab.particleTime(),
      td: window.__lab.densityTime(),
      dPlus: window.__lab.lastValue('distancePlus'),
      dMinus: window.__lab.lastValue('distanceMinus'),
      eP: window.__lab.lastValue('energyParticles'),
      eD: window.__lab.lastValue('energyPde'),
      mass: window.__lab.lastValue('pdeMassPlus'),
    }));
    assert(state.grid && state.dens.plus.length === state.grid, `1D cells: ${state.dens.plus.length}`);
    assert(state.t > 0 && state.td > 0, `both sides ran: ${state.t}, ${state.td}`);
    for (const k of ['dPlus', 'dMinus', 'eP', 'eD'])
      assert(Number.isFinite(state[k]), `${k} not plotted: ${state[k]}`);
    assert(Math.abs(state.mass - 0.5) < 1e-9, `mass ρ+ ${state.mass}`);
    let moved = 0;
    for (let i = 0; i < pos0.length; i += 2) {
      const d = Math.abs(state.pos[i] - pos0[i]);
      moved = Math.max(moved, Math.min(d, 1 - d));
    }
    const rp = state.dens.plus;
    const spread = Math.max(...rp) - Math.min(...rp);
    console.log(
      `     ${preset.id}: t = ${state.t.toFixed(3)}, max particle move ${moved.toExponential(2)}, ρ+ spread ${spread.toFixed(3)}, H⁻² d± = ${state.dPlus.toExponential(2)}, ${state.dMinus.toExponential(2)}, E_n ${state.eP.toFixed(4)}, E_PDE ${state.eD.toFixed(4)}`,
    );
    if (preset.id === 'counterexample-1d') {
      // Thm 4.1: the dipoles stay put while the PDE moves, so the distance is O(1)·(what moved)
      assert(moved < 1e-3, `dipoles moved ${moved}`);
      assert(spread > 0.1, `the PDE did not move: spread ${spread}`);
    } else {
      assert(moved > 1e-3, `particles did not move (${moved})`);
    }
    if (preset.id === 'counterexample-1d') {
      // the lens magnifies one dipole of width 2γδ ≈ 1.3e-11 (the circle view itself cannot zoom)
      await page.click('[data-testid=zoom-dipole]');
      await page.waitForSelector('[data-testid=dipole-lens]', { timeout: LONG });
      await shot(page, `oned-${preset.id}-lens`);
      await page.click('[aria-label="Close the lens"]');
    }
    await shot(page, `oned-${preset.id}-page`);
    await canvasShot(page, `oned-${preset.id}`);
    // the statistics without the legend's text (its ink would move the ring's centroid)
    await page.evaluate(() => {
      document.querySelector('[data-testid=circle-legend]').style.visibility = 'hidden';
    });
    const png = await page.locator('[data-testid=canvas-box] canvas').screenshot();
    const st = await pixelStats(page, png, { colours: { plus: PLUS, minus: MINUS }, tolerance: 30 });
    // the ring's antialiased 1-px line: anything clearly darker than the background
    const ink = await pixelStats(page, png, { colours: { ink: INK }, tolerance: 110 });
    console.log(`     pixels: ${JSON.stringify({ ...st.near, ...ink.near })} of ${st.width}×${st.height}`);
    // the ring is centred in the canvas
    assert(ink.near.ink > 500, `ring not drawn: ${ink.near.ink} ink pixels`);
    const c = ink.centroid.ink;
    assert(
      Math.abs(c.x - st.width / 2) < 0.05 * st.width && Math.abs(c.y - st.height / 2) < 0.05 * st.height,
      `ring off centre: ${JSON.stringify(c)}`,
    );
    assert(st.near.plus > 100 && st.near.minus > 100, `glyphs/curves missing: ${JSON.stringify(st.near)}`);
    // the dark theme (key t): its own glyph colours, the ring in its light ink
    await page.keyboard.press('t');
    await page.waitForFunction(() => !window.__lab.drawPending, null, { timeout: LONG });
    const dark = await canvasShot(page, `oned-${preset.id}-dark`);
    const ds = await pixelStats(page, dark, {
      background: [0x0d, 0x0f, 0x12],
      colours: { plus: [0xff, 0x9a, 0x4d], minus: [0x56, 0xb4, 0xe9] },
      tolerance: 30,
    });
    assert(ds.near.plus > 100 && ds.near.minus > 100, `dark theme: ${JSON.stringify(ds.near)}`);
    assert(errors.length === 0, errors.join('\n'));
    await close();
  });
}

test('Space control: the default torus onto the circle and back (view, link, controls follow)', async ({
  browser,
  url,
}) => {
  const { page, errors, close } = await openPage(browser, url);
  await ready(page);
  assert((await page.locator('[data-testid=circle-canvas]').count()) === 0, 'circle view in 2D');
  await page.selectOption('[data-testid=field-space] select', '1');
  await page.waitForFunction(
    () => /(^|&)dim=1(&|$)/.test(window.location.hash) && window.__lab.status === 'paused',
    null,
    { timeout: LONG },
  );
  await page.waitForSelector('[data-testid=circle-canvas]', { timeout: LONG });
  await page.waitForFunction(() => window.__lab.frames > 0 && !window.__lab.drawPending, null, {
    timeout: LONG,
  });
  const one = await lab(page, () => ({ pos: window.__lab.positions(), scenario: window.__lab.scenario() }));
  assert(one.scenario.dimension === 1, `scenario: ${JSON.stringify(one.scenario).slice(0, 200)}`);
  assert(
    one.pos.every((v, i) => i % 2 === 0 || v === 0),
    'particles on the circle',
  );
  assert((await page.locator('[data-testid=field-geometry]').count()) === 0, 'geometry shown on the circle');
  await page.selectOption('[data-testid=field-space] select', '2');
  await page.waitForFunction(() => !/(^|&)dim=1(&|$)/.test(window.location.hash), null, { timeout: LONG });
  await page.waitForFunction(() => document.querySelector('[data-testid=circle-canvas]') === null, null, {
    timeout: LONG,
  });
  await ready(page);
  assert((await page.locator('[data-testid=field-geometry]').count()) === 1, 'geometry back in 2D');
  assert(errors.length === 0, errors.join('\n'));
  await close();
});

// A tiny study on the circle: 2 groups (quantile data at δ = 0.05, short dipoles at δ = n^−4) ×
// n = 100, 200, T = 0.01, PDE on 64 cells; its regime map draws the d = 1 lines.
const TINY_1D =
  '#study1&vary=data=d=0.05;i=dipoles%26gamma=0.01%26d=pow:1,4&vary=n=100;200&pde=on&samples=2~v1&dim=1&c=poisson&U=1,1,0,0&T=0.01&N=64';

test('a study on the circle runs in the Study panel, its regime map has the d = 1 lines', async ({
  browser,
  url,
}) => {
  const { page, errors, close } = await openPage(browser, url, TINY_1D);
  await page.waitForFunction(() => window.__study?.open === true, null, { timeout: LONG });
  await page.waitForFunction(() => window.__study.status === 'done' && window.__study.done === 4, null, {
    timeout: LONG,
  });
  const rows = await page.evaluate(() => window.__study.rows());
  assert(rows.length === 4 && rows.every((r) => r.status === 'ok'), `rows: ${JSON.stringify(rows)}`);
  const map = page.locator('[data-testid=study-regime-map]');
  assert(
    (await map.locator('[data-testid=regime-map-1d]').count()) === 1,
    'the study map is not the d = 1 map',
  );
  const marks = await map.locator('circle[data-outcome]').count();
  assert(marks === 4, `regime map marks: ${marks}`);
  await map.screenshot({ path: `${SHOTS}oned-study-regime.png` });
  assert(errors.length === 0, errors.join('\n'));
  await close();
});
