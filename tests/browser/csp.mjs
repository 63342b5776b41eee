// Browser checks of the Content-Security-Policy (vite.config.ts): the policy is in force (a
// positive control: an injected inline script is refused and reported), and under it the app
// runs — both module workers step, WebGL draws, blob: workers and data: images load — with no
// violation reported and no console error. Delivered as a header by `vite preview` and as a <meta> tag in the static build.
// Registered from run.mjs; ~15 s.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './staticServer.mjs';

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const LONG = 90_000;

/** A page that records CSP violation reports (document and console) and console errors. */
async function openWatched(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`),
    );
  });
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text()))
      errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  const response = await page.goto(url);
  return { page, errors, response, close: () => context.close() };
}

/**
 * An injected inline script must be refused and reported (what an XSS would try): proves the
 * policy is in force and the listener hears it. Removes the control's own report and console line.
 * (Not eval: code evaluated through DevTools, as page.evaluate is, may call eval under any CSP.)
 */
async function expectInlineScriptRefused(page, errors, assert) {
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.append(s);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return window.__inlineRan === true;
  });
  assert(!ran, 'an injected inline script ran: no Content-Security-Policy in force');
  await page.waitForFunction(() => window.__cspViolations.length > 0, null, { timeout: 5000 });
  const v = await page.evaluate(() => window.__cspViolations.splice(0));
  // one report per policy in force: the header and the meta tag under vite preview
  assert(v.length >= 1 && v.every((r) => r.startsWith('script-src')), `unexpected reports: ${v.join('; ')}`);
  const others = errors.filter((e) => !/inline script/.test(e));
  errors.splice(0, errors.length, ...others);
}

/** blob: workers and data: images load under the policy. */
function blobAndDataUrlsWork(page) {
  return page.evaluate(async () => {
    const worker = new Worker(
      URL.createObjectURL(new Blob(['postMessage(6 * 7)'], { type: 'text/javascript' })),
    );
    const fromWorker = await new Promise((resolve) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = () => resolve('error');
    });
    worker.terminate();
    const img = new Image();
    const svg = "<svg xmlns='http://www.w3.org/2000/svg' width='3' height='2'/>";
    const loaded = await new Promise((resolve) => {
      img.onload = () => resolve(img.naturalWidth);
      img.onerror = () => resolve('error');
      img.src = `data:image/svg+xml,${encodeURIComponent(svg)}`;
    });
    return { fromWorker, loaded };
  });
}

export function registerCspTests(test, assert) {
  test('Content-Security-Policy: enforced, and the app runs under it with no violation', async ({
    browser,
    url,
  }) => {
    const { page, errors, response, close } = await openWatched(browser, url);
    const header = response.headers()['content-security-policy'] ?? '';
    assert(/default-src 'none'/.test(header) && /frame-ancestors \*/.test(header), `CSP header: ${header}`);
    await page.waitForFunction(() => window.__lab?.status === 'paused' && window.__lab.frames > 0, null, {
      timeout: LONG,
    });
    await expectInlineScriptRefused(page, errors, assert);
    const { fromWorker, loaded } = await blobAndDataUrlsWork(page);
    assert(fromWorker === 42 && loaded === 3, `blob: worker → ${fromWorker}, data: image → ${loaded}`);
    const f0 = await page.evaluate(() => window.__lab.frames);
    await page.click('[data-testid=play]');
    await page.waitForFunction(
      (f) => window.__lab.particleCalls > 0 && window.__lab.pdeCalls > 0 && window.__lab.frames > f + 5,
      f0,
      { timeout: LONG },
    );
    await page.click('[data-testid=play]');
    await page.waitForFunction(() => window.__lab.status === 'paused', null, { timeout: LONG });
    writeFileSync(`${SHOTS}csp-run.png`, await page.screenshot());
    const violations = await page.evaluate(() => window.__cspViolations);
    assert(violations.length === 0, `CSP violations: ${violations.join('; ')}`);
    assert(errors.length === 0, errors.join('\n'));
    await close();
  });

  test('Content-Security-Policy: the static build carries it as a meta tag', async ({ browser }) => {
    const server = await serveStatic('csp/check');
    try {
      const { page, errors, close } = await openWatched(browser, server.url);
      await page.waitForFunction(() => window.__lab?.status === 'paused' && window.__lab.frames > 0, null, {
        timeout: LONG,
      });
      await expectInlineScriptRefused(page, errors, assert);
      const violations = await page.evaluate(() => window.__cspViolations);
      assert(violations.length === 0, `CSP violations: ${violations.join('; ')}`);
      assert(errors.length === 0, errors.join('\n'));
      await close();
    } finally {
      await server.close();
    }
  });
}
