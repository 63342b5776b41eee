import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { threadsUsed } from '../../src/cli/threads';
import { parseCsv } from '../../src/model/study/csv';
import { reproducible } from './sweepTable';

const dir = mkdtempSync(join(tmpdir(), 'cli-threads-'));

type RunJson = {
  steps: number;
  particles: number[][];
  threads: { particles: string; pde?: string };
  measures: Record<string, unknown>;
};

/** The measures without the wall time (the one number two runs of the same thing differ in). */
const timeless = (m: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(m).filter(([k]) => k !== 'wall_s'));

/**
 * `run` as a process of its own, as `npm run sim` starts it: scripts/sim.mjs, the bundled main.ts
 * and worker entries (which may start helper threads).
 */
function runProcess(args: string[]): RunJson {
  const out = join(dir, 'process.json');
  simProcess([...args, '--out', out]);
  return JSON.parse(readFileSync(out, 'utf8'));
}

/** scripts/sim.mjs with args, which must succeed from the bundles. */
function simProcess(args: string[]): void {
  const r = spawnSync(process.execPath, ['scripts/sim.mjs', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  // the bundles ran (sim.mjs falls back to the sources, saying so, when they cannot be built)
  expect(r.stderr).not.toMatch(/could not bundle/);
}

/** A sweep's CSV file as a table without its wall-time column (which it must have). */
function sweepRows(path: string) {
  const t = parseCsv(readFileSync(path, 'utf8'));
  expect(t.header).toContain('wall_s');
  return reproducible(t);
}

describe('CLI threads', () => {
  // n = 1000: the first n whose fast-sum plan is a two-thread one (PARALLEL_MIN_N)
  const args = ['run', '--in', 'v1&n=1000&d=0.001&samp=iid&rho=sine:0.5,1,0&U=1,1,0,0', '--T', '0.003'];

  it('the process gives the fast sum its helper on two cores, with the one-thread run’s numbers bit for bit', async () => {
    const threaded = runProcess([...args, '--fields', '+particles']);
    // in-process (tests): no helper thread is started, so this is the one-thread evaluation
    const alone = (await runCli([
      ...args,
      '--fields',
      '+particles',
      '--out',
      join(dir, 'alone.json'),
    ])) as RunJson;
    expect(alone.threads.particles).toMatch(/^one thread/);
    expect(threaded.threads.particles).toMatch(availableParallelism() >= 2 ? /^two threads/ : /^one thread/);
    expect(threaded.steps).toBe(alone.steps);
    expect(threaded.particles).toEqual(alone.particles);
  }, 60_000);

  // the PDE thread's entry is a bundle of its own: its samples must be the sources' (run in-process here)
  it('the bundled process runs the PDE on its own thread with the sources’ measures bit for bit', async () => {
    const pde = [...args, '--pde', '--grid', '32', '--samples', '6'];
    const threaded = runProcess(pde);
    const alone = (await runCli([...pde, '--out', join(dir, 'alone-pde.json')])) as RunJson;
    expect(threaded.threads.pde).toMatch(availableParallelism() >= 2 ? /of its own/ : /particles' thread/);
    expect(timeless(threaded.measures)).toEqual(timeless(alone.measures));
    expect(threaded.measures).toHaveProperty('d_plus');
  }, 60_000);

  // the sweep's worker threads start their own bundle (boot.mjs): its rows must be the sources'
  it('the bundled sweep, rows from its worker threads, equals the sources’ sweep in-process', async () => {
    const study = ['sweep', '--in', 'v1&n=100&d=0.01&samp=iid', '--vary', 'n=50;100', '--T', '0.01'];
    simProcess([...study, '--jobs', '2', '--out', join(dir, 'sweep-process.csv')]);
    // its progress line kept out of the test's output
    const quiet = { stdout: () => {}, stderr: () => {}, stderrIsTerminal: false };
    await runCli([...study, '--jobs', '1', '--out', join(dir, 'sweep-alone.csv')], quiet);
    const rows = sweepRows(join(dir, 'sweep-process.csv'));
    expect(rows.rows).toHaveLength(2);
    expect(rows).toEqual(sweepRows(join(dir, 'sweep-alone.csv')));
  }, 60_000);

  it('says why a run has one thread', () => {
    expect(threadsUsed(100, undefined)).toEqual({ particles: expect.stringMatching(/direct pair sums/) });
    expect(threadsUsed(500, true).particles).toMatch(/below 1000 particles/);
    expect(threadsUsed(500, true).pde).toMatch(/of its own/);
    expect(threadsUsed(500, false).pde).toMatch(/particles' thread/);
  });
});
