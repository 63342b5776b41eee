// Browser tests: build the app with vite, serve it on a free localhost port, and drive Debian's
// Chromium (software WebGL) through playwright-core. Waits on the in-page counters of the read-only
// test hook `window.__lab` (rendered frames, each worker's own step counter), never on fps.
// Prints `N passed, M failed` last and exits non-zero on failure.
//   node tests/browser/run.mjs [--no-build] [name filter]
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assertChromium, launchBrowser } from './browser.mjs';
import { pixelStats } from './pixelStats.mjs';
import { serveApp } from './server.mjs';
import { serveStatic } from './staticServer.mjs';

assertChromium();

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });
const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const filter = args.find((a) => !a.startsWith('--'));
const VIEWPORT = { width: 1280, height: 720 };
const LONG = 90_000;

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** A fresh page that records console errors and uncaught exceptions. */
async function openPage(browser, url, hash = '') {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  await page.goto(url + hash);
  return { page, errors, close: () => context.close() };
}

/** Wait until the run has been prepared (paused at t = 0) and at least one frame was drawn. */
async function ready(page) {
  await page.waitForFunction(() => window.__lab?.status === 'paused' && window.__lab.frames > 0, null, {
    timeout: LONG,
  });
}

const lab = (page, expr) => page.evaluate(expr);

async function shot(page, name) {
  const png = await page.screenshot();
  writeFileSync(`${SHOTS}${name}.png`, png);
  return png;
}

async function canvasShot(page, name) {
  const png = await page.locator('[data-testid=canvas-box] canvas').screenshot();
  writeFileSync(`${SHOTS}${name}.png`, png);
  return png;
}

const PLUS = [0xd5, 0x5e, 0x00];
const MINUS = [0x00, 0x72, 0xb2];

test('loads with no console errors', async ({ browser, url }) => {
  const { page, errors, close } = await openPage(browser, url);
  await ready(page);
  await page.waitForTimeout(500);
  await shot(page, 'load');
  const title = await page.title();
  assert(title.includes('Dislocation lab'), `unexpected title ${title}`);
  assert(errors.length === 0, errors.join('\n'));
  await close();
});

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

test('play advances the clock and moves the particles; pause stops it', async ({ browser, url }) => {
  const { page, errors, close } = await openPage(browser, url);
  await ready(page);
  const before = await lab(page, () => ({ pos: window.__lab.positions(), frames: window.__lab.frames }));
  await page.click('[data-testid=play]');
  await page.waitForFunction(
    (f) => window.__lab.clock > 0.01 && window.__lab.frames >= f + 3,
    before.frames,
    {
      timeout: LONG,
    },
  );
  await page.click('[data-testid=play]');
  await page.waitForFunction(() => window.__lab.status === 'paused', null, { timeout: LONG });
  const after = await lab(page, () => ({ pos: window.__lab.positions(), clock: window.__lab.clock }));
  await shot(page, 'after-play');
  let moved = 0;
  for (let i = 0; i < before.pos.length; i++) moved = Math.max(moved, Math.abs(after.pos[i] - before.pos[i]));
  assert(moved > 1e-4, `particles did not move (max displacement ${moved})`);
  const clockText = await page.textContent('[data-testid=clock]');
  assert(/t = 0\.0[1-9]|t = 0\.[1-9]/.test(clockText ?? ''), `clock shows ${clockText}`);
  const c1 = await lab(page, () => window.__lab.clock);
  await page.waitForTimeout(600);
  const c2 = await lab(page, () => window.__lab.clock);
  assert(c1 === c2, `clock moved while paused (${c1} → ${c2})`);
  assert(errors.length === 0, errors.join('\n'));
  await close();
});

test('both workers step concurrently while playing', async ({ browser, url }) => {
  const { page, close } = await openPage(browser, url);
  await ready(page);
  await page.click('[data-testid=play]');
  const a = await lab(page, () => ({ p: window.__lab.particleCalls, d: window.__lab.pdeCalls }));
  await page.waitForFunction(
    (a0) => window.__lab.particleCalls >= a0.p + 5 && window.__lab.pdeCalls >= a0.d + 5,
    a,
    { timeout: LONG },
  );
  // In one short window, both counters move: neither worker waits for the other to finish.
  const windows = [];
  for (let i = 0; i < 4; i++) {
    const s0 = await lab(page, () => ({ p: window.__lab.particleCalls, d: window.__lab.pdeCalls }));
    await page.waitForTimeout(400);
    const s1 = await lab(page, () => ({ p: window.__lab.particleCalls, d: window.__lab.pdeCalls }));
    windows.push([s1.p - s0.p, s1.d - s0.d]);
  }
  await page.click('[data-testid=play]');
  const both = windows.filter(([p, d]) => p > 0 && d > 0).length;
  assert(both >= 3, `workers did not advance together: ${JSON.stringify(windows)}`);
  await close();
});

