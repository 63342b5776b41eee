/**
 * Fast (near/far NUFFT) pair sums: velocity evaluations per second (kernel pair gradients only)
 * at n = 1e4, 1e5, 1e6, δ = 1e-3 (and δ = 1/n at 1e6, where δ = 1e-3 is as wide as the spacing and
 * the gaussian core alone fills the near field), uniform i.i.d. positions, alternating signs; before (the fast
 * sum of BASELINE, imported from git into this process, on one thread and with its own
 * worker_threads helper), after on one thread, after with the worker_threads helper (two threads). The three are timed interleaved, so load on the shared
 * machine hits them alike; the machine's load average is printed with the table. Accuracy: max
 * over 48 sampled particles (16 at 1e6) of |fast − direct| / RMS of the direct sums there.
 * FASTSUM_SIZES=10000,100000 picks sizes; FASTSUM_BEFORE=0 skips the baseline;
 * FASTSUM_BASELINE=<commit> picks it. Further tables: a stage profile (FASTSUM_PROFILE=0 skips it) and
 * the results against issue 12's targets.
 */
import { loadavg } from 'node:os';
import { createFastSum, type FastSum, installFastSumThreads } from '../../src/model/fastsum';
import { CellSort, cellStartLength } from '../../src/model/fastsum/cells';
import { FarField } from '../../src/model/fastsum/farField';
import { installNodeFastSumThreads } from '../../src/model/fastsum/helperNode';
import { NearField } from '../../src/model/fastsum/nearField';
import { buildPlan } from '../../src/model/fastsum/plan';
import { makeKernel } from '../../src/model/kernels';
import type { PairKernel } from '../../src/model/kernels/pairKernel';
import type { CoreModel, Geometry } from '../../src/model/types';
import { baselineCommit, importBaseline } from './baseline';
import { type BenchRow, lcg } from './table';

/** main before issue 12's second fast-sum round (FASTSUM_BASELINE=<commit> overrides). */
const BASELINE = baselineCommit('996a447');

/** Issue 12, target 2: evaluations per second with both cores, by n. */
const TARGET: Record<number, number> = { 10000: 150, 100000: 15, 1000000: 1 };

/** Profiled cases: the gaussian ones, and the switched split's cores (whose near field is wider). */
const PROFILED: ReadonlyArray<readonly [Geometry, CoreModel]> = [
  ['isotropic', 'gaussian'],
  ['slip', 'gaussian'],
  ['isotropic', 'plummer'],
  ['isotropic', 'poisson'],
];

type Evaluator = Pick<FastSum, 'accumulate'> & { plan: { M: number } };
type Create = (k: PairKernel, n: number) => Evaluator;

function median(a: number[]): number {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
}

/** Max over sampled i of |raw_i − direct_i| / RMS over them (direct: kernel.gradient over all j). */
function sampledError(k: PairKernel, pos: Float64Array, signs: Int8Array, raw: Float64Array, m: number) {
  const n = signs.length;
  const g = new Float64Array(2);
  let worst = 0;
  let ms = 0;
  for (let s = 0; s < m; s++) {
    const i = Math.floor(((s + 0.5) * n) / m);
    let rx = 0;
    let ry = 0;
    const xi = pos[2 * i];
    const yi = pos[2 * i + 1];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      k.gradient(xi - pos[2 * j], yi - pos[2 * j + 1], g, 0);
      const b = signs[i] * signs[j];
      rx -= b * g[0];
      ry -= b * g[1];
    }
    worst = Math.max(worst, Math.hypot(raw[2 * i] - rx, raw[2 * i + 1] - ry));
    ms += rx * rx + ry * ry;
  }
  return worst / Math.sqrt(ms / m);
}

interface Row {
  label: string;
  evalsPerSecond: (number | null)[];
  M: (number | null)[];
  error: (number | null)[];
  setup: number;
}

function fmt(v: number | null, digits = 3): string {
  return v === null ? '–' : v.toPrecision(digits);
}

/**
 * Where one single-thread evaluation goes (median ms per stage), for choosing what to speed up
 * and how to split work between the threads: cell sort, spreading + FFT convolution, gather of
 * the far gradient, near field. FASTSUM_PROFILE=0 skips it.
 */
