import { assert, LONG, lab, openPage, PLUS, ready, SHOTS, shot, test } from '../harness.mjs';
import { pixelStats } from '../pixelStats.mjs';

// Layouts measured, not hoped: at every size the view is the largest thing on screen, nothing
// overflows sideways, h hides the controls, a second h the plots too; phones get a drawer.

const SIZES = [
  [1280, 720],
  [1920, 1080],
  [1024, 768],
  [800, 450],
  [390, 844],
];

/** Visible areas (clipped to the viewport) of the main parts, and what sticks out sideways. */
const measure = (page) =>
  lab(page, () => {
    const vis = (sel) => {
      const e = document.querySelector(sel);
      if (!e?.checkVisibility()) return 0;
      const r = e.getBoundingClientRect();
      const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
      const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
      return w * h;
    };
    // sticking out on the right and not clipped by an ancestor that itself fits
    const clipped = (e) => {
      for (let a = e.parentElement; a; a = a.parentElement)
        if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= innerWidth + 1)
          return true;
      return false;
    };
    const outside = [...document.querySelectorAll('body *')]
      .filter((e) => e.checkVisibility() && e.getBoundingClientRect().right > innerWidth + 1 && !clipped(e))
      .map((e) => e.tagName + (e.className ? `.${String(e.className).split(' ')[0]}` : ''));
    return {
      canvas: vis('[data-testid=canvas-box]'),
      controls: vis('.controls'),
      plots: vis('.plots'),
      header: vis('.header'),
      toolbar: vis('.view-toolbar'),
      viewport: innerWidth * innerHeight,
      scrollWidth: document.documentElement.scrollWidth,
      width: innerWidth,
      outside: outside.slice(0, 5),
      copyLink: vis('[data-testid=copy-link]') > 0,
    };
  });

function checkLayout(m, where) {
  assert(m.scrollWidth <= m.width, `${where}: the page scrolls sideways (${m.scrollWidth} > ${m.width})`);
  assert(m.outside.length === 0, `${where}: sticking out on the right: ${m.outside.join(', ')}`);
  for (const part of ['controls', 'plots', 'header', 'toolbar'])
    assert(
      m.canvas > m[part],
      `${where}: the ${part} (${m[part]} px²) are larger than the view (${m.canvas} px²)`,
    );
}

test('layouts at 1280×720, 1920×1080, 1024×768, 800×450 and 390×844: the view is the largest, h and hh give it the space', async ({
  browser,
  url,
}) => {
  const rows = [];
  // one page, resized: the layout follows the window without a reload
  const { page, errors, close } = await openPage(browser, url, '', {
    viewport: { width: SIZES[0][0], height: SIZES[0][1] },
  });
  await ready(page);
  for (const [width, height] of SIZES) {
    const where = `${width}×${height}`;
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300);
    const m0 = await measure(page);
    await shot(page, `layout-${width}x${height}`);
    checkLayout(m0, where);
    assert(m0.copyLink, `${where}: Copy link is not on screen`);
    assert(
      m0.canvas > 0.3 * m0.viewport,
      `${where}: the view has only ${((100 * m0.canvas) / m0.viewport).toFixed(0)} % of the screen`,
    );
    // h: controls hidden, the view gets the space
    await page.keyboard.press('h');
    await page.waitForFunction(() => !document.querySelector('.controls')?.checkVisibility(), null, {
      timeout: 5000,
    });
    await page.waitForTimeout(150);
    const m1 = await measure(page);
    checkLayout(m1, `${where} after h`);
    assert(m1.canvas >= m0.canvas - 1, `${where}: h made the view smaller (${m0.canvas} → ${m1.canvas})`);
    // h again: the picture alone, with the time
    await page.keyboard.press('h');
    await page.waitForSelector('[data-testid=time-overlay]', { timeout: 5000 });
    await page.waitForTimeout(150);
    const m2 = await measure(page);
    assert(m2.plots === 0 && m2.header === 0, `${where} after hh: plots or header still shown`);
    assert(
      m2.canvas > 0.9 * m2.viewport,
      `${where} after hh: the view has ${((100 * m2.canvas) / m2.viewport).toFixed(0)} %`,
    );
    if (width === 1280 || width === 390) await shot(page, `layout-${width}x${height}-picture-alone`);
    await page.keyboard.press('h');
    await page.waitForFunction(() => document.querySelector('.header')?.checkVisibility(), null, {
      timeout: 5000,
    });
    if (width < 1200) {
      // the controls are a drawer: open it, it lies over the view, Esc closes it
      await page.click('[data-testid=toggle-controls]');
      await page.waitForFunction(() => document.querySelector('.controls')?.checkVisibility(), null, {
        timeout: 5000,
      });
      const drawer = await lab(page, () =>
        document.querySelector('.controls').getBoundingClientRect().toJSON(),
      );
      assert(
        drawer.right <= width + 1 && drawer.height > 0.9 * height,
        `${where}: drawer ${JSON.stringify(drawer)}`,
      );
      if (width === 390) await shot(page, 'layout-390x844-drawer');
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('.controls')?.checkVisibility(), null, {
        timeout: 5000,
      });
    }
    rows.push(
      `${where}: view ${((100 * m0.canvas) / m0.viewport).toFixed(0)} % → h ${((100 * m1.canvas) / m1.viewport).toFixed(0)} % → hh ${((100 * m2.canvas) / m2.viewport).toFixed(0)} %`,
    );
  }
  assert(errors.length === 0, errors.join('\n'));
  await close();
  console.log(`     ${rows.join('\n     ')}`);
});