test('single step advances by h = T/200', async ({ browser, url }) => {
  const { page, close } = await openPage(browser, url);
  await ready(page);
  await page.click('[data-testid=step]');
  await page.waitForFunction(() => window.__lab.status === 'paused' && window.__lab.clock > 0, null, {
    timeout: LONG,
  });
  const t = await lab(page, () => window.__lab.clock);
  assert(Math.abs(t - 1 / 200) < 1e-9, `step went to ${t}, expected 0.005`);
  await close();
});

test('a slider change updates the URL, and reloading it reproduces the particles', async ({
  browser,
  url,
}) => {
  const { page, close } = await openPage(browser, url);
  await ready(page);
  const hash0 = await page.evaluate(() => window.location.hash);
  const slider = page.locator('[data-testid=field-n] input[type=range]');
  await slider.focus();
  for (let i = 0; i < 5; i++) await slider.press('ArrowLeft');
  await page.waitForFunction((h) => window.location.hash !== h && /n=\d+/.test(window.location.hash), hash0, {
    timeout: LONG,
  });
  const hash = await page.evaluate(() => window.location.hash);
  const n = Number(/n=(\d+)/.exec(hash)[1]);
  assert(n < 400, `n did not decrease: ${hash}`);
  await page.waitForFunction((n) => window.__lab.status === 'paused' && window.__lab.n === n, n, {
    timeout: LONG,
  });
  const first = await lab(page, () => ({ pos: window.__lab.positions(), signs: window.__lab.signs() }));
  await page.reload();
  await page.waitForFunction((n) => window.__lab?.status === 'paused' && window.__lab.n === n, n, {
    timeout: LONG,
  });
  const second = await lab(page, () => ({
    pos: window.__lab.positions(),
    signs: window.__lab.signs(),
    hash: window.location.hash,
  }));
  assert(second.hash === hash, `reload changed the hash: ${hash} → ${second.hash}`);
  assert(first.pos.length === 2 * n && second.pos.length === 2 * n, 'wrong number of positions');
  assert(
    first.pos.every((v, i) => v === second.pos[i]) && first.signs.every((v, i) => v === second.signs[i]),
    'reloaded particles differ',
  );
  // The same link through the node CLI: the seeded generator must give the same particles in node
  // (the page receives them as float32 for rendering, so compare after rounding to float32).
  const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'init', '--in', hash], {
    encoding: 'utf8',
  });
  assert(cli.status === 0, `CLI init failed: ${cli.stderr}`);
  const nodeParticles = JSON.parse(cli.stdout).particles;
  assert(nodeParticles.length === n, `CLI gave ${nodeParticles.length} particles, expected ${n}`);
  assert(
    nodeParticles.every(
      ([x, y, b], i) =>
        Math.fround(x) === second.pos[2 * i] &&
        Math.fround(y) === second.pos[2 * i + 1] &&
        b === second.signs[i],
    ),
    'node and browser particles differ for the same link',
  );
  await shot(page, 'reloaded');
  await close();
});

