/**
 * Every bad input gets one line on stderr naming the field, a non-zero exit code and no stack
 * trace (the table runs the CLI in-process through cliMain; a few real subprocesses check that the
 * entry point behaves the same). Cost: ~2 s in-process + ~3 s for the subprocesses, in parallel.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli';
import { WallClockLimit } from '../../src/cli/errors';
import { cliMain, describeFailure } from '../../src/cli/report';
import { Watch } from '../../src/cli/watch';

const dir = mkdtempSync(join(tmpdir(), 'cli-bad-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const folder = join(dir, 'a-folder');
mkdirSync(folder);
const empty = file('empty.json', '');
const prose = file('prose.txt', 'hello world');
const brokenJson = file('broken.json', '{"delta": 0.1,');
const cfg = (o: object) => file(`cfg-${Math.random().toString(36).slice(2)}.json`, JSON.stringify(o));
const two = [
  [0.1, 0.2, 1],
  [0.5, 0.5, -1],
];
const hugeField = cfg({ delta: 0.01, U: { modes: [{ a: 1e308, p: 1, q: 0, phi: 0 }] }, particles: two });
const hugeForce = cfg({ delta: 0.01, U: { force: [0, -1e300] }, particles: two });
const heavy = cfg({
  delta: 0.05,
  density: { grid: 8, rhoPlus: Array(64).fill(1), rhoMinus: Array(64).fill(1) },
});
const pair = cfg({ delta: 0.1, particles: two });
const out = join(dir, 'out.json');

async function cli(args: string[], terminal = false) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    stderrIsTerminal: terminal,
  };
  const code = await cliMain(args, io);
  return { code, stdout, stderr };
}

/** One line `error: <field>: …`, nothing on stdout, no stack frame. */
function expectOneLine(r: { stdout: string; stderr: string }, field: string) {
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n');
  expect(lines.at(-1)).toBe('');
  expect(lines).toHaveLength(2);
  expect(lines[0].startsWith(`error: ${field}: `), lines[0]).toBe(true);
  expect(lines[0].length).toBeLessThanOrEqual(400);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

const v4 = 'v1&n=4';
// [what, args, exit code, field]
const TABLE: Array<[string, string[], number, string]> = [
  ['unknown command', ['fly'], 2, 'command'],
  ['no --in', ['velocities'], 2, 'in'],
  ['--in without a value', ['init', '--in'], 2, 'in'],
  ['--in a folder', ['velocities', '--in', folder], 2, 'in'],
  ['--in an empty file', ['init', '--in', empty], 2, 'in'],
  ['--in neither JSON nor a link', ['init', '--in', prose], 2, 'in'],
  ['--in broken JSON', ['velocities', '--in', brokenJson], 2, 'in'],
  ['--in a missing file', ['init', '--in', join(dir, 'nope.json')], 2, 'in'],
  ['--in /dev/zero (bounded read)', ['init', '--in', '/dev/zero'], 2, 'in'],
  ['--in a link with an unknown key', ['init', '--in', 'v1&zz=1'], 2, 'in'],
  ['explicit list of 0 particles', ['velocities', '--in', 'v1&i=explicit&P='], 2, 'n'],
  ['explicit list of 1 particle', ['pde', '--in', 'v1&i=explicit&P=0.1,0.2,1', '--T', '0.01'], 2, 'n'],
  ['a 100 000-digit version', ['init', '--in', `v${'9'.repeat(100_000)}`], 2, 'version'],
  ['a 100 000-digit T', ['init', '--in', `v1&T=${'1'.repeat(100_000)}`], 2, 'T'],
  ['U amplitude 1e308 in a cfg', ['velocities', '--in', hugeField], 2, 'U.modes[0].a'],
  ['force 1e300 in a cfg', ['velocities', '--in', hugeForce], 2, 'U.force[1]'],
  ['U amplitude 1e308 in a link', ['velocities', '--in', 'v1&n=4&U=1e308,1,0,0'], 2, 'field.modes[0].a'],
  ['density of mass 2', ['pde', '--in', heavy, '--T', '0.01'], 2, 'density'],
  ['--grid off the density block', ['pde', '--in', heavy, '--T', '0.01', '--grid', '16'], 2, 'grid'],
  ['--out a folder', ['init', '--in', 'v1', '--out', folder], 2, 'out'],
  ['--out in a missing folder', ['init', '--in', 'v1', '--out', join(dir, 'no', 'x.json')], 2, 'out'],
  ['an option of another command', ['init', '--in', 'v1', '--T', '1'], 2, 'T'],
  ['--T in hex', ['run', '--in', v4, '--T', '0x10'], 2, 'T'],
  ['--T negative', ['run', '--in', v4, '--T', '-1'], 2, 'T'],
  ['--T 1e-20', ['run', '--in', v4, '--T', '1e-20'], 2, 'T'],
  ['--T 5e-324', ['run', '--in', v4, '--T', '5e-324'], 2, 'T'],
  ['--T Infinity', ['run', '--in', v4, '--T', 'Infinity'], 2, 'T'],
  ['--T given twice', ['run', '--in', v4, '--T', '1', '--T', '2'], 2, 'T'],
  ['scenario T = 5e-324', ['run', '--in', `${v4}&T=5e-324`], 2, 'T'],
  ['scenario tolerances 1e-300', ['run', '--in', `${v4}&rtol=1e-300&atol=1e-300`], 2, 'integrator.rtol'],
  ['--rtol 1e-300', ['run', '--in', v4, '--T', '0.1', '--rtol', '1e-300'], 2, 'rtol'],
  ['--atol 0', ['run', '--in', v4, '--T', '0.1', '--atol', '0'], 2, 'atol'],
  ['--integrator rk4', ['run', '--in', v4, '--T', '0.1', '--integrator', 'rk4'], 2, 'integrator'],
  ['--samples 2.5', ['run', '--in', v4, '--T', '0.1', '--pde', '--samples', '2.5'], 2, 'samples'],
  ['--grid 100', ['run', '--in', v4, '--T', '0.1', '--pde', '--grid', '100'], 2, 'grid'],
  ['--pde-delta tiny', ['run', '--in', v4, '--T', '0.1', '--pde', '--pde-delta', 'tiny'], 2, 'pde-delta'],
  ['--max-wall 0', ['run', '--in', v4, '--T', '0.1', '--max-wall', '0'], 2, 'max-wall'],
  ['--replay of a cfg', ['run', '--in', pair, '--T', '0.1', '--replay'], 2, 'replay'],
  ['an unknown option', ['run', '--in', v4, '--bogus'], 2, 'arguments'],
  ['a stray argument', ['run', '--in', v4, 'stray'], 2, 'arguments'],
  [
    '--max-wall reached',
    ['run', '--in', 'v1&n=400', '--T', '1000', '--max-wall', '0.2', '--out', out],
    3,
    'max-wall',
  ],
  ['--max-wall reached by the PDE', ['pde', '--in', 'v1', '--T', '1000', '--max-wall', '0.2'], 3, 'max-wall'],
];

describe('CLI bad input: one line naming the field, an exit code, no stack', () => {
  it.each(TABLE)('%s', async (_what, args, code, field) => {
    const r = await cli(args);
    expectOneLine(r, field);
    expect(r.code).toBe(code);
  });

  it('echoes at most a short piece of a huge argument', async () => {
    const r = await cli(['init', '--in', `v1&T=${'1'.repeat(100_000)}`]);
    expect(r.stderr.length).toBeLessThan(200);
    expect(r.stderr).toMatch(/100000 characters/);
  });

  it('--T -1 is read as the number −1 (not "ambiguous"), and a negative force as a value', async () => {
    expect((await cli(['run', '--in', v4, '--T', '-1'])).stderr).toMatch(/got "-1"/);
    const ok = await cli(['init', '--in', v4, '--out', '-']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).particles).toHaveLength(4);
  });

  it('no particle of the opposite sign: a defined median distance, not null', async () => {
    const same = cfg({
      delta: 0.01,
      particles: [
        [0.1, 0.2, 1],
        [0.5, 0.5, 1],
      ],
    });
    const r = await cli(['run', '--in', same, '--T', '0.01', '--out', '-']);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.medianNearestOpposite).toBe(Math.SQRT1_2);
    expect(res.boundFraction).toBe(0);
  });

  it('help prints the usage and exits 0; no arguments prints it as an error', async () => {
    const help = await cli(['--help']);
    expect([help.code, help.stdout.startsWith('usage:')]).toEqual([0, true]);
    const none = await cli([]);
    expect([none.code, none.stderr.startsWith('usage:')]).toEqual([2, true]);
  });
});

