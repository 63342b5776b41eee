import { assert, LONG, lab, openPage, ready, shot, test } from '../harness.mjs';

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