function profileStages(sizes: number[]): void {
  console.log('\nfastsum profile (1 thread, median ms per evaluation)');
  console.log('case                        |    M | sort | spread+FFT | gather |  near');
  for (const n of sizes.filter((x) => x <= 1e5))
    for (const [geometry, core] of PROFILED) {
      const kernel = makeKernel({ geometry, core, delta: 1e-3 });
      const plan = buildPlan(kernel, n, { threads: 1 });
      if (!plan.near) continue;
      const rnd = lcg(n + 17);
      const pos = Float64Array.from({ length: 2 * n }, rnd);
      const signs = Int8Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
      const [sx, sy, sb] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
      const sorted = new CellSort(n, sx, sy, sb, new Int32Array(cellStartLength(n)));
      const far = new FarField(n, plan.M, plan.K, plan.window, plan.fhat);
      const near = new NearField(plan.near, sorted);
      const [fx, fy] = [new Float64Array(n), new Float64Array(n)];
      const stages: Array<() => void> = [
        () => sorted.sort(pos, signs, plan.near!.cells),
        () => far.spreadAndConvolve(sx, sy, sb),
        () => far.gatherGradient(sx, sy, sb, fx, fy),
        () => near.accumulate(fx, fy),
      ];
      const times: number[][] = stages.map(() => []);
      const reps = n >= 1e5 ? 5 : 15;
      for (let r = 0; r <= reps; r++)
        stages.forEach((stage, i) => {
          const t = performance.now();
          stage();
          if (r > 0) times[i].push(performance.now() - t);
        });
      const [a, b, c, d] = times.map((t) => median(t).toFixed(1));
      console.log(
        `${`${geometry} ${core} n=${n}`.padEnd(27)} | ${String(plan.M).padStart(4)} | ${a.padStart(4)} | ${b.padStart(10)} | ${c.padStart(6)} | ${d.padStart(5)}`,
      );
    }
}

