/**
 * The O(n log n) evaluator against the direct O(n²) sums of the same kernel: gradients
 * (kernel.accumulate) to ≤ 1e-7 relative to the RMS, energies (Σ_i Σ_j b_i b_j V_δ, diagonal
 * included) to ≤ 1e-9 relative, for every core × geometry over δ = 0.2 … 1e-6.
 */
import { describe, expect, it } from 'vitest';
import { createFastSum, type FastSum, fastSumPays } from '../../src/model/fastsum';
import { makeKernel } from '../../src/model/kernels';
import type { PairKernel } from '../../src/model/kernels/pairKernel';
import type { CoreModel, Geometry } from '../../src/model/types';
import { rng } from './testRng';

const kernels = new Map<string, PairKernel>();
function kernel(geometry: Geometry, core: CoreModel, delta: number): PairKernel {
  const key = `${geometry}/${core}/${delta}`;
  let k = kernels.get(key);
  if (!k) {
    k = makeKernel({ geometry, core, delta });
    kernels.set(key, k);
  }
  return k;
}

/** Positions anywhere in [−1, 2)² (the evaluators reduce them), signs random or exactly neutral. */
function configuration(n: number, seed: number, neutral: boolean): { pos: Float64Array; signs: Int8Array } {
  const r = rng(seed);
  const pos = new Float64Array(2 * n);
  for (let k = 0; k < 2 * n; k++) pos[k] = 3 * r() - 1;
  const signs = new Int8Array(n);
  for (let i = 0; i < n; i++) signs[i] = neutral ? (i % 2 === 0 ? 1 : -1) : r() < 0.5 ? 1 : -1;
  return { pos, signs };
}

function directEnergy(k: PairKernel, pos: Float64Array, signs: Int8Array): number {
  const n = signs.length;
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = i + 1; j < n; j++)
      row += signs[j] * k.value(pos[2 * i] - pos[2 * j], pos[2 * i + 1] - pos[2 * j + 1]);
    pairs += signs[i] * row;
  }
  return 2 * pairs + n * k.selfValue;
}

/** max_i |a_i − b_i| / RMS_i |b_i|. */
function relativeError(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  let ms = 0;
  const n = a.length / 2;
  for (let i = 0; i < n; i++) {
    worst = Math.max(worst, Math.hypot(a[2 * i] - b[2 * i], a[2 * i + 1] - b[2 * i + 1]));
    ms += b[2 * i] ** 2 + b[2 * i + 1] ** 2;
  }
  return worst / Math.sqrt(ms / n);
}

function compare(
  k: PairKernel,
  fs: FastSum,
  pos: Float64Array,
  signs: Int8Array,
): { grad: number; energy: number } {
  const n = signs.length;
  const ref = new Float64Array(2 * n);
  const got = new Float64Array(2 * n);
  k.accumulate(pos, signs, ref);
  fs.accumulate(pos, signs, got);
  const e = directEnergy(k, pos, signs);
  return { grad: relativeError(got, ref), energy: Math.abs(fs.pairEnergy(pos, signs) - e) / Math.abs(e) };
}

const GEOMETRIES: Geometry[] = ['isotropic', 'slip'];
const CORES: CoreModel[] = ['gaussian', 'plummer', 'poisson'];
const DELTAS = [0.2, 0.02, 1e-3, 1e-6];

describe('fast sum agrees with the direct sums', () => {
  let seed = 1;
  for (const geometry of GEOMETRIES)
    for (const core of CORES)
      for (const delta of DELTAS) {
        const n = delta === 1e-3 ? 701 : 401;
        const neutral = seed % 2 === 0;
        const s = seed++;
        it(`${geometry} ${core} δ=${delta} n=${n}${neutral ? ' neutral' : ''}`, () => {
          const k = kernel(geometry, core, delta);
          const { pos, signs } = configuration(n, s, neutral);
          const fs = createFastSum(k, n);
          const { grad, energy } = compare(k, fs, pos, signs);
          expect(grad).toBeLessThan(1e-7);
          expect(energy).toBeLessThan(1e-9);
        });
      }
});

