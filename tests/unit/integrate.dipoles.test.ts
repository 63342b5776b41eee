/**
 * The paper's counterexample regime (Thm 4.4 isotropic, Thm 4.6 slip; MATH §6, §10): short
 * dipoles under U = cos 2πx₁ stay trapped — particles move by a few δ, dipoles shrink — and the
 * stiff integrator reaches T with steps set by the slow dynamics, not by the dipole time n·δ².
 */
import { describe, expect, it } from 'vitest';
import { createSystem } from '../../src/model/dynamics/createSystem';
import { DEFAULT_HMAX, integrate } from '../../src/model/integrate';
import { makeKernel } from '../../src/model/kernels';
import type { ExternalField, Geometry } from '../../src/model/types';

const U: ExternalField = { modes: [{ a: 1, p: 1, q: 0, phi: 0 }], force: [0, 0] };

/** n/2 dipoles (+ at 2k, − at 2k+1) of width w on a jittered lattice; direction (ex, ey). */
function dipoles(n: number, width: number, ex: number, ey: number, seed: number) {
  const K = n / 2;
  const G = Math.ceil(Math.sqrt(K));
  let s = seed;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pos = new Float64Array(2 * n);
  const signs = new Int8Array(n);
  for (let k = 0; k < K; k++) {
    const zx = ((k % G) + 0.5 + 0.3 * (rnd() - 0.5)) / G;
    const zy = (Math.floor(k / G) + 0.5 + 0.3 * (rnd() - 0.5)) / G;
    pos.set(
      [zx + 0.5 * width * ex, zy + 0.5 * width * ey, zx - 0.5 * width * ex, zy - 0.5 * width * ey],
      4 * k,
    );
    signs[2 * k] = 1;
    signs[2 * k + 1] = -1;
  }
  return { pos, signs, spacing: 1 / G };
}

function widths(y: Float64Array, n: number): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (let k = 0; k < n / 2; k++) {
    const w = Math.hypot(y[4 * k] - y[4 * k + 2], y[4 * k + 1] - y[4 * k + 3]);
    min = Math.min(min, w);
    max = Math.max(max, w);
  }
  return { min, max };
}

function maxMove(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i += 2) m = Math.max(m, Math.hypot(a[i] - b[i], a[i + 1] - b[i + 1]));
  return m;
}

/** E_n never rises between accepted steps beyond round-off (3e-13 relative). */
function expectEnergyNonIncreasing(energy: ReadonlyArray<readonly [number, number]>): void {
  for (let k = 1; k < energy.length; k++)
    expect(energy[k][1] - energy[k - 1][1]).toBeLessThanOrEqual(3e-13 * (1 + Math.abs(energy[k - 1][1])));
}

const cases: Array<[Geometry, number, number, number, 'stiff' | 'auto' | 'multirate']> = [
  // geometry, n, δ, T, method  (explicit would need ≈ T/(3.3·n·δ²) steps: 75 000 and 150 000)
  ['isotropic', 200, 1e-4, 0.5, 'stiff'],
  ['slip', 100, 1e-4, 0.5, 'auto'],
  ['isotropic', 200, 1e-4, 0.5, 'multirate'],
  ['slip', 100, 1e-4, 0.5, 'multirate'],
];

describe('short dipoles stay trapped (counterexample regime)', () => {
  for (const [geometry, n, delta, T, method] of cases) {
    it(`${geometry}, n = ${n}, δ = ${delta}, T = ${T}, ${method}`, () => {
      const spec = { geometry, core: 'gaussian' as const, delta };
      // Slip dipoles must straddle two slip planes (d·e₂ ≠ 0): vertical there, horizontal else.
      const [ex, ey] = geometry === 'slip' ? [0, 1] : [1, 0];
      const { pos, signs, spacing } = dipoles(n, 0.5 * delta, ex, ey, 42);
      const sys = createSystem(spec, U, signs, makeKernel(spec));
      const r = integrate(sys, pos, T, { method, rtol: 1e-6, atol: 1e-9 });
      const explicitSteps = T / (3.3 * n * delta * delta);
      // Steps follow the slow dynamics: ≈ 120–170 observed, against ~5·10⁴ for an explicit method.
      expect(r.steps + r.rejected).toBeLessThan(400);
      expect(r.steps).toBeLessThan(explicitSteps / 100);
      // Trapped: everybody moves by a few δ (MATH §10: ≈ 2δ), far below the spacing n^{−1/2}.
      const move = maxMove(r.unwrapped, pos);
      expect(move).toBeLessThan(5 * delta);
      expect(move).toBeLessThan(0.01 * spacing);
      const w = widths(r.unwrapped, n);
      if (geometry === 'isotropic') {
        // Dipoles shrink from 0.5δ to ~0.1–0.3δ.
        expect(w.max).toBeLessThan(0.35 * delta);
        expect(w.min).toBeGreaterThan(0.02 * delta);
      } else {
        // On two slip planes 0.5δ apart the width cannot drop below 0.5δ; it stays bound.
        expect(w.min).toBeGreaterThanOrEqual(0.5 * delta * (1 - 1e-9));
        expect(w.max).toBeLessThan(2 * delta);
      }
      expectEnergyNonIncreasing(r.energy);
    });
  }
});

describe('near rest the step grows to its cap (DEFAULT_HMAX), at the stated accuracy', () => {
  it('isotropic dipoles n = 200, δ = 1e-7, T = 1: default tolerances within 1e-8 of a tight run capped at 0.01', () => {
    const delta = 1e-7;
    const spec = { geometry: 'isotropic' as const, core: 'gaussian' as const, delta };
    const { pos, signs } = dipoles(200, 0.5 * delta, 1, 0, 7);
    const sys = () => createSystem(spec, U, signs, makeKernel(spec));
    const r = integrate(sys(), pos, 1, { method: 'auto', rtol: 1e-6, atol: 1e-9 });
    const tight = integrate(sys(), pos, 1, { method: 'auto', rtol: 1e-10, atol: 1e-12, hmax: 0.01 });
    // the dipoles collapse on a time scale n·δ² ≈ 2e-12 and then sit: the cap sets the steps
    expect(tight.steps).toBeGreaterThanOrEqual(100);
    // 4 steps of 0.25 (the cap before, 0.1, made 10); a step beyond the cap would be a bug
    expect(r.steps).toBeLessThanOrEqual(5);
    expect(r.steps).toBeGreaterThanOrEqual(Math.ceil(1 / DEFAULT_HMAX));
    expect(maxMove(r.unwrapped, tight.unwrapped)).toBeLessThan(1e-8);
    expectEnergyNonIncreasing(r.energy);
  });
});
