/**
 * The ring core next to the gaussian one: fast-sum velocity evaluations per second (kernel pair
 * gradients only) at n = 1e4 and 1e5, δ = 1e-3 and 0.01, both geometries, uniform i.i.d.
 * positions, alternating signs, one thread; and the direct O(n²) sum at n = 2000. Gaussian and
 * ring evaluations alternate in one loop, so the load of the shared machine hits both alike; the
 * ratio ring/gaussian is the number to read. RING_SIZES=10000 picks sizes. Where the gaussian goes
 * far-only (δ = 0.01) the ring cannot at the same grid: its multiplier's gaussian factor is
 * e^{−π²δ²|k|²/2}, a quarter of the gaussian core's exponent, so its far field needs twice the K.
 */
import { loadavg } from 'node:os';
import { createFastSum } from '../../src/model/fastsum';
import { makeKernel } from '../../src/model/kernels';
import type { CoreModel, Geometry } from '../../src/model/types';
import { type BenchRow, lcg } from './table';

type Eval = () => void;

/** Median seconds of each of the evaluations, timed alternately for ≥ budget seconds. */
function interleaved(evals: Eval[], budget: number): number[] {
  for (const e of evals) e();
  const times: number[][] = evals.map(() => []);
  const start = performance.now();
  while (times[0].length < 3 || (performance.now() - start) / 1000 < budget) {
    evals.forEach((e, i) => {
      const t = performance.now();
      e();
      times[i].push((performance.now() - t) / 1000);
    });
    if (times[0].length >= 30) break;
  }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]);
}

function configuration(n: number) {
  const rnd = lcg(n + 7);
  return {
    pos: Float64Array.from({ length: 2 * n }, rnd),
    signs: Int8Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1)),
  };
}

export async function benchRing(): Promise<BenchRow[]> {
  const sizes = (process.env.RING_SIZES ?? '10000,100000').split(',').map(Number);
  console.log(`\nring: load average ${loadavg()[0].toFixed(1)} on 2 cores (one thread here)`);
  const rows: BenchRow[] = [];
  const cores: CoreModel[] = ['gaussian', 'ring'];
  for (const geometry of ['isotropic', 'slip'] as Geometry[])
    for (const delta of [1e-3, 0.01])
      for (const n of sizes) {
        const { pos, signs } = configuration(n);
        const raw = new Float64Array(2 * n);
        const sums = cores.map((core) =>
          createFastSum(makeKernel({ geometry, core, delta }), n, { threads: 1 }),
        );
        const s = interleaved(
          sums.map((f) => () => f.accumulate(pos, signs, raw)),
          n > 50000 ? 8 : 4,
        );
        const tag = `${geometry} δ=${delta} n=${n}`;
        sums.forEach((f, i) => {
          rows.push({
            name: `fast sum ${cores[i]}, ${tag} (M=${f.plan.M})`,
            value: 1 / s[i],
            unit: 'evals/s',
          });
        });
        rows.push({ name: `fast sum ring/gaussian time, ${tag}`, value: s[1] / s[0], unit: 'ratio' });
      }
  for (const geometry of ['isotropic', 'slip'] as Geometry[]) {
    const n = 2000;
    const { pos, signs } = configuration(n);
    const raw = new Float64Array(2 * n);
    const kernels = cores.map((core) => makeKernel({ geometry, core, delta: 0.01 }));
    const s = interleaved(
      kernels.map((k) => () => k.accumulate(pos, signs, raw)),
      3,
    );
    kernels.forEach((_, i) => {
      rows.push({
        name: `direct sum ${cores[i]}, ${geometry} δ=0.01 n=${n}`,
        value: 1 / s[i],
        unit: 'evals/s',
      });
    });
    rows.push({ name: `direct sum ring/gaussian time, ${geometry}`, value: s[1] / s[0], unit: 'ratio' });
  }
  return rows;
}
