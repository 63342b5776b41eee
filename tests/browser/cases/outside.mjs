// The page driven from outside: the postMessage API (from the page itself, and from a host page
// with two embeds), ui=min / ui=none embeds at 800×450, and a hidden embed pausing.
import { writeFileSync } from 'node:fs';
import { assert, LONG, openPage, ready, SHOTS, test } from '../harness.mjs';
import { ask, SMALL } from '../labMessages.mjs';
import { serveApp } from '../server.mjs';

test('postMessage API from the page itself: state, play/pause/step/reset, load, exports, events, errors', async ({
  browser,
  url,
}) => {
  const { page, errors, close } = await openPage(browser, url, SMALL);
  await ready(page);
  await page.evaluate(() => {
    window.__events = [];
    window.addEventListener('message', (e) => {
      if (e.data?.lab === 1 && e.data.event) window.__events.push(e.data);
    });
  });
  const s0 = await ask(page, { lab: 1, id: 'a', cmd: 'getState' });
  assert(s0.ok && s0.id === 'a', `getState: ${JSON.stringify(s0)}`);
  assert(s0.state.t === 0 && s0.state.status === 'paused' && s0.state.n === 60, JSON.stringify(s0.state));
  assert(s0.state.link.includes('n=60') && s0.state.pdeT === 0, `link/pdeT: ${JSON.stringify(s0.state)}`);

  const bad = await ask(page, { lab: 1, id: 7, cmd: 'fly' });
  assert(!bad.ok && /unknown command "fly"/.test(bad.error) && !bad.error.includes('\n'), bad.error);
  const badLink = await ask(page, { lab: 1, id: 8, cmd: 'load', link: '#v1&n=abc' });
  assert(!badLink.ok && /n/.test(badLink.error) && badLink.state.n === 60, JSON.stringify(badLink));
  const badExport = await ask(page, { lab: 1, id: 9, cmd: 'export', what: 'gif' });
  assert(!badExport.ok && /one of csv, json, png, particles/.test(badExport.error), badExport.error);

  const stepped = await ask(page, { lab: 1, id: 'st', cmd: 'step' });
  assert(stepped.ok && stepped.state.t > 0 && stepped.state.status === 'paused', JSON.stringify(stepped));
  assert(stepped.state.particlesT === stepped.state.pdeT, `step: ${JSON.stringify(stepped.state)}`);

  const played = await ask(page, { lab: 1, id: 'p', cmd: 'play' });
  assert(played.ok, JSON.stringify(played));
  await page.waitForFunction(() => window.__events.some((e) => e.event === 'finished'), null, {
    timeout: LONG,
  });
  const events = await page.evaluate(() => window.__events);
  const checkpoints = events.filter((e) => e.event === 'checkpoint');
  assert(checkpoints.length >= 1, `no checkpoint events: ${JSON.stringify(events.map((e) => e.event))}`);
  const fin = events.find((e) => e.event === 'finished');
  assert(Math.abs(fin.state.t - 0.2) < 1e-9 && fin.state.status === 'finished', JSON.stringify(fin.state));

  const csv = await ask(page, { lab: 1, id: 'c', cmd: 'export', what: 'csv' });
  const lines = csv.data.trim().split('\n');
  assert(/^t \(model time\),E_n particles \[/.test(lines[0]), `csv header: ${lines[0]}`);
  const lastRow = lines[lines.length - 1].split(',');
  assert(lines.length >= 3 && Number(lastRow[0]) === fin.state.t, `csv rows: ${lines.length}, ${lastRow[0]}`);
  const particles = JSON.parse((await ask(page, { lab: 1, id: 'q', cmd: 'export', what: 'particles' })).data);
  assert(particles.initial.kind === 'explicit' && particles.initial.particles.length === 60, 'particles');
  const png = await ask(page, { lab: 1, id: 'g', cmd: 'export', what: 'png' });
  assert(png.ok && png.data.startsWith('data:image/png;base64,') && png.data.length > 5000, 'png');
  writeFileSync(`${SHOTS}api-export.png`, Buffer.from(png.data.split(',')[1], 'base64'));

  const reset = await ask(page, { lab: 1, id: 'r', cmd: 'reset' });
  assert(reset.ok && reset.state.t === 0 && reset.state.status === 'paused', JSON.stringify(reset.state));
  const loaded = await ask(page, { lab: 1, id: 'l', cmd: 'load', link: `${url}#v1&n=30&pde=off&T=0.1` });
  assert(loaded.ok && loaded.state.n === 30 && loaded.state.pdeT === null, JSON.stringify(loaded));
  assert(
    await page.evaluate(() => window.location.hash.includes('n=30')),
    'load did not reach the address bar',
  );
  const paused = await ask(page, { lab: 1, id: 'z', cmd: 'pause' });
  assert(paused.ok && paused.state.status === 'paused', JSON.stringify(paused));
  assert(errors.length === 0, errors.join('\n'));
  await close();
});

/** The Embed dialog's snippets (Export → Embed…) for ui=min and ui=none, from a page at `hash`. */
async function embedSnippets(browser, url, hash) {
  const { page, close } = await openPage(browser, url, hash);
  await ready(page);
  await page.locator('[data-testid=export]').click();
  await page.locator('[data-testid=embed]').click();
  const min = await page.locator('[data-testid=embed-snippet]').inputValue();
  await page.locator('input[name=embed-ui][value=none]').check();
  const none = await page.locator('[data-testid=embed-snippet]').inputValue();
  await close();
  return [min, none];
}

/** A host page (same server, routed) with embeds side by side (iframe snippets, given ids e0, e1…). */
async function hostWithEmbeds(browser, url, snippets) {
  const context = await browser.newContext({ viewport: { width: 1640, height: 960 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  const frames = snippets.map((f, i) => f.replace('<iframe ', `<iframe id="e${i}" `)).join('');
  await page.route(`${url}host.html`, (r) =>
    r.fulfill({ contentType: 'text/html', body: `<!doctype html><body style="margin:0">${frames}</body>` }),
  );
  await page.goto(`${url}host.html`);
  await page.evaluate(() => {
    window.__msgs = [];
    window.addEventListener('message', (e) => {
      const from = [...document.querySelectorAll('iframe')].findIndex((f) => f.contentWindow === e.source);
      window.__msgs.push({ from, ...e.data });
    });
  });
  const frameOf = async (i) => (await page.locator(`#e${i}`).elementHandle()).contentFrame();
  return { page, errors, frameOf, close: () => context.close() };
}

test('two embeds (the Embed snippets, ui=min and ui=none) on one host page: own workers, driven by postMessage, hidden ones pause', async ({
  browser,
  url,
}) => {
  const snippets = await embedSnippets(browser, url, `${SMALL}&view=overlay`);
  assert(
    snippets[0].startsWith(`<iframe src="${url}#v1&amp;n=60&amp;`) &&
      snippets[0].includes('ui=min" width="800" height="450"') &&
      snippets[1].includes('ui=none"'),
    `snippets: ${snippets.join('\n')}`,
  );
  const { page, errors, frameOf, close } = await hostWithEmbeds(browser, url, snippets);
  const [a, b] = [await frameOf(0), await frameOf(1)];
  for (const f of [a, b])
    await f.waitForFunction(() => window.__lab?.status === 'paused' && window.__lab.frames > 0, null, {
      timeout: LONG,
    });
  // what each embed shows: min has the transport bar and no controls; none has the view alone
  assert((await a.locator('[data-testid=play]').count()) === 1, 'ui=min has no play button');
  assert((await a.locator('.controls, .plots').count()) === 0, 'ui=min shows controls or plots');
  assert(
    (await b.locator('header, .controls, .plots, [data-testid=play]').count()) === 0,
    'ui=none shows more',
  );
  const box = await page.locator('#e0').screenshot();
  writeFileSync(`${SHOTS}embed-min-800x450.png`, box);
  writeFileSync(`${SHOTS}embed-none-800x450.png`, await page.locator('#e1').screenshot());

  // play one; the other stays at t = 0 (its own workers); events reach the host from the one played
  assert((await ask(page, { lab: 1, id: 'p0', cmd: 'play' }, 0)).ok, 'play embed 0');
  await page.waitForFunction(() => window.__msgs.some((m) => m.from === 0 && m.event === 'finished'), null, {
    timeout: LONG,
  });
  const sb = await ask(page, { lab: 1, id: 's1', cmd: 'getState' }, 1);
  assert(sb.state.t === 0 && sb.state.status === 'paused', `embed 1 moved: ${JSON.stringify(sb.state)}`);
  assert(
    !(await page.evaluate(() => window.__msgs.some((m) => m.from === 1 && m.event === 'finished'))),
    'e1',
  );

  // the second embed, playing slowly, pauses when its page is hidden and when scrolled out of view
  await ask(page, { lab: 1, id: 'l1', cmd: 'load', link: '#v1&n=60&N=32&T=5&rate=0.05&ui=none' }, 1);
  assert((await ask(page, { lab: 1, id: 'p1', cmd: 'play' }, 1)).ok, 'play embed 1');
  const status = () => b.evaluate(() => window.__lab.status);
  const hide = (hidden) =>
    b.evaluate((h) => {
      Object.defineProperty(document, 'visibilityState', {
        configurable: true,
        get: () => (h ? 'hidden' : 'visible'),
      });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  await hide(true);
  await b.waitForFunction(() => window.__lab.status === 'paused', null, { timeout: LONG });
  await hide(false);
  await b.waitForFunction(() => window.__lab.status === 'playing', null, { timeout: LONG });
  await page.evaluate(() => {
    document.querySelector('#e1').style.transform = 'translateY(3000px)';
  });
  await b.waitForFunction(() => window.__lab.status === 'paused', null, { timeout: LONG });
  await page.evaluate(() => {
    document.querySelector('#e1').style.transform = '';
  });
  await b.waitForFunction(() => window.__lab.status === 'playing', null, { timeout: LONG });
  assert((await status()) === 'playing', 'embed 1 did not resume');
  assert(errors.length === 0, errors.join('\n'));
  await close();
});

test('offline: a page loaded once reloads and runs with its server stopped and no network (service worker), installable', async ({
  browser,
}) => {
  // Its own server (same build, own origin), so that stopping it leaves the other tests' server up.
  const own = await serveApp({ skipBuild: true });
  const { page, errors, close } = await openPage(browser, own.url, SMALL);
  await ready(page);
  const isolated = await page.evaluate(() => window.crossOriginIsolated);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((r) =>
        navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }),
      );
  });
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel=manifest]').href;
    const m = await (await fetch(href)).json();
    const icons = await Promise.all(
      m.icons.map(async (i) => (await fetch(new URL(i.src, href))).headers.get('content-type')),
    );
    return { m, icons };
  });
  assert(manifest.m.display === 'standalone' && manifest.m.start_url === './', 'manifest');
  assert(manifest.icons.filter((t) => t === 'image/png').length === 2, `icons: ${manifest.icons}`);
  await own.close();
  // the server is really gone (asked from node, past the page's service worker)
  const down = await fetch(own.url).then(
    () => false,
    () => true,
  );
  assert(down, 'the test server still answers after close()');
  await page.context().setOffline(true);
  await page.reload();
  await ready(page);
  const after = await page.evaluate(() => ({ n: window.__lab.n, iso: window.crossOriginIsolated }));
  assert(after.n === 60, `offline reload: n = ${after.n}`);
  // the cached responses keep their headers: as isolated offline as online
  assert(after.iso === isolated, `crossOriginIsolated ${isolated} online, ${after.iso} offline`);
  const stepped = await ask(page, { lab: 1, id: 'o', cmd: 'step' });
  assert(stepped.ok && stepped.state.t > 0, `offline step: ${JSON.stringify(stepped)}`);
  await page.context().setOffline(false);
  assert(errors.length === 0, errors.join('\n'));
  await close();
});
