/**
 * The Study panel's pure parts: its rows are the CLI sweep's rows of the same study (the app's
 * worker shell against `sweep` in worker threads, column for column, bit for bit but wall_s);
 * the run options equal `run`'s reading of the same flags; the pool (fake workers): every job
 * once, heaviest first, a crash is a failed row and the worker is replaced, cancel stops all;
 * the form's study link round trip and the Dichotomy's runs; the plotted slope against the OLS
 * closed form; outcomes at their thresholds. 8 tiny runs (n ≤ 12, 32² grid): ~5 s.
 */
import { describe, expect, it } from 'vitest';
import type { Flags } from '../../src/cli/args';
import { type CliIo, runCli, runRequest } from '../../src/cli/cli';
import { decodeScenario } from '../../src/model/scenario/codec';
import { parseCsv } from '../../src/model/study/csv';
import { decodeStudy, encodeStudy } from '../../src/model/study/definition';
import { type StudyJob, scenarioSetup, studyRunOptions } from '../../src/model/study/execute';
import { expandStudy, runWeight } from '../../src/model/study/expand';
import { summarise } from '../../src/model/study/summary';
import { DICHOTOMY_FORM, formFromStudy, studyFromForm } from '../../src/state/studyBuilder';
import { runStudyPool } from '../../src/state/studyPool';
import { groupPoints, runOutcome, slopeText, studyTable } from '../../src/state/studyResults';
import { studyJobResult } from '../../src/worker/studyJob';
import type { StudyJobResult, StudyWorker } from '../../src/worker/studyWorker';

const STUDY =
  'study1&vary=n=8;12&vary=seed=1..2&vary=d=0.05;pow:0.5,1.5&pde=on&samples=2&modes=1,0~v1&n=8&N=32&T=0.002&U=1,1,0,0';

function capture(): CliIo & { out: string } {
  const io = {
    out: '',
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: () => {},
    stderrIsTerminal: false,
  };
  return io;
}

const withoutWall = (t: { header: string[]; rows: string[][] }) => {
  const w = t.header.indexOf('wall_s');
  const strip = (r: string[]) => r.filter((_, i) => i !== w);
  return { header: strip(t.header), rows: t.rows.map(strip) };
};

describe('Study panel rows', () => {
  it('equal the CLI sweep rows of the same study, bit for bit except wall_s', async () => {
    const r = decodeStudy(STUDY);
    if (!r.ok) throw new Error(r.error.message);
    const def = r.study;
    const runs = expandStudy(def);
    const results = new Map<number, StudyJobResult>();
    for (const run of runs)
      results.set(run.index, studyJobResult({ index: run.index, link: run.link, run: def.run }));
    const app = withoutWall(studyTable(def, runs, results));
    const io = capture();
    await runCli(
      [
        'sweep',
        '--in',
        STUDY.slice(STUDY.indexOf('~') + 1),
        '--vary',
        'n=8;12',
        '--vary',
        'seed=1..2',
        '--vary',
        'd=0.05;pow:0.5,1.5',
        '--pde',
        '--samples',
        '2',
        '--modes',
        '1,0',
        '--jobs',
        '2',
      ],
      io,
    );
    const cli = withoutWall(parseCsv(io.out));
    cli.rows.sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(app.header).toEqual(cli.header);
    expect(app.rows.length).toBe(8);
    expect(app.rows).toEqual(cli.rows);
    expect(app.rows.every((row) => row[app.header.indexOf('status')] === 'ok')).toBe(true);
  }, 60_000);

  it('are run with the options `run` reads from the same flags', () => {
    for (const link of ['v1&n=8&T=0.3&N=64&pd=limit&int=stiff&rtol=1e-5', 'v1&i=dipoles&n=10&T=0.5&g=slip']) {
      const s = (
        decodeScenario(link) as { ok: true; scenario: ReturnType<typeof scenarioSetup>['scenario'] & object }
      ).scenario;
      for (const run of [
        { pde: true, samples: 5, replay: false, modes: [[1, 0] as const] },
        { pde: false, samples: 50, replay: true, modes: [] },
      ]) {
        const flags: Flags = { modes: run.modes.length ? '1,0' : undefined };
        if (run.pde) Object.assign(flags, { pde: true, samples: String(run.samples) });
        if (run.replay) flags.replay = true;
        const cli = runRequest(flags, scenarioSetup(s)).opts;
        expect(studyRunOptions(s, run)).toEqual({ ...cli, watch: undefined });
      }
    }
  });

  it('bad links and failed runs are rows with their one line', () => {
    const bad = studyJobResult({
      index: 0,
      link: 'v1&n=abc',
      run: { pde: false, samples: 50, replay: false, modes: [] },
    });
    expect(bad.status).toMatch(/^error: n: /);
    expect(bad.measures).toBeUndefined();
  });
});

/** A fake worker: answers after `delay` turns of the event loop; crashes on the listed jobs. */
function fakeSpawn(log: number[], crashOn: Set<number>, spawned: { count: number }) {
  return (): StudyWorker => {
    spawned.count++;
    let dead = false;
    return {
      run: (job: StudyJob) =>
        new Promise((resolve, reject) => {
          setTimeout(() => {
            if (dead) return;
            log.push(job.index);
            if (crashOn.has(job.index)) reject(new Error('error: worker: the study worker crashed'));
            else resolve({ index: job.index, status: 'ok', measures: { n: job.index }, wallSeconds: 0 });
          }, 1);
        }),
      terminate: () => {
        dead = true;
      },
    };
  };
}