describe('fast sum: invariances and special configurations', () => {
  it('is translation invariant (shifts by a vector and by periods)', () => {
    for (const geometry of GEOMETRIES) {
      const k = kernel(geometry, 'poisson', 1e-3);
      const n = 700;
      const { pos, signs } = configuration(n, 99, false);
      const fs = createFastSum(k, n);
      const a = new Float64Array(2 * n);
      const b = new Float64Array(2 * n);
      fs.accumulate(pos, signs, a);
      const shifted = pos.map((v, i) => v + (i % 2 === 0 ? 0.3141 + 2 : -0.2718 - 5));
      fs.accumulate(shifted, signs, b);
      expect(relativeError(b, a)).toBeLessThan(1e-8);
      const e0 = fs.pairEnergy(pos, signs);
      expect(Math.abs(fs.pairEnergy(shifted, signs) - e0) / Math.abs(e0)).toBeLessThan(1e-10);
    }
  });

  it('treats a short ± dipole (distance 0.3δ) in a random configuration exactly (near field)', () => {
    for (const geometry of GEOMETRIES)
      for (const core of CORES)
        for (const delta of [1e-3, 1e-6]) {
          const k = kernel(geometry, core, delta);
          const n = 401;
          const { pos, signs } = configuration(n, 7, false);
          // the last two particles: a dipole at distance 0.3δ, oblique to the axes
          pos[2 * (n - 2)] = 0.4321;
          pos[2 * (n - 2) + 1] = 0.6789;
          pos[2 * (n - 1)] = 0.4321 + 0.3 * delta * 0.8;
          pos[2 * (n - 1) + 1] = 0.6789 + 0.3 * delta * 0.6;
          signs[n - 2] = 1;
          signs[n - 1] = -1;
          const fs = createFastSum(k, n);
          const ref = new Float64Array(2 * n);
          const got = new Float64Array(2 * n);
          k.accumulate(pos, signs, ref);
          fs.accumulate(pos, signs, got);
          expect(relativeError(got, ref)).toBeLessThan(1e-7);
          for (const i of [n - 2, n - 1]) {
            const err = Math.hypot(got[2 * i] - ref[2 * i], got[2 * i + 1] - ref[2 * i + 1]);
            expect(err / Math.hypot(ref[2 * i], ref[2 * i + 1])).toBeLessThan(1e-9);
          }
          const e = directEnergy(k, pos, signs);
          expect(Math.abs(fs.pairEnergy(pos, signs) - e) / Math.abs(e)).toBeLessThan(1e-9);
        }
  });

  it('handles n = 1 and n = 2', () => {
    for (const geometry of GEOMETRIES)
      for (const core of CORES) {
        const k = kernel(geometry, core, 0.02);
        const one = createFastSum(k, 1);
        const raw1 = new Float64Array(2);
        one.accumulate(new Float64Array([0.3, 0.4]), new Int8Array([1]), raw1);
        // the NUFFT self-force (≈ tolerance·M·|far|) is the only thing left for a lone particle
        expect(Math.hypot(raw1[0], raw1[1])).toBeLessThan(1e-8);
        expect(one.pairEnergy(new Float64Array([0.3, 0.4]), new Int8Array([-1]))).toBeCloseTo(k.selfValue, 9);
        const fs = createFastSum(k, 2);
        for (const [dx, dy] of [
          [0.1, 0.05],
          [0.45, -0.3],
          [0.003, 0.0],
        ]) {
          const pos = new Float64Array([0.2, 0.7, 0.2 + dx, 0.7 + dy]);
          const signs = new Int8Array([1, -1]);
          const { grad } = compare(k, fs, pos, signs);
          expect(grad).toBeLessThan(1e-7);
          // E = 2V(0) − 2V(d) cancels for d ≪ δ: measure against the size of its terms
          const scale = 2 * Math.abs(k.selfValue) + 2 * Math.abs(k.value(dx, dy));
          expect(Math.abs(fs.pairEnergy(pos, signs) - directEnergy(k, pos, signs)) / scale).toBeLessThan(
            1e-10,
          );
        }
      }
  });

  it('uses the sign convention of kernel.accumulate (raw = −Σ_j b_i b_j ∇V_δ(x_i − x_j))', () => {
    const k = kernel('isotropic', 'gaussian', 0.02);
    const fs = createFastSum(k, 2);
    const raw = new Float64Array(4);
    // two like signs at distance 0.1 along x₁ repel: V ≈ −log r, so raw_0 points away from x_1
    fs.accumulate(new Float64Array([0.5, 0.5, 0.6, 0.5]), new Int8Array([1, 1]), raw);
    expect(raw[0]).toBeLessThan(-5);
    expect(raw[2]).toBeGreaterThan(5);
  });

  it('accumulateWithEnergy equals accumulate + pairEnergy, to the bit', () => {
    // one sweep for both (nearField.ts bothBlock) adds each pair's terms as the two sweeps do;
    // particle 1 sits on particle 0 (q = 0: energy only)
    for (const [geometry, core] of [
      ['isotropic', 'gaussian'],
      ['slip', 'poisson'],
      ['slip', 'gaussian'],
    ] as const) {
      const k = kernel(geometry, core, 1e-3);
      const n = 600;
      const { pos, signs } = configuration(n, 5, true);
      pos[2] = pos[0];
      pos[3] = pos[1];
      const fs = createFastSum(k, n);
      const a = new Float64Array(2 * n);
      const b = new Float64Array(2 * n);
      fs.accumulate(pos, signs, a);
      const e = fs.accumulateWithEnergy(pos, signs, b);
      expect(relativeError(b, a)).toBe(0);
      expect(e).toBe(fs.pairEnergy(pos, signs));
    }
  });

  it("takes the gaussian core's logarithms per particle: a tight cluster and charges other than ±1", () => {
    // nearBlocks.ts RowLogs: beyond s = 40 the energy loops multiply q into two products per
    // particle. 150 particles within 1e-6 of each other (q ~ 1e-13, s ~ 5e4) make each product fall
    // below its floor after ~20 factors, so the folding into acc is exercised; charges 2 and −3 take
    // the per-pair phi. Both against the direct sum.
    const k = kernel('isotropic', 'gaussian', 1e-9);
    for (const slip of [false, true]) {
      const kk = slip ? kernel('slip', 'gaussian', 1e-9) : k;
      const n = 400;
      const { pos, signs } = configuration(n, 23, false);
      const r = rng(29);
      for (let i = 0; i < 150; i++) {
        pos[2 * i] = 0.4 + 1e-6 * r();
        pos[2 * i + 1] = 0.7 + 1e-6 * r();
      }
      signs[3] = 2;
      signs[160] = -3;
      const fs = createFastSum(kk, n);
      // directEnergy's diagonal n·V(0) is Σ b_i² V(0) here
      const e = directEnergy(kk, pos, signs) + (4 - 1 + 9 - 1) * kk.selfValue;
      expect(Math.abs(fs.pairEnergy(pos, signs) - e) / Math.abs(e)).toBeLessThan(1e-9);
      const raw = new Float64Array(2 * n);
      expect(fs.accumulateWithEnergy(pos, signs, raw)).toBe(fs.pairEnergy(pos, signs));
    }
  });

  it('re-plans for a clustered configuration and stays accurate', () => {
    const k = kernel('isotropic', 'gaussian', 1e-3);
    const n = 2000;
    const r = rng(17);
    const pos = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const a = 2 * Math.PI * r();
      const rr = 0.06 * Math.sqrt(r());
      pos[2 * i] = 0.3 + rr * Math.cos(a);
      pos[2 * i + 1] = 0.8 + rr * Math.sin(a);
    }
    const signs = new Int8Array(n).map((_, i) => (i % 2 ? 1 : -1));
    const fs = createFastSum(k, n);
    const m0 = fs.plan.M;
    const got = new Float64Array(2 * n);
    for (let e = 0; e < 11; e++) fs.accumulate(pos, signs, got);
    expect(fs.plan.clustering).toBeGreaterThan(10);
    expect(fs.plan.M).toBeGreaterThan(m0);
    const ref = new Float64Array(2 * n);
    k.accumulate(pos, signs, ref);
    fs.accumulate(pos, signs, got);
    expect(relativeError(got, ref)).toBeLessThan(1e-7);
  });

  it('reports where it pays', () => {
    expect(fastSumPays(100)).toBe(false);
    expect(fastSumPays(10000)).toBe(true);
  });
});
