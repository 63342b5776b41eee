import { spawnSync } from 'node:child_process';
import { assert, LONG, lab, openPage, particleGap, ready, settled, test } from '../harness.mjs';

// The particle worker's helper workers (fast sum, multirate clusters) on a cross-origin isolated
// page: they load under the CSP, say so (and that the near field runs in WebAssembly), and leave
// the numbers the node CLI computes from the link.

test('n = 1000 pairing: the particle worker has both helper workers; a checkpoint = node CLI run --replay', async ({
  browser,
  url,
}) => {
  const hash = '#v1&n=1000&d=0.001&samp=iid&rho=sine:0.5,1,0&U=1,1,0,0&pde=off';
  const { page, errors, close } = await openPage(browser, url, hash);
  await ready(page);
  assert(await page.evaluate(() => crossOriginIsolated), 'the preview page is not cross-origin isolated');
  await page.waitForFunction(() => window.__lab.threads !== '', null, { timeout: LONG });
  const threads = await lab(page, () => window.__lab.threads);
  assert(/^two threads/.test(threads) && /near-pair clusters/.test(threads), `threads line: ${threads}`);
  // the near field's pair loops, the spread and gather and the FFT passes compile under the CSP ('wasm-unsafe-eval') in the workers
  assert(
    /near field in WebAssembly SIMD; spread and gather in WebAssembly SIMD; FFT in WebAssembly SIMD/.test(
      threads,
    ),
    `threads line: ${threads}`,
  );
  const footer = await page.getAttribute('[data-testid=status-footer] span[title^="Particles"]', 'title');
  assert(footer?.includes(threads), `footer tooltip: ${footer}`);
  await page.click('[data-testid=play]');
  await page.waitForFunction(() => window.__lab.clock > 0.012, null, { timeout: LONG });
  await page.click('[data-testid=play]');
  await settled(page);
  await page.click('[data-testid=step]');
  await settled(page);
  const got = await lab(page, () => ({ t: window.__lab.clock, pos: window.__lab.positions() }));
  const k = Math.round(got.t / 0.005);
  assert(k >= 3 && Math.abs(got.t - k * 0.005) < 1e-12, `not on a checkpoint: ${got.t}`);
  const cli = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'run', '--in', hash, '--T', String(k * 0.005), '--replay'],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  assert(cli.status === 0, `CLI run failed: ${cli.stderr}`);
  const node = JSON.parse(cli.stdout);
  assert(/^two threads/.test(node.threads.particles), `CLI threads: ${node.threads.particles}`);
  assert(
    /near field in WebAssembly SIMD; spread and gather in WebAssembly SIMD; FFT in WebAssembly SIMD/.test(
      node.threads.particles,
    ),
    `CLI threads: ${node.threads.particles}`,
  );
  const { worst, worst32 } = particleGap(node.particles, got.pos);
  assert(worst < 1e-12, `browser and node particles differ at t = ${got.t} by up to ${worst}`);
  assert(worst32 === 0, `browser and node particles differ at t = ${got.t} in float32 by up to ${worst32}`);
  assert(errors.length === 0, errors.join('\n'));
  await close();
});
