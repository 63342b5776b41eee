/**
 * `sweep` end to end on tiny runs (n ≤ 12, 32² PDE grid, T = 0.002): a row equals `run` of its
 * link bit for bit (rows from worker threads); shards merged equal the whole study, and so does a
 * resumed file; failed runs are rows; bad command lines get one line and exit 2. 14 runs in all,
 * one of them stopped by --max-wall after 5 s: ~25 s on an idle machine.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli';
import { runCli } from '../../src/cli/cli';
import { cliMain } from '../../src/cli/report';
import { formatDuration, SweepProgress } from '../../src/cli/sweep/progress';
import { cellNumber, parseCsv } from '../../src/model/study/csv';
import { SUMMARY_METHOD } from '../../src/model/study/summary';
import { reproducible } from './sweepTable';

const dir = mkdtempSync(join(tmpdir(), 'cli-sweep-'));
const at = (name: string) => join(dir, name);
const BASE = 'v1&n=8&N=32&T=0.002&d=pow:0.5,1.5&U=1,1,0,0';
const STUDY = [
  '--in',
  BASE,
  '--vary',
  'n=8;12',
  '--vary',
  'seed=1..2',
  '--pde',
  '--samples',
  '2',
  '--modes',
  '1,0;0,1',
];

function capture(terminal = false) {
  const io: CliIo & { out: string; err: string } = {
    out: '',
    err: '',
    stdout: (t) => {
      io.out += t;
    },
    stderr: (t) => {
      io.err += t;
    },
    stderrIsTerminal: terminal,
  };
  return io;
}
const sweep = (args: string[], io = capture()) => runCli(['sweep', ...args], io).then(() => io);
const table = (path: string) => parseCsv(readFileSync(path, 'utf8'));

describe('sweep', () => {
  it('a row equals `run` of its link, bit for bit (rows computed in worker threads)', async () => {
    await sweep([
      ...STUDY,
      '--jobs',
      '2',
      '--fields',
      '+d0_plus,+pde_moved_minus,+energy_pde_0,+lambda,+regime',
      '--out',
      at('all.csv'),
      '--summary',
      at('all.json'),
    ]);
    const t = table(at('all.csv'));
    expect(t.rows).toHaveLength(4);
    const col = (r: string[], name: string) => r[t.header.indexOf(name)];
    for (const row of [t.rows[0], t.rows[3]]) {
      expect(col(row, 'status')).toBe('ok');
      const measures = t.header.filter((c) => !['run', 'seed', 'status', 'link', 'wall_s'].includes(c));
      const res = (await runCli([
        'run',
        '--in',
        col(row, 'link'),
        '--pde',
        '--samples',
        '2',
        '--modes',
        '1,0;0,1',
        '--fields',
        measures.join(','),
        '--out',
        at('run.json'),
      ])) as { measures: Record<string, number | string> };
      for (const m of measures) {
        const v = res.measures[m];
        if (typeof v === 'number') expect(Object.is(cellNumber(col(row, m)), v), m).toBe(true);
        else expect(col(row, m), m).toBe(v);
      }
    }
    // δ = 0.5·n^{−1.5} in every group: the summary's slope of delta is −1.5 with zero error
    const summary = JSON.parse(readFileSync(at('all.json'), 'utf8'));
    expect(summary.method).toBe(SUMMARY_METHOD);
    expect(summary.groups).toHaveLength(1);
    expect(summary.groups[0].fits.delta.slope).toBeCloseTo(-1.5, 12);
    expect(summary.groups[0].fits.delta.slope_se).toBeLessThan(1e-12);
    expect(summary.groups[0].fits.d_plus.points).toBe(4);
  });

  it('shards merged, and a resumed file, equal the whole study', async () => {
    const shards = [0, 1].map((i) => at(`part${i}.csv`));
    for (const [i, file] of shards.entries())
      await sweep([...STUDY, '--jobs', '1', '--shard', `${i}/2`, '--out', file]);
    const sizes = shards.map((f) => table(f).rows.length);
    expect(sizes).toEqual([2, 2]);
    const merged = capture();
    await runCli(['sweep', '--merge', ...shards, '--out', at('merged.csv')], merged);
    expect(merged.err).toBe('sweep --merge: 4 runs from 2 files\n');
    const whole = reproducible(table(at('all.csv')));
    // all.csv has extra fields: compare the default columns
    const cols = table(at('merged.csv')).header.filter((c) => c !== 'wall_s');
    const pick = (t: ReturnType<typeof reproducible>) =>
      t.rows.map((r) => cols.map((c) => r[t.header.indexOf(c)]));
    expect(pick(reproducible(table(at('merged.csv'))))).toEqual(pick(whole));
    // resume: shard 0's file plus a line cut short by a crash; only the missing runs are done
    copyFileSync(shards[0], at('resumed.csv'));
    writeFileSync(at('resumed.csv'), `${readFileSync(at('resumed.csv'), 'utf8')}3,12,2,0.0`);
    const resumed = await sweep([...STUDY, '--jobs', '1', '--resume', '--out', at('resumed.csv')]);
    expect(resumed.err).toMatch(/sweep: 2 runs done \(0 failed\), 2 were already in the file/);
    expect(reproducible(table(at('resumed.csv')))).toEqual(reproducible(table(at('merged.csv'))));
  });

  it('a run that fails is a row with its one-line error; the sweep goes on', async () => {
    // (3, dipoles): no valid scenario (odd n); (4000, dipoles) to T = 1000: stopped by --max-wall
    // (4000 steps at the step cap of 0.25, each ten times dearer than at n = 400, which once
    // finished within the 5 s)
    const io = await sweep([
      '--in',
      'v1&N=32&T=0.002&d=0.1',
      '--vary',
      'n=3;4000',
      '--vary',
      'case=i=sample;i=dipoles&T=1000',
      '--max-wall',
      '5',
      '--jobs',
      '1',
      '--progress',
      '--out',
      at('failing.csv'),
    ]);
    const t = table(at('failing.csv'));
    const status = t.rows
      .sort((a, b) => Number(a[0]) - Number(b[0]))
      .map((r) => r[t.header.indexOf('status')]);
    expect(status[0]).toBe('ok');
    expect(status[1]).toMatch(/^error: n: /);
    expect(status[2]).toBe('ok');
    expect(status[3]).toMatch(
      /^error: max-wall: stopped after 5 s at particles t = .* no measures in this row/,
    );
    // a failed row still says where it sits
    expect(t.rows[3][t.header.indexOf('n')]).toBe('4000');
    expect(t.rows[3][t.header.indexOf('T')]).toBe('1000');
    const lines = io.err.trim().split('\n');
    expect(lines.slice(0, -1).every((l) => /^sweep: \d\/4 runs( \(\d failed\))? · \d+ s/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^sweep: 4 runs done \(2 failed\)/);
  });

  it('--dry-run lists the runs and their links without computing', async () => {
    const io = await sweep([
      '--in',
      'v1&n=4',
      '--vary',
      'd=pow:1,2;0.05',
      '--vary',
      'seed=1..2',
      '--dry-run',
    ]);
    expect(io.out.split('\n')[0]).toBe('run,d,seed,status,link');
    expect(io.out).toContain('1,"pow:1,2",2,valid,"v1&d=pow:1,2&n=4&seed=2"');
  });
});

async function failure(args: string[]) {
  const io = capture();
  const code = await cliMain(args, io);
  return { code, lines: io.err.split('\n').filter((l) => l !== ''), out: io.out };
}

describe('sweep: bad command lines are one line and exit 2', () => {
  writeFileSync(at('exists.csv'), 'run,status\n');
  writeFileSync(at('other.csv'), 'run,n,status\n0,4,ok\n');
  const v = ['sweep', '--in', 'v1&n=4'];
  const TABLE: Array<[string, string[], string]> = [
    ['an unknown link key', [...v, '--vary', 'zz=1;2'], 'vary'],
    ['a value no run can use', [...v, '--vary', 'n=1;4'], 'vary'],
    ['a key varied twice', [...v, '--vary', 'n=4', '--vary', 'n=6'], 'vary'],
    ['a label that is a column', [...v, '--vary', 'delta=d=0.1;d=0.2'], 'vary'],
    ['--T and a varied T', [...v, '--vary', 'T=1;2', '--T', '1'], 'T'],
    ['--shard out of range', [...v, '--shard', '2/2'], 'shard'],
    ['--resume to stdout', [...v, '--resume'], 'resume'],
    ['an existing --out without --resume', [...v, '--out', at('exists.csv')], 'out'],
    [
      '--resume into another table',
      [...v, '--vary', 'seed=1..2', '--resume', '--out', at('other.csv')],
      'out',
    ],
    ['--samples without --pde', [...v, '--samples', '5'], 'samples'],
    ['--replay --pde with samples off the grid', [...v, '--pde', '--replay', '--samples', '3'], 'samples'],
    ['--modes not p,q', [...v, '--modes', '1'], 'modes'],
    ['an unknown field', [...v, '--fields', 'd_plus,speed'], 'fields'],
    ['--jobs 0', [...v, '--jobs', '0'], 'jobs'],
    ['--grid off the link', [...v, '--grid', '16'], 'grid'],
    ['an engine cfg', ['sweep', '--in', '{"delta":0.1,"particles":[[0.1,0.1,1],[0.5,0.5,-1]]}'], 'in'],
    ['--merge without files', ['sweep', '--merge'], 'merge'],
    ['--merge with study options', ['sweep', '--merge', at('other.csv'), '--vary', 'n=4'], 'vary'],
    ['--merge of other tables', ['sweep', '--merge', at('other.csv'), at('exists.csv')], 'merge'],
    ['files without --merge', [...v, at('other.csv')], 'arguments'],
    ['run --fields unknown', ['run', '--in', 'v1&n=4', '--T', '0.001', '--fields', '+speed'], 'fields'],
  ];
  it.each(TABLE)('%s', async (_what, args, field) => {
    const r = await failure(args);
    expect(r.code).toBe(2);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0].startsWith(`error: ${field}: `), r.lines[0]).toBe(true);
  });

  it('every command has --help with examples (exit 0)', async () => {
    for (const c of ['velocities', 'init', 'run', 'pde', 'sweep']) {
      const io = capture();
      expect(await cliMain([c, '--help'], io)).toBe(0);
      expect(io.out).toMatch(new RegExp(`^usage: npm run sim -- ${c} `));
      expect(io.out).toMatch(/examples?:\n {2}npm run sim -- /);
    }
  });
});

describe('sweep progress (fake clock)', () => {
  it('counts runs and failures, and scales the time spent by the estimated cost left', () => {
    let now = 0;
    let log = '';
    const weights = new Map([
      [0, 1],
      [1, 3],
      [2, 4],
    ]);
    const p = new SweepProgress({
      weights,
      already: 2,
      enabled: true,
      terminal: false,
      write: (t) => (log += t),
      now: () => now,
    });
    now = 10_000;
    p.finished(0, true, 'run 0 n=8: ok, 10.0 s');
    now = 40_000;
    p.finished(2, false, 'run 2 n=32: error: integrator: …');
    expect(log.split('\n')).toEqual([
      'sweep: 3/5 runs · 10 s · ~1 min 10 s left · run 0 n=8: ok, 10.0 s',
      'sweep: 4/5 runs (1 failed) · 40 s · ~24 s left · run 2 n=32: error: integrator: …',
      '',
    ]);
    expect(p.finish()).toBe('sweep: 2 runs done (1 failed), 2 were already in the file · 40 s');
    let screen = '';
    const tty = new SweepProgress({
      weights,
      already: 0,
      enabled: true,
      terminal: true,
      write: (t) => (screen += t),
      now: () => now,
    });
    now = 50_000;
    tty.finished(1, true, '');
    tty.finish();
    expect(screen).toBe('\r[#######.............] sweep: 1/3 runs · 10 s · ~17 s left\x1b[K\r\x1b[K');
    expect([formatDuration(59.4), formatDuration(3599), formatDuration(7260)]).toEqual([
      '59 s',
      '59 min 59 s',
      '2 h 01 min',
    ]);
  });
});
