import { spawnSync } from 'node:child_process';
import { assert, LONG, lab, openPage, ready, shot, test } from '../harness.mjs';

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
  // The same link through the node CLI: the seeded generator must give the same particles in node,
  // bit for bit (the page receives the float64 state).
  const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'init', '--in', hash], {
    encoding: 'utf8',
  });
  assert(cli.status === 0, `CLI init failed: ${cli.stderr}`);
  const nodeParticles = JSON.parse(cli.stdout).particles;
  assert(nodeParticles.length === n, `CLI gave ${nodeParticles.length} particles, expected ${n}`);
  assert(
    nodeParticles.every(
      ([x, y, b], i) => x === second.pos[2 * i] && y === second.pos[2 * i + 1] && b === second.signs[i],
    ),
    'node and browser particles differ for the same link',
  );
  await shot(page, 'reloaded');
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
