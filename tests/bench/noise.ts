/**
 * Noise: Brownian-tree values per second (one W(t) at a grid time of 2⁻⁸ and at a non-dyadic
 * time, which descends all 44 levels, from the root each time; and at consecutive grid times with the
 * kept descent), noisy grid steps per second of the drift-implicit stepper
 * (n = 1000 and 4000, isotropic, gaussian δ = 0.01, θ = 1e-3, dt = 2⁻⁸, direct/fast sum by n),
 * the PDE heat-flow split step on a 256² grid, and whole `run`s through the CLI's path
 * (executeRun, as `run --in <link>` and a sweep row): the same link with and without noise, particles
 * alone and with the PDE, so the rows compare in one process. Medians of repeats (timeIt).
 */
import { loadavg } from 'node:os';
import { createSystem } from '../../src/model/dynamics/createSystem';
import { BrownianPaths } from '../../src/model/noise/brownian';
import { NoisyStepper } from '../../src/model/noise/stepper';
import { HeatFlow } from '../../src/model/pde/diffusion';
import { decodeScenario } from '../../src/model/scenario/codec';
import { executeRun, scenarioSetup } from '../../src/model/study/execute';
import { NO_FIELD } from '../../src/model/types';
import { type BenchRow, lcg, timeIt } from './table';

export async function benchNoise(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const M = 20000;
  const paths = new BrownianPaths(1, M, 1);
  const out = new Float64Array(M);
  let k = 1;
  const grid = timeIt(() => paths.sample((k++ % 1000) / 256, out), 1);
  rows.push({ name: 'brownian tree W(t), t on 2⁻⁸ grid', value: M / grid, unit: 'values/s' });
  const deep = timeIt(() => paths.sample(0.1 + 1e-7 * k++, out), 1);
  rows.push({ name: 'brownian tree W(t), t non-dyadic (44 levels)', value: M / deep, unit: 'values/s' });
  // ≤ 16384 streams keep their last descent: consecutive grid times re-descend a few levels only
  const C = 16000;
  const cached = new BrownianPaths(1, C, 1);
  const cout = new Float64Array(C);
  let j = 1;
  const seq = timeIt(() => cached.sample(j++ / 256, cout), 1);
  rows.push({
    name: `brownian tree, ${C} streams, consecutive 2⁻⁸ times (kept descent)`,
    value: C / seq,
    unit: 'values/s',
  });
  for (const n of [1000, 4000]) {
    const rnd = lcg(n);
    const pos = Float64Array.from({ length: 2 * n }, rnd);
    const signs = Int8Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
    const sys = createSystem({ geometry: 'isotropic', core: 'gaussian', delta: 0.01 }, NO_FIELD, signs);
    const st = new NoisyStepper(sys, pos, { temperature: 1e-3, seed: 1, dt: 2 ** -8, delta: 0.01 });
    const y = new Float64Array(2 * n);
    let t = 0;
    const sec = timeIt(() => {
      t += 2 ** -8;
      st.advanceTo(t, y);
    }, 2);
    rows.push({ name: `noisy step n=${n} (δ=0.01, θ=1e-3, dt=2⁻⁸)`, value: 1 / sec, unit: 'steps/s' });
  }
  const N = 256;
  const flow = new HeatFlow(N, 'isotropic');
  const rho = Float64Array.from({ length: N * N }, lcg(3));
  const heat = timeIt(() => flow.apply(rho, 1e-5), 1);
  rows.push({ name: `PDE heat-flow split step ${N}²`, value: 1 / heat, unit: 'steps/s' });
  for (const link of [
    'v1&n=1000&d=0.01&T=0.0625',
    'v1&n=1000&d=0.01&T=0.0625&th=0.001',
    'v1&n=1000&d=0.01&T=0.0625&N=64',
    'v1&n=1000&d=0.01&T=0.0625&N=64&th=0.001',
  ]) {
    const r = decodeScenario(link);
    if (!r.ok) throw new Error(r.error.message);
    const sc = r.scenario;
    const pde = link.includes('N=64') ? { T: sc.T, grid: 64, delta: 0.01, samples: 4 } : undefined;
    const opts = { T: sc.T, integrator: sc.integrator, modes: [], pde };
    const sec = timeIt(() => executeRun(scenarioSetup(sc), opts, false), 4);
    rows.push({ name: `run ${link}${pde ? ' --pde --samples 4' : ''}`, value: sec, unit: 's' });
  }
  rows.push({ name: 'load average (1 min) during noise rows', value: loadavg()[0], unit: '' });
  return rows;
}
