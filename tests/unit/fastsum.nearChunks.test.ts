/**
 * The near field in chunks of cell rows (nearField.ts), the unit the two threads share: whichever
 * thread runs a chunk and in whatever order, the gradient (own + spill) and the energy are the same
 * bits as one thread running them in order — each output entry is written by one chunk only. And
 * the sum is right: against a direct sum of the near profile over all pairs closer than r₂.
 */
import { describe, expect, it } from 'vitest';
import { CellSort, cellStartLength } from '../../src/model/fastsum/cells';
import { NearField, nearChunks, nearOutput } from '../../src/model/fastsum/nearField';
import { buildPlan } from '../../src/model/fastsum/plan';
import { makeKernel } from '../../src/model/kernels';
import type { Geometry } from '../../src/model/types';
import { rng } from './testRng';

const same = (a: Float64Array, b: Float64Array) => a.every((v, i) => Object.is(v, b[i]));

/** reach 0: the plan's near config; 1, 2, 3: cells r₂/reach wide instead. */
function setup(geometry: Geometry, n: number, seed: number, clustered = false, reach = 0) {
  const kernel = makeKernel({ geometry, core: 'gaussian', delta: 1e-3 });
  const plan = buildPlan(kernel, n, { threads: 2 });
  const cfg = reach ? { ...plan.near!, cells: Math.floor(reach / plan.r2), reach } : plan.near!;
  const r = rng(seed);
  const pos = Float64Array.from({ length: 2 * n }, () => (clustered ? 0.3 + 0.2 * r() : 3 * r() - 1));
  const signs = Int8Array.from({ length: n }, () => (r() < 0.5 ? 1 : -1));
  const [sx, sy, sb] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const sorted = new CellSort(n, sx, sy, sb, new Int32Array(cellStartLength(n)));
  sorted.sort(pos, signs, cfg.cells);
  return { kernel, plan, cfg, sorted, pos, signs };
}

describe('near field chunks', () => {
  for (const [geometry, n, clustered, reach] of [
    ['isotropic', 3000, false, 0],
    ['slip', 3000, false, 0],
    ['isotropic', 2000, true, 0],
    ['slip', 500, false, 0],
    ['isotropic', 3000, false, 3],
  ] as const)
    it(`${geometry} n=${n}${clustered ? ' clustered' : ''}${reach ? ` cells r₂/${reach} wide` : ''}: any order, any split between two fields, the same bits`, () => {
      const { cfg, sorted } = setup(geometry, n, 11 + n, clustered, reach);
      const one = new NearField(cfg, sorted);
      expect(one.chunks).toBe(nearChunks(cfg.cells, cfg.reach));
      expect(one.chunks).toBeGreaterThan(2);
      const fx = new Float64Array(n);
      const fy = new Float64Array(n);
      const e1 = one.accumulateWithEnergy(fx, fy);
      const pairs = one.pairsInside;
      // two fields on one output (the two threads), chunks backwards and interleaved
      const out = nearOutput(n);
      const a = new NearField(cfg, sorted, out);
      const b = new NearField(cfg, sorted, out);
      for (let k = a.chunks - 1; k >= 0; k--) (k % 3 === 1 ? a : b).runChunk(true, true, k);
      const gx = new Float64Array(n);
      const gy = new Float64Array(n);
      b.gradientInto(gx, gy);
      expect(same(fx, gx) && same(fy, gy)).toBe(true);
      expect(a.energySum()).toBe(e1);
      expect(a.pairSum()).toBe(pairs);
      // the gradient-only and energy-only sweeps, in another order
      for (let k = 0; k < a.chunks; k += 2) a.runChunk(true, false, k);
      for (let k = 1; k < a.chunks; k += 2) b.runChunk(true, false, k);
      a.gradientInto(gx, gy);
      expect(same(fx, gx) && same(fy, gy)).toBe(true);
      for (let k = a.chunks - 1; k >= 0; k--) (k % 2 ? a : b).runChunk(false, true, k);
      expect(b.energySum()).toBe(e1);
    });

  for (const geometry of ['isotropic', 'slip'] as const)
    for (const reach of [0, 1, 3])
      it(`${geometry}, ${reach ? `cells r₂/${reach} wide` : "the plan's cells"}: the chunked cell sweep finds the pairs the all-pairs sweep finds (9 period shifts, no cells)`, () => {
        const n = 1500;
        const { cfg, sorted, pos, signs } = setup(geometry, n, 3, false, reach);
        expect(cfg.cells).toBeGreaterThanOrEqual(2 * cfg.reach + 1);
        const chunked = new NearField(cfg, sorted);
        const fx = new Float64Array(n);
        const fy = new Float64Array(n);
        const energy = chunked.accumulateWithEnergy(fx, fy);
        // the same profile over all pairs by the fallback sweep, in its own (one-cell) order
        const [sx, sy, sb] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
        const all = new CellSort(n, sx, sy, sb, new Int32Array(cellStartLength(n)));
        all.sort(pos, signs, 0);
        const plain = new NearField({ ...cfg, cells: 0, reach: 0 }, all);
        expect(plain.chunks).toBe(1);
        const gx = new Float64Array(n);
        const gy = new Float64Array(n);
        const e2 = plain.accumulateWithEnergy(gx, gy);
        expect(plain.pairsInside).toBe(chunked.pairsInside);
        const ex = new Float64Array(n);
        const ey = new Float64Array(n);
        for (let s = 0; s < n; s++) {
          ex[sorted.order[s]] += fx[s];
          ey[sorted.order[s]] += fy[s];
          ex[all.order[s]] -= gx[s];
          ey[all.order[s]] -= gy[s];
        }
        let worst = 0;
        let scale = 0;
        for (let s = 0; s < n; s++) {
          worst = Math.max(worst, Math.hypot(ex[s], ey[s]));
          scale = Math.max(scale, Math.hypot(gx[s], gy[s]));
        }
        expect(worst / scale).toBeLessThan(1e-13);
        expect(Math.abs(energy - e2)).toBeLessThan(1e-12 * Math.abs(e2));
      });
});
