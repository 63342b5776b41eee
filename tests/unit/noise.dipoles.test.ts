/**
 * The dipole-breaking factor of MATH §13 against the exact mean escape time of the pair's
 * separation: radial diffusion in R^d (coefficient D = 2θ) in Φ = (2/n)·log r, reflected at δ,
 * absorbed at ℓ. Its mean first-passage time τ = ∫_δ^ℓ dr (D p(r))⁻¹ ∫_δ^r p(s) ds with
 * p(r) = r^{d−1}·exp(−Φ/D) is computed here by quadrature (Simpson in log r), not from the code's formula.
 */
import { describe, expect, it } from 'vitest';
import { dipoleBreakFactor } from '../../src/model/noise/dipoles';

function escapeTime(n: number, theta: number, delta: number, ell: number, d: number): number {
  const D = 2 * theta;
  const a = 1 / (n * theta);
  const p = (r: number) => r ** (d - 1 - a);
  // u = log r; inner(r) = ∫_δ^r p(s) s du accumulated with the outer integral on one grid
  const m = 20000;
  const h = Math.log(ell / delta) / m;
  const f = new Float64Array(m + 1);
  let inner = 0;
  let prev = p(delta) * delta;
  f[0] = 0;
  for (let i = 1; i <= m; i++) {
    const r = delta * Math.exp(i * h);
    const mid = delta * Math.exp((i - 0.5) * h);
    const cur = p(r) * r;
    inner += (h / 6) * (prev + 4 * p(mid) * mid + cur);
    prev = cur;
    f[i] = (inner * r) / (D * p(r));
  }
  let tau = 0;
  for (let i = 0; i < m; i += 2) tau += (h / 3) * (f[i] + 4 * f[i + 1] + f[i + 2]);
  return tau;
}

describe('dipole breaking factor', () => {
  it('is the rate of escape: τ·(2θ/ℓ²)·factor → 1/((a−d)(a−d+2)) as δ/ℓ → 0 (nθ < ½)', () => {
    for (const [n, theta] of [
      [1000, 1e-4],
      [200, 1e-3],
      [4000, 6e-5],
    ]) {
      const ell = 1 / Math.sqrt(n);
      const a = 1 / (n * theta);
      const limit = 1 / ((a - 2) * (a - 2 + 2));
      const delta = ell * 1e-4;
      const { barrier, exponent, factor } = dipoleBreakFactor(n, theta, delta);
      expect(barrier).toBeCloseTo((2 / n) * Math.log(ell / delta), 14);
      expect(exponent).toBeCloseTo(a - 2, 12);
      const scaled = (escapeTime(n, theta, delta, ell, 2) * 2 * theta * factor) / ell ** 2;
      expect(Math.abs(scaled / limit - 1)).toBeLessThan(2e-3);
    }
  });
  it('without the room factor the bare Arrhenius (δ/ℓ)^{1/(nθ)} misses the escape rate by (δ/ℓ)²', () => {
    const [n, theta] = [1000, 1e-4];
    const ell = 1 / Math.sqrt(n);
    const delta = ell * 1e-3;
    const a = 1 / (n * theta);
    const arrhenius = (delta / ell) ** a;
    const scaled = (escapeTime(n, theta, delta, ell, 2) * 2 * theta * arrhenius) / ell ** 2;
    expect(scaled * (a - 2) * a).toBeLessThan(2e-6);
    expect(dipoleBreakFactor(n, theta, delta).factor / arrhenius).toBeCloseTo((ell / delta) ** 2, 3);
  });
  it('nθ ≥ ½: no bound state, the escape takes the free diffusion time and the factor is 1', () => {
    const [n, theta] = [200, 3 / 200];
    const ell = 1 / Math.sqrt(n);
    for (const delta of [ell * 1e-2, ell * 1e-6]) {
      expect(dipoleBreakFactor(n, theta, delta).factor).toBe(1);
      const tau = escapeTime(n, theta, delta, ell, 2);
      expect(tau).toBeLessThan(ell ** 2 / (2 * theta));
    }
  });
  it('no barrier when δ ≥ spacing; no escape at θ = 0', () => {
    expect(dipoleBreakFactor(100, 0, 0.2).factor).toBe(1);
    expect(dipoleBreakFactor(100, 0, 0.01).factor).toBe(0);
    expect(dipoleBreakFactor(100, 0.1, 0.01, 0.01).barrier).toBe(0);
  });
});
