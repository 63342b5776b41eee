import { assert, LONG, lab, openPage, ready, test } from '../harness.mjs';

// WCAG AA contrast of every piece of text on screen, in both themes; sliders say their values;
// the view is named and described, and the description is not updated more than once a second.

/** Text elements whose contrast with their effective background is below AA (4.5, large 3). */
const lowContrast = (page) =>
  lab(page, () => {
    // rgb(a) with 0…255 channels, or color(srgb r g b / a) with 0…1 (what color-mix computes to)
    const rgb = (s) => {
      const m = s.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      const k = s.startsWith('color(') ? 255 : 1;
      return { r: m[0] * k, g: m[1] * k, b: m[2] * k, a: m.length > 3 ? m[3] : 1 };
    };
    const lum = ({ r, g, b }) => {
      const f = (c) => {
        const x = c / 255;
        return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (e) => {
      for (let a = e; a; a = a.parentElement) {
        const c = rgb(getComputedStyle(a).backgroundColor);
        if (c.a > 0.5) return c;
      }
      return rgb(getComputedStyle(document.body).backgroundColor);
    };
    const bad = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const e = n.parentElement;
      if (!e || seen.has(e) || !n.textContent.trim() || !e.checkVisibility()) continue;
      seen.add(e);
      if (e.closest('.visually-hidden, svg, [disabled], option')) continue;
      const st = getComputedStyle(e);
      const fg = rgb(st.color);
      const bg = background(e);
      const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      const ratio = (hi + 0.05) / (lo + 0.05);
      const size = Number.parseFloat(st.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(st.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5))
        bad.push(`${e.tagName}.${e.className} "${n.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
    }
    return bad;
  });

test('accessibility: AA contrast in both themes, slider values, the view named and described (≤ 1 update/s)', async ({
  browser,
  url,
}) => {
  const { page, errors, close } = await openPage(browser, url, '#v1&n=150');
  await ready(page);
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') {
      await page.click('[data-testid=theme]');
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark', null, {
        timeout: 5000,
      });
    }
    const bad = await lowContrast(page);
    assert(bad.length === 0, `${theme} theme, below AA: ${bad.slice(0, 8).join(' | ')}`);
    await page.click('[data-testid=help]');
    await page.waitForSelector('[data-testid=help-overlay]');
    const badHelp = await lowContrast(page);
    assert(badHelp.length === 0, `${theme} help overlay, below AA: ${badHelp.slice(0, 8).join(' | ')}`);
    await page.keyboard.press('Escape');
  }
  // the n slider announces n itself, not its 0…1000 position
  const valuetext = await page.getAttribute('[data-testid=field-n] input[type=range]', 'aria-valuetext');
  assert(valuetext === '150', `n slider aria-valuetext = ${valuetext}`);
  const rate = await page.getAttribute('[data-testid=field-rate] input[type=range]', 'aria-valuetext');
  assert(/t\/s$/.test(rate ?? ''), `rate slider aria-valuetext = ${rate}`);
  // the view: named, described by a live region that says what is shown
  await page.waitForFunction(
    () => /150 particles/.test(document.getElementById('view-description')?.textContent),
    null,
    {
      timeout: 10_000,
    },
  );
  const view = await lab(page, () => {
    const box = document.querySelector('[data-testid=canvas-box]');
    const d = document.getElementById(box.getAttribute('aria-describedby'));
    return {
      label: box.getAttribute('aria-label'),
      role: box.getAttribute('role'),
      live: d?.getAttribute('aria-live'),
      text: d?.textContent,
    };
  });
  assert(
    view.role === 'img' && /Torus view/.test(view.label) && view.live === 'polite',
    JSON.stringify(view),
  );
  assert(
    /150 particles/.test(view.text) && /t = /.test(view.text) && /bound dipoles/.test(view.text),
    view.text,
  );
  // while playing it changes, but at most once a second
  await lab(page, () => {
    window.__changes = 0;
    new MutationObserver(() => window.__changes++).observe(document.getElementById('view-description'), {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  await page.click('[data-testid=play]');
  await page.waitForTimeout(5000);
  const changes = await lab(page, () => window.__changes);
  await page.click('[data-testid=play]');
  assert(changes >= 1 && changes <= 5, `${changes} updates of the description in 5 s`);
  await page.waitForFunction(() => window.__lab.status === 'paused', null, { timeout: LONG });
  assert(errors.length === 0, errors.join('\n'));
  await close();
});
