/**
 * J₀ (src/model/special/besselJ0.ts) against independent references: the trapezoid rule on
 * J₀(x) = (1/2π)∫₀^{2π} cos(x sin θ) dθ (a periodic analytic integrand: with n points the error is
 * ~2|J_n(x)|, below 1e-300 for n = 4|x| + 200), its first zero j₀,₁ and tabulated values
 * (Abramowitz & Stegun Table 9.1). Cost: ~50 ms.
 */
import { describe, expect, it } from 'vitest';
import { besselJ0 } from '../../src/model/special/besselJ0';

function trapezoidJ0(x: number): number {
  const n = 4 * Math.ceil(Math.abs(x)) + 200;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.cos(x * Math.sin((2 * Math.PI * i) / n));
  return s / n;
}

describe('besselJ0', () => {
  it('matches the quadrature of its integral representation to 2e-15 on [0, 120], both branches and across x = 25', () => {
    let worst = 0;
    for (let x = 0; x <= 120; x += 0.0731) worst = Math.max(worst, Math.abs(besselJ0(x) - trapezoidJ0(x)));
    for (const x of [1e-6, 5e-5, 1e-4, 24.999999, 25, 25.000001])
      worst = Math.max(worst, Math.abs(besselJ0(x) - trapezoidJ0(x)));
    expect(worst).toBeLessThan(2e-15);
    // at x ~ 1000 the quadrature's own arguments x·sin θ carry ~1e-13 rounding: a looser bound
    expect(Math.abs(besselJ0(1000.5) - trapezoidJ0(1000.5))).toBeLessThan(1e-14);
  });
  it('is even, vanishes at j₀,₁ = 2.404825557695773, and has the tabulated values', () => {
    expect(besselJ0(-3.7)).toBe(besselJ0(3.7));
    expect(Math.abs(besselJ0(2.404825557695773))).toBeLessThan(2e-16);
    expect(besselJ0(0)).toBe(1);
    expect(besselJ0(1)).toBeCloseTo(0.7651976865579666, 15);
    expect(besselJ0(5)).toBeCloseTo(-0.1775967713143383, 15);
    expect(besselJ0(10)).toBeCloseTo(-0.2459357644513483, 15);
  });
});
