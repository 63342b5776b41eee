/**
 * Wall time to T = 1 for the paper's counterexample (issue #2): n = 1000 as 500 short dipoles,
 * δ = 1e-7, U = cos 2πx₁, isotropic gaussian, default tolerances, automatic integrator choice
 * (issue 12 target: ≤ 0.3 s). The wall time includes createSystem and is split into its stages:
 * the kernel build, the stepper's setup (the fast sum's plan and tables are built lazily by the
 * first velocity evaluation, which it makes) and the steps. "before" runs the same stages with
 * src/model of COUNTEREXAMPLE_BASELINE (default: main of 2026-12-03) in the same process, after
 * this tree's run (cold code either way: the two trees' modules are distinct).
 */
import { importBaseline } from './baseline';
import type { BenchRow } from './table';

const BASELINE = process.env.COUNTEREXAMPLE_BASELINE || '3e347d6';

interface Stages {
  wall: number;
  kernel: number;
  setup: number;
  steps: number;
  accepted: number;
  rejected: number;
  evaluations: number;
  maxMove: number;
}

type Load = (file: string) => Promise<Record<string, unknown> | null>;

async function runFrom(load: Load): Promise<Stages | null> {
  const [cs, kn, it, df, ini] = await Promise.all(
    [
      'dynamics/createSystem.ts',
      'kernels/index.ts',
      'integrate/index.ts',
      'scenario/defaults.ts',
      'scenario/initial.ts',
    ].map(load),
  );
  if (!cs || !kn || !it || !df || !ini) return null;
  // biome-ignore lint/suspicious/noExplicitAny: modules of two trees with the same API
  const m = { ...cs, ...kn, ...it, ...df, ...ini } as any;
  const s = m.defaultScenario();
  s.n = 1000;
  s.delta = 1e-7;
  s.field = { modes: [{ a: 1, p: 1, q: 0, phi: 0 }], force: [0, 0] };
  s.initial = {
    kind: 'dipoles',
    density: { kind: 'uniform' },
    gamma: 0.5,
    orientation: 'horizontal',
    seed: 1,
  };
  const config = m.initialConfiguration(s);
  const spec = { geometry: 'isotropic', core: 'gaussian', delta: 1e-7 };
  const started = performance.now();
  const kernel = m.makeKernel(spec);
  const system = m.createSystem(spec, s.field, config.signs, kernel);
  const built = performance.now();
  const stepper = m.createStepper(system, config.pos, {
    method: 'auto',
    rtol: s.integrator.rtol,
    atol: s.integrator.atol,
  });
  const ready = performance.now();
  stepper.advanceTo(1);
  const done = performance.now();
  let maxMove = 0;
  const y = stepper.unwrapped as Float64Array;
  for (let i = 0; i < s.n; i++)
    maxMove = Math.max(
      maxMove,
      Math.hypot(y[2 * i] - config.pos[2 * i], y[2 * i + 1] - config.pos[2 * i + 1]),
    );
  return {
    wall: (done - started) / 1000,
    kernel: (built - started) / 1000,
    setup: (ready - built) / 1000,
    steps: (done - ready) / 1000,
    accepted: stepper.steps,
    rejected: stepper.rejected,
    evaluations: stepper.evaluations,
    maxMove: maxMove / 1e-7,
  };
}

export async function benchCounterexample(): Promise<BenchRow[]> {
  const now = await runFrom((f) => import(`../../src/model/${f}`));
  if (!now) throw new Error('counterexample modules not found');
  const rows: BenchRow[] = [
    { name: 'counterexample n=1000 δ=1e-7 to T=1: wall time', value: now.wall, unit: 's (target ≤ 0.3 s)' },
    { name: '  of which kernel build', value: now.kernel, unit: 's' },
    { name: '  of which stepper setup (fast-sum plan, first evaluation)', value: now.setup, unit: 's' },
    { name: '  of which steps', value: now.steps, unit: 's' },
    {
      name: '  accepted steps',
      value: now.accepted,
      unit: `${now.rejected} rejected, ${now.evaluations} ev`,
    },
    { name: '  max particle displacement / δ', value: now.maxMove, unit: '' },
  ];
  if (process.env.COUNTEREXAMPLE_BASELINE === '0') return rows;
  const before = await runFrom((f) => importBaseline(BASELINE, f));
  if (!before) return rows;
  rows.push(
    { name: `  before (${BASELINE}), same process: wall`, value: before.wall, unit: 's' },
    {
      name: '    kernel / stepper setup / steps',
      value: before.kernel,
      unit: `s / ${before.setup.toPrecision(3)} s / ${before.steps.toPrecision(3)} s`,
    },
    { name: '  after / before', value: now.wall / before.wall, unit: '' },
  );
  return rows;
}
