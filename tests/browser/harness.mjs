// Shared helpers of the browser tests: a test registry, pages that record console errors, waits on
// the read-only test hook `window.__lab` (rendered frames, worker step counters), screenshots,
// and CPU load from other processes (lecture laptops and CI machines are busy).
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });
export const VIEWPORT = { width: 1280, height: 720 };
export const LONG = 90_000;

export const tests = [];
export const test = (name, fn) => tests.push({ name, fn });

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** A fresh page that records console errors and uncaught exceptions. */
export async function openPage(browser, url, hash = '', { viewport = VIEWPORT, init } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  await page.goto(url + hash);
  return { page, errors, close: () => context.close() };
}

/** Wait until the run has been prepared (paused at t = 0) and at least one frame was drawn. */
export async function ready(page) {
  await page.waitForFunction(() => window.__lab?.status === 'paused' && window.__lab.frames > 0, null, {
    timeout: LONG,
  });
}

/** Wait until the run is paused and its last picture has been drawn. */
export async function settled(page, status = 'paused') {
  await page.waitForFunction((s) => window.__lab.status === s && !window.__lab.drawPending, status, {
    timeout: LONG,
  });
}

export const lab = (page, expr, arg) => page.evaluate(expr, arg);

export async function shot(page, name) {
  const png = await page.screenshot();
  writeFileSync(`${SHOTS}${name}.png`, png);
  return png;
}

export async function canvasShot(page, name) {
  const png = await page.locator('[data-testid=canvas-box] canvas').screenshot();
  writeFileSync(`${SHOTS}${name}.png`, png);
  return png;
}

export const PLUS = [0xd5, 0x5e, 0x00];
export const MINUS = [0x00, 0x72, 0xb2];

/** Run fn while `cores` busy-looping node processes compete for the CPU (killed afterwards). */
export async function withCpuLoad(fn, cores = 2) {
  const hogs = Array.from({ length: cores }, () =>
    spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }),
  );
  try {
    return await fn();
  } finally {
    for (const h of hogs) h.kill('SIGKILL');
  }
}

/**
 * How far the browser's particles (interleaved) are from node's ([[x, y, …], …]): in float64 and
 * rounded to float32. Chromium's V8 and node's differ in the last bit of exp/log/sin/cos for a few %
 * of arguments, so two runs of one link agree to round-off in float64 and exactly in float32 (what
 * is drawn, and what the densities are sent as).
 */
export function particleGap(nodeParticles, pos) {
  let worst = 0;
  let worst32 = 0;
  nodeParticles.forEach(([x, y], i) => {
    worst = Math.max(worst, Math.abs(x - pos[2 * i]), Math.abs(y - pos[2 * i + 1]));
    const [gx, gy] = [Math.fround(pos[2 * i]), Math.fround(pos[2 * i + 1])];
    worst32 = Math.max(worst32, Math.abs(Math.fround(x) - gx), Math.abs(Math.fround(y) - gy));
  });
  return { worst, worst32 };
}
