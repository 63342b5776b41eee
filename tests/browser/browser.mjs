// Launches Debian's Chromium through playwright-core with software WebGL (SwiftShader).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export function assertChromium() {
  if (!existsSync(CHROMIUM)) {
    console.error(
      `browser tests need Debian's Chromium at ${CHROMIUM}, which is missing.\n` +
        'Install it with: apt-get update && apt-get install -y chromium',
    );
    process.exit(1);
  }
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
  });
}
