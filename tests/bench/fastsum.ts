/**
 * Fast (P3M/NUFFT) pair sums against the direct O(n²) sum in the same process: velocity
 * evaluations per second (kernel pair gradients only: the part the two evaluators do differently)
 * for n = 1e3, 1e4, 1e5, isotropic geometry for each core and slip with the gaussian core, δ = 1e-3;
 * the direct sum for n ≤ 1e4 as the baseline; and the one-off setup time of the fast evaluator.
 */
import { createFastSum } from '../../src/model/fastsum';
import { makeKernel } from '../../src/model/kernels';
import type { CoreModel, Geometry } from '../../src/model/types';
import { type BenchRow, lcg, timeIt } from './table';

export async function benchFastSum(sizes = [1000, 10000, 100000]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const cases: Array<[Geometry, CoreModel]> = [
    ['isotropic', 'gaussian'],
    ['isotropic', 'plummer'],
    ['isotropic', 'poisson'],
    ['slip', 'gaussian'],
  ];
  for (const [geometry, core] of cases) {
    const kernel = makeKernel({ geometry, core, delta: 1e-3 });
    for (const n of sizes) {
      const rnd = lcg(n + 17);
      const signs = Int8Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
      const pos = Float64Array.from({ length: 2 * n }, rnd);
      const raw = new Float64Array(2 * n);
      const t0 = performance.now();
      const fs = createFastSum(kernel, n);
      const setup = (performance.now() - t0) / 1000;
      const label = `${geometry} ${core}, n=${n}`;
      const fast = timeIt(() => fs.accumulate(pos, signs, raw), n >= 100000 ? 4 : 2);
      rows.push({ name: `fast sum, ${label} (M=${fs.plan.M})`, value: 1 / fast, unit: 'evals/s' });
      if (n <= 10000) {
        const direct = timeIt(() => kernel.accumulate(pos, signs, raw), n >= 10000 ? 6 : 2);
        rows.push({ name: `direct sum, ${label}`, value: 1 / direct, unit: 'evals/s' });
      }
      if (n >= 10000) rows.push({ name: `fast sum setup, ${label}`, value: setup, unit: 's' });
    }
  }
  return rows;
}