export async function benchFastSum(): Promise<BenchRow[]> {
  const sizes = (process.env.FASTSUM_SIZES ?? '10000,100000,1000000').split(',').map(Number);
  const base =
    process.env.FASTSUM_BEFORE === '0'
      ? null
      : await importBaseline<{ createFastSum: Create }>(BASELINE, 'fastsum/index.ts');
  // the baseline's own helper thread (its modules keep their own state): for its two-thread column
  type BaseThreads = { installNodeFastSumThreads(): string; stopNodeFastSumThreads(): Promise<void> };
  const baseThreads = base
    ? await importBaseline<BaseThreads>(BASELINE, 'fastsum/helperNode.ts').catch(() => null)
    : null;
  const baseInstall = await importBaseline<{ installFastSumThreads(t: null): void }>(
    BASELINE,
    'fastsum/index.ts',
  );
  console.log(
    `\nfastsum: ${installNodeFastSumThreads()}; load average ${loadavg()[0].toFixed(1)} on 2 cores`,
  );
  const cases: Array<[Geometry, CoreModel, number]> = [
    ['isotropic', 'gaussian', 1e-3],
    ['slip', 'gaussian', 1e-3],
    ['isotropic', 'plummer', 1e-3],
    ['isotropic', 'poisson', 1e-3],
    ['isotropic', 'gaussian', 0],
  ];
  const rows: Row[] = [];
  for (const n of sizes)
    for (const [geometry, core, d] of cases) {
      // δ = 0 stands for δ = 1/n, at n = 1e6 only; the algebraic cores at 1e4 and 1e5 only
      if (d === 0 ? n < 1e6 : n >= 1e6 && core !== 'gaussian') continue;
      const delta = d || 1 / n;
      const kernel = makeKernel({ geometry, core, delta });
      const rnd = lcg(n + 17);
      const signs = Int8Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
      const pos = Float64Array.from({ length: 2 * n }, rnd);
      const raw = new Float64Array(2 * n);
      const t0 = performance.now();
      const one = createFastSum(kernel, n, { threads: 1 });
      const setup = (performance.now() - t0) / 1000;
      const two = createFastSum(kernel, n, { threads: 2 });
      const parallel = await two.whenParallel();
      baseInstall?.installFastSumThreads(null);
      const before = base && n <= 1e6 ? base.createFastSum(kernel, n) : null;
      baseThreads?.installNodeFastSumThreads();
      const before2 = base && n <= 1e6 ? base.createFastSum(kernel, n) : null;
      const parallel2 = before2 ? await (before2 as FastSum).whenParallel() : false;
      const evaluators: (Evaluator | null)[] = [
        before,
        parallel2 ? before2 : null,
        one,
        parallel ? two : null,
      ];
      const times: number[][] = [[], [], [], []];
      const reps = n >= 1e6 ? 3 : n >= 1e5 ? 5 : 15;
      for (const e of evaluators) e?.accumulate(pos, signs, raw); // warm-up
      for (let r = 0; r < reps; r++)
        evaluators.forEach((e, i) => {
          if (!e) return;
          const t = performance.now();
          e.accumulate(pos, signs, raw);
          times[i].push((performance.now() - t) / 1000);
        });
      const m = n >= 1e6 ? 16 : 48;
      const error = evaluators.map((e) => {
        if (!e) return null;
        e.accumulate(pos, signs, raw);
        return sampledError(kernel, pos, signs, raw, m);
      });
      rows.push({
        label: `${geometry} ${core}, δ=${delta}, n=${n}`,
        evalsPerSecond: times.map((t) => (t.length ? 1 / median(t) : null)),
        M: evaluators.map((e) => e?.plan.M ?? null),
        error,
        setup,
      });
    }
  installFastSumThreads(null);
  baseInstall?.installFastSumThreads(null);
  await baseThreads?.stopNodeFastSumThreads();
  if (process.env.FASTSUM_PROFILE !== '0') profileStages(sizes);
  const w = Math.max(...rows.map((r) => r.label.length));
  console.log(
    `${'case'.padEnd(w)} | before 1 thr | before 2 thr | 1 thread | 2 threads | 2 thr after/before | M b1/b2/1/2 | error before | 1 thread | 2 threads | setup s`,
  );
  for (const r of rows) {
    const [b, b2, a1, a2] = r.evalsPerSecond;
    const ratio = b2 && a2 ? `${(a2 / b2).toFixed(2)}×` : '–';
    console.log(
      `${r.label.padEnd(w)} | ${fmt(b).padStart(12)} | ${fmt(b2).padStart(12)} | ${fmt(a1).padStart(8)} | ${fmt(a2).padStart(9)} | ${ratio.padStart(18)} | ${r.M.map((x) => x ?? '–').join('/')} | ${fmt(r.error[0], 2).padStart(12)} | ${fmt(r.error[2], 2).padStart(8)} | ${fmt(r.error[3], 2).padStart(9)} | ${r.setup.toFixed(2)}`,
    );
  }
  console.log(
    `\nissue 12 target 2 (before = ${BASELINE}, best of its 1 and 2 threads; now = best of 1 and 2 threads; evals/s)`,
  );
  console.log(`${'case'.padEnd(w)} | target | before |    now | holds`);
  for (const r of rows) {
    const n = Number(r.label.split('n=')[1]);
    const t = TARGET[n];
    if (!t) continue;
    const [b1, b2, a1, a2] = r.evalsPerSecond;
    const b = Math.max(b1 ?? 0, b2 ?? 0) || null;
    const now = Math.max(a1 ?? 0, a2 ?? 0);
    console.log(
      `${r.label.padEnd(w)} | ${String(t).padStart(6)} | ${fmt(b).padStart(6)} | ${fmt(now).padStart(6)} | ${now >= t ? 'yes' : 'no'}`,
    );
  }
  return rows.flatMap((r) => [
    { name: `${r.label}: 1 thread`, value: r.evalsPerSecond[2] ?? 0, unit: 'evals/s' },
    { name: `${r.label}: 2 threads`, value: r.evalsPerSecond[3] ?? 0, unit: 'evals/s' },
  ]);
}