test('presentation: text size scales the plots too; ? shows the help; Enter in a field gives the keys back', async ({
  browser,
  url,
}) => {
  const { page, errors, close } = await openPage(browser, url);
  await ready(page);
  const fontOf = () =>
    lab(page, () => ({
      body: Number.parseFloat(getComputedStyle(document.body).fontSize),
      plot: Number.parseFloat(
        getComputedStyle(document.querySelector('.plot .axis-title') ?? document.body).fontSize,
      ),
      tick: Number(document.querySelector('.plot')?.dataset.fontPx ?? Number.NaN),
    }));
  const f1 = await fontOf();
  await page.selectOption('[data-testid=text-size]', '1.5');
  await page.waitForTimeout(400);
  const f15 = await fontOf();
  assert(f15.body >= 1.5 * f1.body - 0.01, `text size 1.5×: body ${f1.body} → ${f15.body}`);
  assert(f15.plot >= 1.5 * f1.plot - 0.01, `text size 1.5×: plot titles ${f1.plot} → ${f15.plot}`);
  assert(f15.tick >= 1.5 * f1.tick - 0.01, `plot tick labels ${f1.tick} → ${f15.tick} px`);
  await shot(page, 'text-size-1.5');
  await page.selectOption('[data-testid=text-size]', '1');
  // '?' opens the overlay with the shortcuts and what the picture shows; Esc closes it
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  await page.keyboard.press('?');
  const help = page.locator('[data-testid=help-overlay]');
  await help.waitFor({ timeout: 5000 });
  const text = await help.textContent();
  assert(
    /What am I looking at/.test(text) && /Space/.test(text) && /bound dipole/.test(text),
    'help text incomplete',
  );
  await shot(page, 'help-overlay');
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached', timeout: 5000 });
  // type 2000 into n, Enter, Space: n is applied and Space plays (the field does not eat it)
  const field = page.locator('[data-testid=field-n] input[type=text]');
  await field.fill('2000');
  await field.press('Enter');
  await page.waitForFunction(() => window.__lab.status === 'paused' && window.__lab.n === 2000, null, {
    timeout: LONG,
  });
  await page.keyboard.press('Space');
  await page.waitForFunction(() => window.__lab.status === 'playing', null, { timeout: 10_000 });
  assert((await field.inputValue()) === '2000', `the field now says "${await field.inputValue()}"`);
  await page.keyboard.press('Space');
  // Esc in a field undoes the typing and gives the keys back
  await field.fill('77');
  await field.press('Escape');
  assert((await field.inputValue()) === '2000', 'Esc did not undo the typing');
  await page.keyboard.press('t');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark', null, {
    timeout: 5000,
  });
  assert(errors.length === 0, errors.join('\n'));
  await close();
});

test('moving around the torus: drag and arrows shift the origin (wrapping), +/− zoom, glyphs keep their pixel size', async ({
  browser,
  url,
}) => {
  // one particle near the border x₁ = 0 ≡ 1 (the slip band case): drag it to the middle
  const hash = '#v1&i=explicit&P=0.02,0.5,1;0.98,0.5,-1&pde=off';
  const { page, errors, close } = await openPage(browser, url, hash);
  await ready(page);
  const canvas = page.locator('[data-testid=canvas-box] canvas');
  const box = await canvas.boundingBox();
  const centreOfColour = async (name, rgb) => {
    const png = await canvas.screenshot({ path: `${SHOTS}${name}.png` });
    const st = await pixelStats(page, png, { colours: { c: rgb }, tolerance: 30 });
    return { ...st.centroid.c, count: st.near.c };
  };
  const a = await centreOfColour('origin-before', PLUS);
  // drag right by a quarter of the canvas: the + glyph (at x₁ = 0.02) moves right by as much
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.waitForTimeout(200);
  const b = await centreOfColour('origin-dragged', PLUS);
  const moved = b.x - a.x;
  assert(
    Math.abs(moved - box.width / 4) < 0.05 * box.width,
    `the glyph moved ${moved} px, the pointer ${box.width / 4}`,
  );
  // arrows move it too, and it wraps: 20 presses of 5 % = once around the torus
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(200);
  const c = await centreOfColour('origin-around', PLUS);
  assert(Math.abs(c.x - b.x) < 0.02 * box.width, `20 × 5 % did not come back around: ${b.x} → ${c.x}`);
  // zooming keeps the glyph's width in pixels (it does not grow into a block); zoom is about the
  // centre, so first bring the + glyph (x₁ = 0.02) there: 10 × 5 % to the right
  await page.keyboard.press('0');
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(200);
  const home = await centreOfColour('zoom-home', PLUS);
  for (let i = 0; i < 8; i++) await page.keyboard.press('+');
  await page.waitForTimeout(200);
  const zoomed = await centreOfColour('zoom-8', PLUS);
  assert(zoomed.count > 0, 'zoomed out of sight of the glyph');
  assert(
    Math.abs(zoomed.width - home.width) <= 2,
    `glyph width ${home.width} px → ${zoomed.width} px at zoom 6`,
  );
  assert(errors.length === 0, errors.join('\n'));
  await close();
});
