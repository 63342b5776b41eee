/**
 * The gaussian core on the circle at small δ (smallCore1d.ts, MATH §12), down to δ = 1e-12:
 *  - where both exist (δ = 5e-4, 1e-3) it equals the FFT-table kernel (itself checked against direct
 *    Fourier sums in oneD.kernel.test.ts): two independent constructions;
 *  - at δ = 1e-8, 1e-12 closed forms: V_δ(0) = −log δ + (γ + log 2)/2 − log 2π, λ_δ = 1/δ² − π²/3,
 *    V_δ'(uδ) = −(√2/δ)·D(u/√2) with Dawson's D (here by quadrature of ½∫e^{−t²/4} sin(zt) dt), and
 *    the bare −π cot πx away from the core (all up to O(δ²));
 *  - the fast sum with it equals the direct loop on δ-short dipoles.
 */
import { describe, expect, it } from 'vitest';
import { FastSum1d } from '../../src/model/oneD/fastSum1d';
import { shortDipoles1d, sineCumulative } from '../../src/model/oneD/init1d';
import { makeKernel1d } from '../../src/model/oneD/kernel1d';
import { pairKernel1d } from '../../src/model/oneD/pairKernel1d';
import { smallGaussianKernel1d } from '../../src/model/oneD/smallCore1d';
import { embed1d } from '../../src/model/oneD/system1d';

const EULER_GAMMA = 0.5772156649015329;

/** Dawson's D(z) = ½∫₀^∞ e^{−t²/4} sin(zt) dt, composite 10-point Gauss–Legendre on [0, 14]. */
function dawson(z: number): number {
  const x = [
    0.1488743389816312, 0.4333953941292472, 0.6794095682990244, 0.8650633666889845, 0.9739065285171717,
  ];
  const w = [
    0.2955242247147529, 0.2692667193099963, 0.219086362515982, 0.1494513491505806, 0.0666713443086881,
  ];
  const panels = 4000;
  const h = 14 / panels;
  let s = 0;
  for (let p = 0; p < panels; p++) {
    const c = (p + 0.5) * h;
    for (let i = 0; i < 5; i++)
      for (const t of [c - 0.5 * h * x[i], c + 0.5 * h * x[i]])
        s += w[i] * Math.exp((-t * t) / 4) * Math.sin(z * t);
  }
  return 0.25 * h * s;
}

describe('gaussian core on the circle at small δ', () => {
  it.each([5e-4, 1e-3])('δ = %s: equals the FFT-table kernel', (delta) => {
    const a = makeKernel1d('gaussian', delta);
    const b = smallGaussianKernel1d(delta);
    for (const x of [0, delta / 3, delta, 2.7 * delta, 9 * delta, 11 * delta, 0.013, 0.1, 0.37, 0.5, -0.2]) {
      expect(Math.abs(a.value(x) - b.value(x))).toBeLessThan(1e-10 * Math.max(1, Math.abs(a.value(x))));
      expect(Math.abs(a.derivative(x) - b.derivative(x)) * delta).toBeLessThan(1e-12);
      expect(Math.abs(a.second(x) - b.second(x)) * delta * delta).toBeLessThan(1e-12);
    }
    expect(Math.abs(a.lambda - b.lambda)).toBeLessThan(1e-12 * a.lambda);
  });

  it.each([1e-8, 1e-12])('δ = %s: closed forms (self value, λ, Dawson slope, bare far field)', (delta) => {
    const k = makeKernel1d('gaussian', delta);
    const self = -Math.log(delta) + (EULER_GAMMA + Math.LN2) / 2 - Math.log(2 * Math.PI);
    expect(Math.abs(k.selfValue - self)).toBeLessThan(1e-12 * Math.abs(self));
    expect(Math.abs(k.lambda - (1 / delta ** 2 - Math.PI ** 2 / 3))).toBeLessThan(1e-12 * k.lambda);
    for (const u of [0.3, 1, 2.7, 9.9, 10.1, 30]) {
      const ref = (-Math.SQRT2 / delta) * dawson(u / Math.SQRT2);
      const got = k.derivative(u * delta);
      expect(Math.abs(got - ref)).toBeLessThan(1e-12 * Math.abs(ref));
      expect(k.derivative(-u * delta)).toBe(-got);
    }
    for (const x of [0.01, 0.1, 0.37, 0.5]) {
      expect(Math.abs(k.derivative(x) + Math.PI / Math.tan(Math.PI * x))).toBeLessThan(1e-12 * (1 + 1 / x));
      expect(Math.abs(k.value(x) + Math.log(2 * Math.sin(Math.PI * x)))).toBeLessThan(1e-12);
    }
  });

  it('fast sum = direct loop at δ = 1e-12 on δ-short dipoles (n = 4096)', () => {
    const n = 4096;
    const delta = 1e-12;
    const p = shortDipoles1d(n, sineCumulative(0.5), delta, 0.5);
    const k = makeKernel1d('gaussian', delta);
    const pos = embed1d(p.x);
    const fast = new Float64Array(2 * n);
    const direct = new Float64Array(2 * n);
    const fs = new FastSum1d(k, n);
    expect(fs.plan.mode).toBe('split');
    fs.accumulate(pos, p.signs, fast);
    pairKernel1d('gaussian', delta, k).accumulate(pos, p.signs, direct);
    let e = 0;
    let m = 0;
    for (let i = 0; i < n; i++) {
      e = Math.max(e, Math.abs(fast[2 * i] - direct[2 * i]));
      m = Math.max(m, Math.abs(direct[2 * i]));
    }
    console.log(`gaussian δ = 1e-12 dipoles, n = ${n}: fast vs direct ${(e / m).toExponential(1)}`);
    expect(e / m).toBeLessThan(1e-12);
  });
});
