import { spawnSync } from 'node:child_process';
import {
  assert,
  LONG,
  lab,
  openPage,
  particleGap,
  ready,
  settled,
  shot,
  test,
  withCpuLoad,
} from '../harness.mjs';

// One clock: header, both panels and the plots show one time, also on a busy machine (both cores
// kept busy by other processes while the page runs).

/** What the page shows now: the header text, the hook's clock and the times of both pictures. */
const onScreen = (page) =>
  lab(page, () => ({
    header: document.querySelector('[data-testid=clock]')?.textContent ?? '',
    clock: window.__lab.clock,
    tp: window.__lab.particleTime(),
    td: window.__lab.densityTime(),
    computed: window.__lab.computed(),
    status: document.querySelector('[data-testid=run-status]')?.textContent ?? '',
  }));

const headerOf = (t) => `t = ${t.toFixed(t > 0 && t < 0.01 ? 5 : t < 1 ? 4 : 3)}`;

test('under CPU load, both panels show one time; a slow side holds the clock and the header says so', async ({
  browser,
  url,
}) => {
  // the link: δ = 1e-7 makes the particles stiff, the PDE raced ahead (0.0093 vs 0.049).
  // (Pausing here would wait for the particles to reach the next checkpoint, which takes minutes
  // on a loaded machine: the replay test below pauses a faster run under the same load.)
  const { page, errors, close } = await openPage(browser, url, '#v1&d=1e-7&rate=0.5');
  await ready(page);
  const samples = await withCpuLoad(async () => {
    await page.click('[data-testid=play]');
    const out = [];
    for (let i = 0; i < 40; i++) {
      await page.waitForTimeout(200);
      out.push(await onScreen(page));
    }
    await shot(page, 'clock-under-load');
    return out;
  });
  let ahead = 0;
  for (const s of samples) {
    assert(s.tp === s.clock && s.td === s.clock, `panels differ: ${JSON.stringify(s)}`);
    assert(s.header === headerOf(s.clock), `header ${s.header} but the pictures are at ${s.clock}`);
    // nothing on screen is later than what the slower side has computed
    assert(s.clock <= s.computed.particles + 1e-12 && s.clock <= s.computed.pde + 1e-12, JSON.stringify(s));
    if (Math.max(s.computed.particles, s.computed.pde) > s.clock + 1e-9) ahead++;
  }
  const last = samples[samples.length - 1];
  assert(last.clock > 0, 'the clock did not move');
  assert(ahead > 0, 'no sample had one side computing ahead: the test did not test the waiting');
  // while playing, at 0.5 t/s asked, the header said the rate was not kept and who limits it
  const slow = samples.find((s) => /not the 0\.5 asked/.test(s.status));
  assert(slow, `the header never said the rate was not kept: ${samples.map((s) => s.status).join(' | ')}`);
  assert(/particle computation|PDE computation|both computations|page/.test(slow.status), slow.status);
  console.log(`     ${slow.status.trim()}; ${ahead}/${samples.length} samples with one side ahead`);
  assert(errors.length === 0, errors.join('\n'));
  await close();
});

test('under CPU load, a link replays the same run: play, pause, step to a checkpoint = node CLI run --replay --pde', async ({
  browser,
  url,
}) => {
  // The workers' steps end on the checkpoint grid only, never at the wall-clock-driven target, so
  // however fast this machine plays, the state at a checkpoint is what node computes from the link.
  const hash = '#v1&n=150&d=0.03&F=0.2,0.1&N=64';
  const { page, errors, close } = await openPage(browser, url, hash);
  await ready(page);
  const got = await withCpuLoad(async () => {
    await page.click('[data-testid=play]');
    await page.waitForFunction(() => window.__lab.clock > 0.012, null, { timeout: LONG });
    await page.click('[data-testid=play]');
    await settled(page);
    // paused: both pictures at one checkpoint
    const paused = await onScreen(page);
    const kp = Math.round(paused.clock / 0.005);
    for (const t of [paused.clock, paused.tp, paused.td])
      assert(Math.abs(t - kp * 0.005) < 1e-12, `paused off checkpoint ${kp}: ${JSON.stringify(paused)}`);
    await page.click('[data-testid=step]');
    await settled(page);
    const r = await lab(page, () => ({
      t: window.__lab.clock,
      tp: window.__lab.particleTime(),
      td: window.__lab.densityTime(),
      pos: window.__lab.positions(),
      rho: window.__lab.densities(),
    }));
    assert(Math.round(r.t / 0.005) === kp + 1, `a step from ${paused.clock} went to ${r.t}`);
    return r;
  });
  const k = Math.round(got.t / 0.005);
  assert(k >= 3 && k <= 200, `unexpected clock ${got.t}`);
  for (const t of [got.t, got.tp, got.td])
    assert(Math.abs(t - k * 0.005) < 1e-12, `not on checkpoint ${k}: ${t}`);
  // --samples 1: one sample at t_k, which is on the grid whatever k is
  const cli = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'run',
      '--in',
      hash,
      '--T',
      String(k * 0.005),
      '--replay',
      '--pde',
      '--samples',
      '1',
      '--fields',
      '+grids',
    ],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  assert(cli.status === 0, `CLI run failed: ${cli.stderr}`);
  const node = JSON.parse(cli.stdout);
  const { worst, worst32 } = particleGap(node.particles, got.pos);
  assert(worst32 === 0, `browser and node particles differ at t = ${got.t} in float32 by up to ${worst32}`);
  assert(worst < 1e-12, `browser and node particles differ at t = ${got.t} by up to ${worst}`);
  assert(node.rhoPlus.length === 64 * 64 && got.rho.plus.length === 64 * 64, 'density grids differ');
  let worstRho = 0;
  node.rhoPlus.forEach((v, i) => {
    worstRho = Math.max(
      worstRho,
      Math.abs(Math.fround(v) - got.rho.plus[i]),
      Math.abs(Math.fround(node.rhoMinus[i]) - got.rho.minus[i]),
    );
  });
  assert(worstRho === 0, `browser and node densities differ at t = ${got.t} by up to ${worstRho}`);
  assert(errors.length === 0, errors.join('\n'));
  await close();
});
