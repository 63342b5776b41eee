/**
 * The circle (MATH §12): one velocity evaluation (direct O(n²) pair loop; poisson by angle
 * addition, gaussian through its tabulated correction), one PDE step, and a whole counterexample run.
 */
import { createStepper } from '../../src/model/integrate';
import {
  halfDensityCells,
  quantileData1d,
  shortDipoles1d,
  sineCumulative,
} from '../../src/model/oneD/init1d';
import { Pde1d } from '../../src/model/oneD/pde1d';
import { createSystem1d, embed1d } from '../../src/model/oneD/system1d';
import type { CoreModel } from '../../src/model/types';
import { type BenchRow, lcg, timeIt } from './table';

const U = { modes: [{ a: 1, p: 1, q: 0, phi: 0 }], force: [0, 0] as [number, number] };

export async function benchOneD(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const F = sineCumulative(0.5);
  for (const core of ['poisson', 'gaussian'] as const)
    for (const n of [1000, 4000]) {
      const p = quantileData1d(n, F);
      const sys = createSystem1d(core, 0.01, U, p.signs);
      const pos = embed1d(p.x);
      const out = new Float64Array(2 * n);
      rows.push({
        name: `1D velocities ${core} n=${n}`,
        value: timeIt(() => sys.velocities(pos, out)) * 1e3,
        unit: 'ms',
      });
    }
  rows.push(...benchFastSum1d());
  for (const N of [256, 1024]) {
    const cells = halfDensityCells(N, F);
    const pde = new Pde1d({ core: 'poisson', delta: 0.01, field: U, N, rhoPlus: cells, rhoMinus: cells });
    rows.push({ name: `1D PDE step N=${N}`, value: timeIt(() => pde.step()) * 1e3, unit: 'ms' });
  }
  const n = 200;
  const p = shortDipoles1d(n, F, n ** -4, 0.01);
  const t0 = performance.now();
  const st = createStepper(createSystem1d('poisson', n ** -4, U, p.signs), embed1d(p.x), {
    method: 'auto',
    rtol: 1e-6,
    atol: 1e-9,
    h0: 1e-6,
  });
  st.advanceTo(0.2);
  rows.push({
    name: '1D counterexample n=200 δ=n^-4 to T=0.2',
    value: (performance.now() - t0) / 1e3,
    unit: 's',
  });
  rows.push({ name: '  … its steps', value: st.steps, unit: 'steps' });
  return rows;
}

/**
 * Direct O(n²) loop against the fast sum (fastSum1d.ts), one velocity evaluation each, in evals/s;
 * i.i.d. positions, alternating signs. δ = 0.002 is "split" at these n (near + far), δ = 1e-12
 * (poisson, and gaussian by smallCore1d.ts) the short-dipole scale.
 */
function benchFastSum1d(): BenchRow[] {
  const rows: BenchRow[] = [];
  const cases: [CoreModel, number][] = [
    ['poisson', 0.002],
    ['gaussian', 0.002],
    ['poisson', 1e-12],
    ['gaussian', 1e-12],
  ];
  for (const [core, delta] of cases)
    for (const n of [128, 256, 512, 4096, 32768]) {
      const rnd = lcg(n);
      const x = new Float64Array(n);
      const signs = new Int8Array(n);
      for (let i = 0; i < n; i++) {
        x[i] = rnd();
        signs[i] = i % 2 === 0 ? 1 : -1;
      }
      const pos = embed1d(x);
      const out = new Float64Array(2 * n);
      const label = `1D ${core} δ=${delta} n=${n}`;
      // the direct loop at n = 32768 costs seconds per evaluation (gaussian ~10 s): poisson only
      if (n < 32768 || core === 'poisson') {
        const direct = createSystem1d(core, delta, U, signs, 'direct');
        rows.push({
          name: `${label} direct`,
          value: 1 / timeIt(() => direct.velocities(pos, out), n > 4096 ? 0.1 : 1),
          unit: 'evals/s',
        });
      }
      const fast = createSystem1d(core, delta, U, signs, 'fast');
      rows.push({
        name: `${label} fast`,
        value: 1 / timeIt(() => fast.velocities(pos, out), 1),
        unit: 'evals/s',
      });
    }
  return rows;
}