describe('failures of the computation and bugs', () => {
  it('a failed computation is one line, exit 1; a bug says so and hides the stack without --debug', () => {
    const failed = describeFailure(
      new Error('integrator: step size underflow (h = 1e-15) at t = 0.5'),
      false,
    );
    expect(failed).toEqual({
      line: 'error: integrator: step size underflow (h = 1e-15) at t = 0.5',
      code: 1,
    });
    const bug = describeFailure(new TypeError("Cannot read properties of undefined (reading 'x')"), false);
    expect(bug.code).toBe(1);
    expect(bug.line).toMatch(/^internal error: TypeError: .*--debug/);
    expect(
      describeFailure(new Error(`multi\nline ${'x'.repeat(5000)}`), false).line.length,
    ).toBeLessThanOrEqual(400);
  });
});

describe('progress and the wall-clock limit (Watch, on a fake clock)', () => {
  it('prints a line every 5 s to a log, overwrites one line on a terminal, and stops at --max-wall', () => {
    let now = 0;
    let log = '';
    const watch = new Watch({
      label: 'run',
      T: 1,
      maxWallSeconds: 30,
      progress: true,
      terminal: false,
      write: (t) => {
        log += t;
      },
      now: () => now,
    });
    for (let s = 1; s <= 29; s++) {
      now = s * 1000;
      watch.at('particles', s / 29);
    }
    const lines = log.trim().split('\n');
    expect(lines).toHaveLength(5); // at 5, 10, 15, 20, 25 s
    expect(lines[0]).toBe(`run: particles t = ${(5 / 29).toPrecision(4)} (17.2%) of T = 1 · 5 s, ~24 s left`);
    now = 30_001;
    expect(() => watch.at('particles', 1.01)).toThrow(WallClockLimit);
    let screen = '';
    const tty = new Watch({
      label: 'pde',
      T: 1,
      progress: true,
      terminal: true,
      write: (t) => (screen += t),
      now: () => now,
    });
    now += 300;
    tty.at('pde', 0.5);
    tty.finish();
    expect(screen).toBe('\rpde: pde t = 0.5000 (50.0%) of T = 1 · 0 s, ~0 s left\x1b[K\r\x1b[K');
  });
});

/** The real entry point in a child process: exit code and stderr. */
function subprocess(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('CLI subprocesses', () => {
  it('exit codes and single stderr lines from the real entry point', async () => {
    const [folderIn, negative, wall] = await Promise.all([
      subprocess(['velocities', '--in', folder]),
      subprocess(['run', '--in', v4, '--T', '-1']),
      subprocess(['run', '--in', 'v1', '--T', '1000', '--max-wall', '0.3']),
    ]);
    expect(folderIn.code).toBe(2);
    expect(folderIn.stderr).toMatch(/^error: in: ".*a-folder" is a folder, not a file\n$/);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toMatch(/^error: T: must be a decimal number in \[1e-9, 1000\], got "-1"\n$/);
    expect(wall.code).toBe(3);
    expect(wall.stderr).toMatch(
      /^error: max-wall: stopped after 0.3 s at particles t = .*nothing written.*\n$/,
    );
  });
});
