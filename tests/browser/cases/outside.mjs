// The page driven from outside: the postMessage API (from the page itself, and from a host page
// with two embeds), ui=min / ui=none embeds at 800×450, and a hidden embed pausing.
import { writeFileSync } from 'node:fs';
import { assert, LONG, openPage, ready, SHOTS, test } from '../harness.mjs';
import { ask, SMALL } from '../labMessages.mjs';

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
