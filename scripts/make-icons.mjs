// Renders public/favicon.svg to the PNG icons of the web app manifest (public/icon-192.png,
// icon-512.png) with the test Chromium. Run by hand after changing the favicon; CI does not run it.
//   node scripts/make-icons.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { launchBrowser } from '../tests/browser/browser.mjs';

const svg = readFileSync(new URL('../public/favicon.svg', import.meta.url), 'utf8');
const browser = await launchBrowser();
for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<html><body style="margin:0;background:#1b2230">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  writeFileSync(new URL(`../public/icon-${size}.png`, import.meta.url), await page.screenshot());
  await page.close();
}
await browser.close();
