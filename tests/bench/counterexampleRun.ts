/**
 * One cold run of the counterexample bench (counterexample.ts) with the src/model tree given as
 * argv[2], printed as one JSON line: run in a fresh process per measurement, so every stage is
 * cold as in a CLI run, whichever tree runs first.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Stages {
  wall: number;
  kernel: number;
  setup: number;
  steps: number;
  accepted: number;
  rejected: number;
  evaluations: number;
  maxMove: number;
  slipKernel: number;
}

type Load = (file: string) => Promise<Record<string, unknown> | null>;

export async function runFrom(load: Load): Promise<Stages | null> {
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
  const slipStart = performance.now();
  m.makeKernel({ geometry: 'slip', core: 'gaussian', delta: 1e-7 });
  const slipKernel = (performance.now() - slipStart) / 1000;
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
    slipKernel,
  };
}

const dir = process.argv[2];
if (dir) {
  const stages = await runFrom((f) => import(pathToFileURL(join(dir, f)).href));
  console.log(JSON.stringify(stages));
}
