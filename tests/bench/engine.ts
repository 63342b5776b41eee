/** Particle-engine benchmarks: pair-sum throughput and the counterexample's wall time. */
import { createSystem } from '../../src/model/dynamics/createSystem';
import { makeKernel } from '../../src/model/kernels';
import { CORE_MODELS } from '../../src/model/types';
import type { BenchRow } from './table';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Median seconds of `fn` over repeats lasting about `budget` seconds (at least 3 runs). */
export function timeIt(fn: () => void, budget = 2): number {
  fn(); // warm-up (JIT)
  const times: number[] = [];
  const start = performance.now();
  while (times.length < 3 || (performance.now() - start) / 1000 < budget) {
    const t = performance.now();
    fn();
    times.push((performance.now() - t) / 1000);
    if (times.length >= 50) break;
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

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