test('a link replays the same run: play, pause, step to a checkpoint = node CLI run --replay --pde', async ({
  browser,
  url,
}) => {
  // The workers' steps end on the checkpoint grid only, never at the wall-clock-driven target, so
  // however fast this machine plays, the state at a checkpoint is what node computes from the link.
  const hash = '#v1&n=150&d=0.03&F=0.2,0.1&N=64';
  const { page, errors, close } = await openPage(browser, url, hash);
  await ready(page);
  await page.click('[data-testid=play]');
  await page.waitForFunction(() => window.__lab.clock > 0.012, null, { timeout: LONG });
  await page.click('[data-testid=play]');
  await page.waitForFunction(() => window.__lab.status === 'paused', null, { timeout: LONG });
  await page.click('[data-testid=step]');
  await page.waitForFunction(() => window.__lab.status === 'paused', null, { timeout: LONG });
  const got = await lab(page, () => ({
    t: window.__lab.clock,
    tp: window.__lab.particleTime(),
    td: window.__lab.densityTime(),
    pos: window.__lab.positions(),
    rho: window.__lab.densities(),
  }));
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
    ],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  assert(cli.status === 0, `CLI run failed: ${cli.stderr}`);
  const node = JSON.parse(cli.stdout);
  let worst = 0;
  node.particles.forEach(([x, y], i) => {
    worst = Math.max(
      worst,
      Math.abs(Math.fround(x) - got.pos[2 * i]),
      Math.abs(Math.fround(y) - got.pos[2 * i + 1]),
    );
  });
  assert(worst === 0, `browser and node particles differ at t = ${got.t} by up to ${worst}`);
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

test('a garbled link shows what was wrong and loads the default scenario', async ({ browser, url }) => {
  const { page, errors, close } = await openPage(browser, url, '#v1&n=abc&%zz');
  await ready(page);
  const banner = page.locator('[data-testid=link-problem]');
  await banner.waitFor({ timeout: LONG });
  const text = await banner.textContent();
  assert(/could not be read/.test(text ?? ''), `banner says ${text}`);
  const n = await lab(page, () => window.__lab.n);
  assert(n === 400, `default scenario expected (n = 400), got n = ${n}`);
  await shot(page, 'garbled-link');
  assert(errors.length === 0, errors.join('\n'));
  await close();
});

test('a truncated or future-version link is reported too', async ({ browser, url }) => {
  for (const [hash, pattern] of [
    ['#v99&n=100', /newer|version/i],
    ['#v1&n=', /n/],
    ['#hello', /scenario link|v1/],
  ]) {
    const { page, close } = await openPage(browser, url, hash);
    await ready(page);
    const text = await page.locator('[data-testid=link-problem]').textContent({ timeout: LONG });
    assert(pattern.test(text ?? ''), `${hash}: banner says ${text}`);
    const n = await lab(page, () => window.__lab.n);
    assert(n === 400, `${hash}: default scenario expected, got n = ${n}`);
    await close();
  }
});

test('bad input shows an inline message and keeps the previous value', async ({ browser, url }) => {
  const { page, close } = await openPage(browser, url);
  await ready(page);
  const field = page.locator('[data-testid=field-n] input[type=text]');
  await field.fill('abc');
  await field.press('Enter');
  const err = page.locator('[data-testid=field-n] .error');
  await err.waitFor({ timeout: 5000 });
  assert(/not a number/.test((await err.textContent()) ?? ''), 'no inline message for NaN');
  await field.fill('1e9');
  await field.press('Enter');
  assert(/between/.test((await err.textContent()) ?? ''), 'no inline message for out of range');
  const s = await lab(page, () => window.__lab.scenario());
  assert(s.n === 400, `scenario changed to n = ${s.n}`);
  await shot(page, 'bad-input');
  await close();
});

test('a preset pushes a history entry; Back restores the previous scenario', async ({ browser, url }) => {
  const { page, close } = await openPage(browser, url);
  await ready(page);
  const hash0 = await page.evaluate(() => window.location.hash);
  await page.click('[data-testid=preset-torn-dipole]');
  await page.waitForFunction(() => window.__lab.status === 'paused' && window.__lab.n === 2, null, {
    timeout: LONG,
  });
  const hash1 = await page.evaluate(() => window.location.hash);
  assert(hash1 !== hash0 && /F=14/.test(hash1), `preset hash ${hash1}`);
  await page.goBack();
  await page.waitForFunction(() => window.__lab.status === 'paused' && window.__lab.n === 400, null, {
    timeout: LONG,
  });
  const hash2 = await page.evaluate(() => window.location.hash);
  assert(hash2 === hash0, `Back gave ${hash2}, expected ${hash0}`);
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
  // Wheel zoom at the centre magnifies the glyphs; double-click returns to the home view.
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
  assert(runB > 1.5 * runA, `zoom did not magnify the glyphs: mean run ${runA} → ${runB} px`);
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

(await import('./csp.mjs')).registerCspTests(test, assert);

// ——— runner ———

const app = await serveApp({ skipBuild });
const browser = await launchBrowser();
let passed = 0;
let failed = 0;
for (const t of tests) {
  if (filter && !t.name.includes(filter)) continue;
  const start = Date.now();
  try {
    await t.fn({ browser, url: app.url });
    passed++;
    console.log(`ok   ${t.name} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    console.log(
      `FAIL ${t.name}\n     ${String(e?.stack ?? e)
        .split('\n')
        .slice(0, 4)
        .join('\n     ')}`,
    );
  }
}
await browser.close();
await app.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
