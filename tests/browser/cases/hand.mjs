// Place by hand with mouse events (click +, shift-click −, drag, Delete, dipole drag, brush), the
// link then reproducing the particles in the CLI; and the paper story stepped with ←/→.
import { spawnSync } from 'node:child_process';
import { assert, LONG, openPage, ready, shot, test } from '../harness.mjs';

const scenario = (page) => page.evaluate(() => window.__lab.scenario());
const list = async (page) => (await scenario(page)).initial.particles ?? [];
/** Wait for a run restarted on an edit: n particles on screen, paused. */
const restarted = (page, n) =>
  page.waitForFunction(
    (n) => window.__lab.status === 'paused' && window.__lab.n === n && !window.__lab.drawPending,
    n,
    { timeout: LONG },
  );
const torusDiff = (a, b) => b - a - Math.round(b - a);

function cliInit(hash) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'init', '--in', hash], {
    encoding: 'utf8',
  });
  assert(r.status === 0, `CLI init failed: ${r.stderr}`);
  return JSON.parse(r.stdout).particles;
}

test('place by hand: click +, shift-click −, drag, Delete, a dipole, a brush; the link reproduces it in the CLI', async ({
  browser,
  url,
}) => {
  const { page, errors, close } = await openPage(browser, url, '#v1&n=4&pde=off&view=particles&d=0.01');
  await ready(page);
  const box = await page.locator('[data-testid=canvas-box] canvas').boundingBox();
  const A = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.locator('[data-testid=tool]').selectOption('place');
  await page.mouse.click(A.x, A.y);
  await restarted(page, 5);
  await page.keyboard.down('Shift');
  await page.mouse.click(A.x + 60, A.y + 40);
  await page.keyboard.up('Shift');
  await restarted(page, 6);
  let P = await list(page);
  const [pa, pb] = [P[4], P[5]];
  assert(pa[2] === 1 && pb[2] === -1, `signs ${pa[2]}, ${pb[2]}`);
  // the screen → torus map from the two clicks: one scale, x to the right, x₂ upwards
  const sx = 60 / torusDiff(pa[0], pb[0]);
  const sy = -40 / torusDiff(pa[1], pb[1]);
  assert(sx > 0 && Math.abs(sx / sy - 1) < 0.05, `scales ${sx}, ${sy}`);

  // drag the + 80 px left and 30 px up (dy counts upwards, like x₂)
  await page.mouse.move(A.x, A.y);
  await page.mouse.down();
  for (let k = 1; k <= 5; k++) await page.mouse.move(A.x - 16 * k, A.y - 6 * k);
  await page.mouse.up();
  await page.waitForFunction(
    (x0) => Math.abs(window.__lab.scenario().initial.particles[4][0] - x0) > 1e-3,
    pa[0],
    { timeout: LONG },
  );
  await restarted(page, 6);
  P = await list(page);
  const dx = torusDiff(pa[0], P[4][0]) * sx;
  const dy = torusDiff(pa[1], P[4][1]) * sy;
  assert(Math.abs(dx + 80) < 2 && Math.abs(dy - 30) < 2 && P[4][2] === 1, `moved by ${dx}, ${dy} px`);

  // Delete removes the one dragged (picked); the − stays
  await page.keyboard.press('Delete');
  await restarted(page, 5);
  P = await list(page);
  assert(P.length === 5 && P[4][0] === pb[0] && P[4][2] === -1, `after Delete: ${JSON.stringify(P)}`);

  // a dipole dragged to the right: + then −, 2δ apart (the default width), along x₁
  await page.locator('[data-testid=tool]').selectOption('dipole');
  const D = { x: A.x - 120, y: A.y + 90 };
  await page.mouse.move(D.x, D.y);
  await page.mouse.down();
  await page.mouse.move(D.x + 30, D.y, { steps: 3 });
  await page.mouse.up();
  await restarted(page, 7);
  P = await list(page);
  const [dp, dm] = [P[5], P[6]];
  assert(dp[2] === 1 && dm[2] === -1, 'dipole signs');
  assert(
    Math.abs(torusDiff(dp[0], dm[0]) - 0.02) < 1e-6 && Math.abs(dm[1] - dp[1]) < 1e-6,
    `dipole ${dp} ${dm}`,
  );

  // the link in the address bar gives these particles in the CLI, bit for bit as on screen
  const hash = await page.evaluate(() => window.location.hash);
  const pos = await page.evaluate(() => window.__lab.positions());
  const cli = cliInit(hash);
  assert(cli.length === 7, `CLI has ${cli.length} particles`);
  assert(
    cli.every(([x, y, b], i) => x === pos[2 * i] && y === pos[2 * i + 1] && b === P[i][2]),
    'CLI particles differ from the page',
  );
  await shot(page, 'hand-placed');

  // a brush stroke of ρ+: the initial data becomes a painted grid, in the link and in the CLI
  await page.locator('[data-testid=tool]').selectOption('paintPlus');
  await page.mouse.move(A.x - 100, A.y);
  await page.mouse.down();
  await page.mouse.move(A.x + 100, A.y, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(() => /rho=grid/.test(window.location.hash), null, { timeout: LONG });
  const painted = await scenario(page);
  assert(painted.initial.density.kind === 'grid', 'no painted grid');
  const g = painted.initial.density;
  const row = Math.floor((((pa[1] % 1) + 1) % 1) * g.G);
  assert(
    g.plus.slice(row * g.G, (row + 1) * g.G).filter((v) => v > 1).length >= 4,
    'the stroke is not in the grid',
  );
  await restarted(page, painted.n);
  const paintedHash = await page.evaluate(() => window.location.hash);
  const pos2 = await page.evaluate(() => window.__lab.positions());
  const cli2 = cliInit(paintedHash);
  assert(
    cli2.every(([x, y], i) => x === pos2[2 * i] && y === pos2[2 * i + 1]),
    'CLI differs for the painted link',
  );
  assert(errors.length === 0, errors.join('\n'));
  await close();
});

test('the paper story: scenes load and play, ←/→ step, the link holds the scene', async ({
  browser,
  url,
}) => {
  const { page, errors, close } = await openPage(browser, url, '#v1&n=30&pde=off');
  await ready(page);
  await page.locator('[data-testid=story-paper]').click();
  const caption = () => page.locator('[data-testid=story-caption]').textContent();
  await page.waitForFunction(() => window.__lab.status === 'playing' && window.__lab.n === 800, null, {
    timeout: LONG,
  });
  assert((await caption()).startsWith('1/5'), await caption());
  assert(
    /^#story1&/.test(await page.evaluate(() => window.location.hash)),
    'the address bar has no story link',
  );
  await page.locator('body').press('ArrowRight');
  await page.waitForFunction(
    () => window.__lab.scenario().delta === 0.002 && window.__lab.status === 'playing',
    null,
    {
      timeout: LONG,
    },
  );
  assert((await caption()).startsWith('2/5'), await caption());
  const at2 = await page.evaluate(() => window.location.hash);
  assert(/&at=2$/.test(at2), `story link ${at2.slice(-20)}`);
  // scenes load at once (their runs need not be waited for)
  await page.locator('body').press('ArrowRight');
  assert((await caption()).startsWith('3/5'), await caption());
  assert((await page.evaluate(() => window.__lab.scenario().initial.kind)) === 'dipoles', 'scene 3');
  await page.locator('body').press('ArrowLeft');
  assert((await page.evaluate(() => window.__lab.scenario().delta)) === 0.002, 'back to scene 2');
  assert(errors.length === 0, errors.join('\n'));
  await close();
});
