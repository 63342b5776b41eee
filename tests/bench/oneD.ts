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
import { type BenchRow, timeIt } from './table';

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
