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

test('a one-typo link keeps every other value, names the field and what was typed, and stays in the address bar', async ({
  browser,
  url,
}) => {
  const typed = '#v1&d=0.02&n=500&rho=sine:0.5,1&view=overlay&map=rhoPlus&theme=dark&text=1.25';
  const { page, errors, close } = await openPage(browser, url, typed);
  await ready(page);
  const text = await page.locator('[data-testid=link-problem]').textContent({ timeout: LONG });
  assert(/rho="sine:0\.5,1"/.test(text ?? ''), `banner says ${text}`);
  const got = await lab(page, () => ({
    s: window.__lab.scenario(),
    hash: window.location.hash,
    mode: document.querySelector('[data-testid=view-mode]').value,
    field: document.querySelector('[data-testid=density-field]').value,
    theme: document.documentElement.dataset.theme,
    size: getComputedStyle(document.documentElement).fontSize,
  }));
  assert(got.s.n === 500 && got.s.delta === 0.02, `values lost: n = ${got.s.n}, δ = ${got.s.delta}`);
  assert(got.hash === typed, `the address bar was rewritten to ${got.hash}`);
  assert(got.mode === 'overlay' && got.field === 'rhoPlus' && got.theme === 'dark', JSON.stringify(got));
  assert(got.size === '18.75px', `text size ${got.size}`);
  await shot(page, 'link-one-typo');
  // the first change writes a clean link that holds the view state
  await page.locator('body').click({ position: { x: 3, y: 710 } });
  await page.keyboard.press('t');
  await page.waitForFunction((t) => window.location.hash !== t, typed, { timeout: 5000 });
  const hash = await lab(page, () => window.location.hash);
  assert(
    !/rho=/.test(hash) && /n=500/.test(hash) && /view=overlay/.test(hash) && /text=1\.25/.test(hash),
    hash,
  );
  assert(!/theme=/.test(hash), `theme back to light is the default: ${hash}`);
  assert(errors.length === 0, errors.join('\n'));
  await close();
});

test('a link with play=1 starts playing; a 1 MB link makes a banner of a few lines, the toolbar stays', async ({
  browser,
  url,
}) => {
  const { page, close } = await openPage(browser, url, '#v1&n=150&play=1');
  await page.waitForFunction(() => window.__lab?.status === 'playing' && window.__lab.clock > 0, null, {
    timeout: LONG,
  });
  await close();
  const huge = await openPage(browser, url, `#v1&T=2&n=${'x'.repeat(1_000_000)}`);
  await ready(huge.page);
  const m = await lab(huge.page, () => {
    const b = document.querySelector('[data-testid=link-problem]').getBoundingClientRect();
    const p = document.querySelector('[data-testid=play]').getBoundingClientRect();
    return {
      b: b.toJSON(),
      p: p.toJSON(),
      sw: document.documentElement.scrollWidth,
      w: innerWidth,
      h: innerHeight,
    };
  });
  assert(m.b.width <= m.w && m.b.height < 160, `banner ${JSON.stringify(m.b)}`);
  assert(m.sw <= m.w, `the page scrolls sideways: ${m.sw}`);
  assert(
    m.p.right <= m.w && m.p.bottom <= m.h && m.p.top >= 0,
    `play button off screen: ${JSON.stringify(m.p)}`,
  );
  await shot(huge.page, 'link-1mb');
  await huge.close();
});

test("the PDE's time scheme: the control writes prk=ssp43 to the link, a reload keeps it, the PDE runs", async ({
  browser,
  url,
}) => {
  const { page, errors, close } = await openPage(browser, url, '#v1&N=64');
  await ready(page);
  await page.selectOption('[data-testid=field-pde-rk] select', 'ssp43');
  await page.waitForFunction(() => /(^|&)prk=ssp43(&|$)/.test(window.location.hash), null, { timeout: LONG });
  await page.reload();
  await ready(page);
  const s = await lab(page, () => window.__lab.scenario());
  assert(s.pde.rk === 'ssp43', `scenario after reload: ${JSON.stringify(s.pde)}`);
  const shown = await page.locator('[data-testid=field-pde-rk] select').inputValue();
  assert(shown === 'ssp43', `the control shows ${shown}`);
  await page.click('[data-testid=play]');
  await page.waitForFunction(() => window.__lab.pdeSteps > 0 && (window.__lab.densityTime() ?? 0) > 0, null, {
    timeout: LONG,
  });
  // back to the default: the key leaves the link
  await page.selectOption('[data-testid=field-pde-rk] select', 'ssp33');
  await page.waitForFunction(() => !/prk=/.test(window.location.hash), null, { timeout: LONG });
  assert(errors.length === 0, errors.join('\n'));
  await close();
});
