// The Export menu: every download checked for content (PNG/WebM magic bytes and size, the PNG's
// pixel size, CSV header and rows, SVG, particle JSON), and a frame of the video decoded to look at.
import { readFileSync, writeFileSync } from 'node:fs';
import { assert, LONG, openPage, ready, SHOTS, test } from '../harness.mjs';
import { ask, SMALL } from '../labMessages.mjs';

/** Choose a menu item and return the downloaded file (name, bytes). */
async function exported(page, item) {
  await page.locator('[data-testid=export]').click();
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: LONG }),
    page.locator(`[data-testid=${item}]`).click(),
  ]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
}

const PNG_MAGIC = '89504e470d0a1a0a';
const pngSize = (b) => [b.readUInt32BE(16), b.readUInt32BE(20)];

test('Export menu: view PNG at 2× with caption, page PNG, SVG plots and regime map, CSV, JSON, particles', async ({
  browser,
  url,
}) => {
  const { page, errors, close } = await openPage(browser, url, SMALL);
  await ready(page);
  for (let i = 0; i < 3; i++) await ask(page, { lab: 1, id: `s${i}`, cmd: 'step' });
  const t = await page.evaluate(() => window.__lab.clock);
  const box = await page.locator('[data-testid=canvas-box] canvas').boundingBox();

  const view = await exported(page, 'export-view-png');
  assert(view.bytes.subarray(0, 8).toString('hex') === PNG_MAGIC, 'view PNG magic');
  const [w, h] = pngSize(view.bytes);
  // 2× the canvas, plus a caption strip below it
  assert(
    Math.abs(w - 2 * box.width) <= 2 && h > 2 * box.height,
    `view PNG ${w}×${h}, canvas ${box.width}×${box.height}`,
  );
  assert(view.bytes.length > 20_000 && view.name.endsWith('.png'), `view PNG ${view.bytes.length} B`);
  writeFileSync(`${SHOTS}export-view.png`, view.bytes);

  const pagePng = await exported(page, 'export-page-png');
  assert(
    pagePng.bytes.subarray(0, 8).toString('hex') === PNG_MAGIC && pagePng.bytes.length > 20_000,
    'page PNG',
  );
  writeFileSync(`${SHOTS}export-page.png`, pagePng.bytes);

  const plots = (await exported(page, 'export-plots-svg')).bytes.toString();
  assert(
    /^(<\?xml[^>]*>\s*)?<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/.test(plots) &&
      /<(path|polyline)/.test(plots),
    'plots SVG',
  );
  const regime = (await exported(page, 'export-regime-svg')).bytes.toString();
  assert(/^(<\?xml[^>]*>\s*)?<svg/.test(regime) && regime.includes('</svg>'), 'regime SVG');

  const csv = (await exported(page, 'export-csv')).bytes.toString().trim().split('\n');
  assert(csv[0].startsWith('t (model time),E_n particles [energy (model units)]'), `CSV header ${csv[0]}`);
  assert(csv.length === 1 + 4, `CSV: ${csv.length - 1} rows for 3 steps`);
  assert(Math.abs(Number(csv[4].split(',')[0]) - t) < 1e-12, `CSV last t ${csv[4]} vs ${t}`);
  assert(
    csv.slice(1).every((r) => r.split(',').length === csv[0].split(',').length),
    'CSV ragged',
  );
  const json = JSON.parse((await exported(page, 'export-json')).bytes.toString());
  assert(json.t.length === 4 && json.series.energyParticles.values.every(Number.isFinite), 'series JSON');
  const particles = JSON.parse((await exported(page, 'export-particles')).bytes.toString());
  const pos = await page.evaluate(() => window.__lab.positions());
  assert(
    particles.initial.particles.every(([x, y], i) => x === pos[2 * i] && y === pos[2 * i + 1]),
    'particle JSON is not the picture on screen',
  );
  assert(errors.length === 0, errors.join('\n'));
  await close();
});

test('Export menu: a WebM video at the checkpoint grid; a frame decoded', async ({ browser, url }) => {
  const { page, errors, close } = await openPage(browser, url, SMALL);
  await ready(page);
  await page.locator('[data-testid=export]').click();
  await page.locator('[data-testid=export-video]').click();
  await page.waitForFunction(
    () => Number(/Rec (\d+)/.exec(document.querySelector('[data-testid=export]').textContent)?.[1]) >= 15,
    null,
    { timeout: LONG },
  );
  const clock = await page.evaluate(() => window.__lab.clock);
  const video = await exported(page, 'export-video');
  writeFileSync(`${SHOTS}video.webm`, video.bytes);
  assert(video.bytes.subarray(0, 4).toString('hex') === '1a45dfa3', 'WebM (EBML) magic');
  assert(video.bytes.length > 20_000 && video.name.endsWith('.webm'), `video ${video.bytes.length} B`);
  // the frames are the checkpoints: 0.2/200 apart, so ≥ 15 frames reached t ≥ 14·0.001
  assert(clock >= 0.014 - 1e-9 && clock < 0.2, `clock after 15 frames: ${clock}`);
  // decoded in a blank page: the lab's CSP allows no media
  const blank = await page.context().newPage();
  const frame = await blank.evaluate(async (b64) => {
    const v = document.createElement('video');
    v.muted = true;
    v.src = URL.createObjectURL(
      new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'video/webm' }),
    );
    await new Promise((r, j) => {
      v.onloadeddata = r;
      v.onerror = () => j(new Error('the video does not decode'));
    });
    v.currentTime = 0.5;
    await new Promise((r) => {
      v.onseeked = r;
    });
    const c = document.createElement('canvas');
    c.width = v.videoWidth;
    c.height = v.videoHeight;
    c.getContext('2d').drawImage(v, 0, 0);
    return { url: c.toDataURL('image/png'), duration: v.duration, w: v.videoWidth };
  }, video.bytes.toString('base64'));
  writeFileSync(`${SHOTS}video-frame.png`, Buffer.from(frame.url.split(',')[1], 'base64'));
  assert(frame.w > 100 && frame.duration >= 0.5, `video ${frame.w} wide, ${frame.duration} s`);
  assert(errors.length === 0, errors.join('\n'));
  await close();
});
