/** Particle-engine benchmark: the direct O(n²) pair sum (the baseline of the fast sum). */
import { createSystem } from '../../src/model/dynamics/createSystem';
import { makeKernel } from '../../src/model/kernels';
import { CORE_MODELS } from '../../src/model/types';
import { type BenchRow, lcg, timeIt } from './table';

export async function benchDirectSum(sizes = [1000, 10000]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const core of CORE_MODELS) {
    const spec = { geometry: 'isotropic' as const, core, delta: 0.01 };
    const kernel = makeKernel(spec);
    for (const n of sizes) {
      const rnd = lcg(n);
      const signs = Int8Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
      const pos = Float64Array.from({ length: 2 * n }, rnd);
      const sys = createSystem(spec, { modes: [], force: [0, 0] }, signs, kernel, 'direct');
      const out = new Float64Array(2 * n);
      const s = timeIt(() => sys.velocities(pos, out), n > 5000 ? 4 : 2);
      rows.push({ name: `velocities, direct sum, ${core}, n=${n}`, value: s, unit: 's/eval' });
    }
  }
  return rows;
}
