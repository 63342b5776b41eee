/** The dipole-breaking factor of MATH §13 against its closed form (δ/ℓ)^{1/(nθ)}. */
import { describe, expect, it } from 'vitest';
import { dipoleBreakFactor } from '../../src/model/noise/dipoles';

describe('dipole breaking factor', () => {
  it('is (δ/ℓ)^{1/(nθ)} with barrier (2/n)·log(ℓ/δ)', () => {
    for (const [n, theta, delta] of [
      [4000, 1e-3, 1e-3],
      [1000, 1e-4, 1e-5],
      [250, 0.01, 0.02],
    ]) {
      const ell = 1 / Math.sqrt(n);
      const { barrier, factor } = dipoleBreakFactor(n, theta, delta);
      expect(barrier).toBeCloseTo((2 / n) * Math.log(ell / delta), 14);
      expect(Math.abs(factor / (delta / ell) ** (1 / (n * theta)) - 1)).toBeLessThan(1e-12);
    }
  });
  it('no barrier when δ ≥ spacing; no escape at θ = 0', () => {
    expect(dipoleBreakFactor(100, 0, 0.2).factor).toBe(1);
    expect(dipoleBreakFactor(100, 0, 0.01).factor).toBe(0);
    expect(dipoleBreakFactor(100, 0.1, 0.01, 0.01).barrier).toBe(0);
  });
});
