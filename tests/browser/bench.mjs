// Browser benchmark: frames per second and simulation steps per second in headless Chromium
// (software WebGL), for n = 1e3 and 1e4 particles with the 128² PDE alongside.
//   import { benchBrowser } from './tests/browser/bench.mjs'  → rows {name, value, unit}
//   node tests/browser/bench.mjs [--no-build]                → prints the rows as JSON lines
import { fileURLToPath } from 'node:url';
import { assertChromium, launchBrowser } from './browser.mjs';
import { serveApp } from './server.mjs';

const CASES = [
  { n: 1000, hash: '#v1&n=1000&N=128&T=1000&rate=1000' },
  { n: 10000, hash: '#v1&n=10000&N=128&T=1000&rate=1000' },
];
const WINDOW_MS = 10_000;
// Issue 12's app case: n = 400 i.i.d., δ = 1e-7 (pairs collapse to short dipoles during the run),
// U = 0.5 cos 2πx₁, PDE 128² alongside; the wall time from Play until the drawn clock reaches T.
const TO_T = { n: 400, T: 0.2, hash: '#v1&d=1e-7&samp=iid&T=0.2&rate=1000', limitMs: 300_000 };

function snapshot(page) {
  return page.evaluate(() => ({
    now: performance.now(),
    frames: window.__lab.frames,
    clock: window.__lab.clock,
    particleSteps: window.__lab.particleSteps,
    pdeSteps: window.__lab.pdeSteps,
    particleCalls: window.__lab.particleCalls,
    pdeCalls: window.__lab.pdeCalls,
  }));
}

async function benchCase(browser, url, { n, hash }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(url + hash);
  await page.waitForFunction((n) => window.__lab?.status === 'paused' && window.__lab.n === n, n, {
    timeout: 600_000,
  });
  const initMs = Date.now() - t0;
  await page.click('[data-testid=play]');
  // Warm up until both workers have answered at least once.
  await page.waitForFunction(() => window.__lab.particleCalls >= 1 && window.__lab.pdeCalls >= 1, null, {
    timeout: 600_000,
  });
  const a = await snapshot(page);
  await page.waitForTimeout(WINDOW_MS);
  const b = await snapshot(page);
  await context.close();
  const s = (b.now - a.now) / 1000;
  const tag = `n=${n}, PDE 128²`;
  return [
    { name: `${tag}: page ready (kernel + initial data)`, value: initMs / 1000, unit: 's' },
    { name: `${tag}: rendered frames`, value: (b.frames - a.frames) / s, unit: 'frames/s' },
    {
      name: `${tag}: particle integrator steps`,
      value: (b.particleSteps - a.particleSteps) / s,
      unit: 'steps/s',
    },
    { name: `${tag}: PDE steps`, value: (b.pdeSteps - a.pdeSteps) / s, unit: 'steps/s' },
    {
      name: `${tag}: particle worker replies`,
      value: (b.particleCalls - a.particleCalls) / s,
      unit: 'replies/s',
    },
    { name: `${tag}: PDE worker replies`, value: (b.pdeCalls - a.pdeCalls) / s, unit: 'replies/s' },
    { name: `${tag}: simulated time`, value: (b.clock - a.clock) / s, unit: 't per s' },
  ];
}

async function timeToT(browser, url, { n, T, hash, limitMs }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(url + hash);
  await page.waitForFunction((n) => window.__lab?.status === 'paused' && window.__lab.n === n, n, {
    timeout: 600_000,
  });
  await page.click('[data-testid=play]');
  const t0 = Date.now();
  let reached = true;
  await page
    .waitForFunction((T) => window.__lab.clock >= T * (1 - 1e-12), T, { timeout: limitMs, polling: 100 })
    .catch(() => {
      reached = false;
    });
  const wall = (Date.now() - t0) / 1000;
  const s = await snapshot(page);
  await context.close();
  const tag = `app n=${n} δ=1e-7 i.i.d., PDE 128²`;
  return [
    {
      name: `${tag}: Play → clock T=${T} (target ≤ 20 s)`,
      value: wall,
      unit: reached ? 's' : `s (stopped at t = ${s.clock.toPrecision(3)})`,
    },
    { name: `${tag}: particle / PDE steps`, value: s.particleSteps, unit: `/ ${s.pdeSteps}` },
  ];
}

/** Build, serve, and measure; returns rows {name, value, unit}. */
export async function benchBrowser({ skipBuild = false } = {}) {
  assertChromium();
  const app = await serveApp({ skipBuild });
  const browser = await launchBrowser();
  try {
    const rows = [];
    for (const c of CASES) rows.push(...(await benchCase(browser, app.url, c)));
    rows.push(...(await timeToT(browser, app.url, TO_T)));
    return rows;
  } finally {
    await browser.close();
    await app.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await benchBrowser({ skipBuild: process.argv.includes('--no-build') });
  for (const r of rows) console.log(JSON.stringify(r));
}
