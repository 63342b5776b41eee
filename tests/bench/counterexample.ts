/**
 * Wall time to T = 1 for the paper's counterexample (issue #2): n = 1000 as 500 short dipoles,
 * δ = 1e-7, U = cos 2πx₁, isotropic gaussian, default tolerances, automatic integrator choice
 * (issue 12 target: ≤ 0.3 s). The wall time includes createSystem and is split into its stages:
 * the kernel build, the stepper's setup (the fast sum's plan and tables are built lazily by the
 * first velocity evaluation, which it makes) and the steps. "before" runs the same stages with
 * src/model of COUNTEREXAMPLE_BASELINE (default: main of 2026-12-03, 80c3dbd). Each run is a
 * fresh process (counterexampleRun.ts), the two trees alternating, RUNS of each (default 3),
 * medians reported: in one process the second tree ran partly warm (shared builtins, a grown
 * heap), ~5–15% faster steps than the same code first. Last, each run builds the slip kernel at
 * δ = 1e-7 (the slip rows' and the app's slip start; its remainder code is warm by then).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baselineModelDir } from './baseline';
import type { Stages } from './counterexampleRun';
import type { BenchRow } from './table';

const BASELINE = process.env.COUNTEREXAMPLE_BASELINE || '80c3dbd';
const RUNS = Number(process.env.COUNTEREXAMPLE_RUNS || 3);
const CHILD = fileURLToPath(new URL('./counterexampleRun.ts', import.meta.url));

function runFresh(modelDir: string): Stages {
  const r = spawnSync(process.execPath, [...process.execArgv, CHILD, modelDir], { encoding: 'utf8' });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`counterexample run failed: ${r.stderr}`);
  return JSON.parse(line) as Stages;
}

/** Medians of each stage over runs (counts are exact and equal across runs). */
function median(runs: Stages[]): Stages {
  const m = (k: keyof Stages) => {
    const v = runs.map((r) => r[k]).sort((a, b) => a - b);
    return v[v.length >> 1];
  };
  const out = { ...runs[0] };
  for (const k of ['wall', 'kernel', 'setup', 'steps', 'slipKernel'] as const) out[k] = m(k);
  return out;
}

export async function benchCounterexample(): Promise<BenchRow[]> {
  const here = resolve('src/model');
  const other = process.env.COUNTEREXAMPLE_BASELINE === '0' ? null : baselineModelDir(BASELINE);
  const nowRuns: Stages[] = [];
  const beforeRuns: Stages[] = [];
  for (let k = 0; k < RUNS; k++) {
    nowRuns.push(runFresh(here));
    if (other) beforeRuns.push(runFresh(other));
  }
  const now = median(nowRuns);
  const rows: BenchRow[] = [
    {
      name: 'counterexample n=1000 δ=1e-7 to T=1: wall time',
      value: now.wall,
      unit: `s (target ≤ 0.3 s; median of ${RUNS} fresh processes)`,
    },
    { name: '  of which kernel build', value: now.kernel, unit: 's' },
    { name: '  of which stepper setup (fast-sum plan, first evaluation)', value: now.setup, unit: 's' },
    { name: '  of which steps', value: now.steps, unit: 's' },
    {
      name: '  accepted steps',
      value: now.accepted,
      unit: `${now.rejected} rejected, ${now.evaluations} ev`,
    },
    { name: '  max particle displacement / δ', value: now.maxMove, unit: '' },
    { name: 'slip kernel build δ=1e-7, after the run', value: now.slipKernel, unit: 's' },
  ];
  if (beforeRuns.length === 0) return rows;
  const before = median(beforeRuns);
  rows.push(
    { name: `  before (${BASELINE}), fresh processes: wall`, value: before.wall, unit: 's' },
    {
      name: '    kernel / stepper setup / steps',
      value: before.kernel,
      unit: `s / ${before.setup.toPrecision(3)} s / ${before.steps.toPrecision(3)} s`,
    },
    { name: '  after / before', value: now.wall / before.wall, unit: '' },
    {
      name: `  slip kernel build, before (${BASELINE})`,
      value: before.slipKernel,
      unit: `s (after / before ${(now.slipKernel / before.slipKernel).toPrecision(3)})`,
    },
  );
  return rows;
}