describe('Study pool', () => {
  const jobs: StudyJob[] = Array.from({ length: 9 }, (_, index) => ({
    index,
    link: 'v1',
    run: { pde: false, samples: 50, replay: false, modes: [] },
  }));

  it('runs every job once; a crash is a failed row and the worker is replaced', async () => {
    const log: number[] = [];
    const spawned = { count: 0 };
    const got: StudyJobResult[] = [];
    const pool = runStudyPool(jobs, 2, fakeSpawn(log, new Set([4]), spawned), (r) => got.push(r));
    await pool.done;
    expect(got.map((r) => r.index).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(got.find((r) => r.index === 4)?.status).toBe('error: worker: the study worker crashed');
    expect(got.filter((r) => r.status === 'ok').length).toBe(8);
    expect(spawned.count).toBe(3);
  });

  it('cancel stops at once: no further results', async () => {
    const log: number[] = [];
    const got: StudyJobResult[] = [];
    const pool = runStudyPool(jobs, 1, fakeSpawn(log, new Set(), { count: 0 }), (r) => {
      got.push(r);
      if (got.length === 2) pool.cancel();
    });
    await pool.done;
    await new Promise((r) => setTimeout(r, 20));
    expect(got.length).toBe(2);
  });
});

describe('Study form and Dichotomy', () => {
  it('the Dichotomy: 2 groups × n = 250, 1000, 4000 × 3 seeds with the PDE, its link round-trips', () => {
    const def = studyFromForm(DICHOTOMY_FORM);
    const text = encodeStudy(def);
    const back = decodeStudy(text);
    expect(back.ok && encodeStudy(back.study)).toBe(text);
    const runs = expandStudy(def);
    expect(runs.length).toBe(18);
    expect(runs.every((r) => !r.error)).toBe(true);
    const ns = [...new Set(runs.map((r) => r.scenario?.n))];
    expect(ns).toEqual([250, 1000, 4000]);
    const dip = runs.filter((r) => r.scenario?.initial.kind === 'dipoles');
    expect(dip.length).toBe(9);
    // δ = n^−1.5 for the dipoles, 0.05 for the i.i.d. sample
    for (const r of dip) expect(r.scenario?.delta).toEqual({ rule: 'power', c: 1, p: 1.5 });
    const iid = runs.filter((r) => r.scenario?.initial.kind === 'sample');
    expect(
      iid.every(
        (r) =>
          r.scenario?.delta === 0.05 &&
          r.scenario.initial.kind === 'sample' &&
          r.scenario.initial.sampling === 'iid',
      ),
    ).toBe(true);
    expect(
      runs.every((r) => r.scenario?.T === 0.1 && r.scenario.pde.grid === 64 && def.run.samples === 4),
    ).toBe(true);
    // the pool starts with the heaviest run
    expect(runWeight(runs[runs.length - 1], true)).toBeGreaterThan(runWeight(runs[0], true));
  });

  it('the plotted slope is the OLS slope of ln d on ln n (closed form), seeds pooled', () => {
    // d = 3·n^−0.5·(1 + small seed scatter): header as a study table
    const header = ['run', 'data', 'n', 'seed', 'T', 'd_plus', 'status'];
    const rows: string[][] = [];
    const xs: number[] = [];
    const ys: number[] = [];
    let k = 0;
    for (const n of [100, 200, 400, 800])
      for (const seed of [1, 2]) {
        const d = 3 * n ** -0.5 * (seed === 1 ? 1.05 : 0.97);
        rows.push([String(k++), 'A', String(n), String(seed), '0.1', String(d), 'ok']);
        xs.push(Math.log(n));
        ys.push(Math.log(d));
      }
    rows.push([String(k++), 'A', '1600', '1', '0.1', '', 'error: boom']);
    const table = { header, rows };
    const [g] = groupPoints(table, summarise(table), 'd_plus');
    const mx = xs.reduce((a, b) => a + b) / xs.length;
    const my = ys.reduce((a, b) => a + b) / ys.length;
    const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / sxx;
    expect(g.points.length).toBe(8);
    expect(g.fit?.slope).toBeCloseTo(slope, 12);
    expect(slope).toBeCloseTo(-0.5, 1);
    expect(slopeText(g, 'd_plus')).toMatch(/^slope −0\.50\d? ± 0\.0\d+ \(8 runs\)$/);
  });

  it('outcomes: d against the PDE’s own change at ⅓ and ⅔; failed and PDE-less runs', () => {
    const at = (d: number) => runOutcome({ status: 'ok', d_plus: String(d), d_minus: '0', pde_moved: '1' });
    expect([at(0.3), at(0.34), at(0.66), at(0.7)]).toEqual(['converges', 'between', 'between', 'stays']);
    expect(runOutcome({ status: 'error: x' })).toBe('failed');
    expect(runOutcome({ status: 'ok', particles_moved: '0.1' })).toBe('ok');
  });
});

describe('Study form from a study', () => {
  it('gives back the form that wrote the study, and null for axes of other kinds', () => {
    const forms = [
      DICHOTOMY_FORM,
      {
        ...DICHOTOMY_FORM,
        nFrom: 100,
        nTo: 800,
        nFactor: 2,
        seeds: 2,
        geometry: 'both' as const,
        groups: [
          { data: 'stratified' as const, family: 'power' as const, values: '1, 2' },
          { data: 'iid' as const, family: 'fixed' as const, values: '0.01' },
        ],
      },
    ];
    for (const f of forms) expect(formFromStudy(studyFromForm(f))).toEqual(f);
    const other = decodeStudy('study1&vary=n=8;12&vary=seed=1..2~v1');
    expect(other.ok && formFromStudy(other.study)).toBeNull();
  });
});
