import { coreForms } from '../kernels/cores';
import type { CoreModel, Geometry } from '../types';

/**
 * R² kernel profiles in the form P(x) = f(q) + β(q)·u with q = |x|², u = x₁² − x₂² (β ≡ 0 for
 * `isotropic`), so that ∇P = (x₁(a + b·u + c), x₂(a + b·u − c)) with a = 2f', b = 2β', c = 2β
 * (primes: d/dq). Used once per evaluator to tabulate the smooth part of the near field; accuracy
 * matters here (~1e-15 relative), speed does not.
 */
export interface Profile {
  f: number;
  beta: number;
  a: number;
  b: number;
  c: number;
}

export function zeroProfile(): Profile {
  return { f: 0, beta: 0, a: 0, b: 0, c: 0 };
}

/** P_δ: the closed forms of cores.ts (MATH §2, §10). q > 0 required for b. */
export function coreProfile(
  geometry: Geometry,
  core: CoreModel,
  delta: number,
): (q: number, out: Profile) => void {
  const forms = coreForms(core, delta);
  if (geometry === 'isotropic')
    return (q, out) => {
      out.f = forms.phi(q);
      out.a = forms.phiA(q);
      out.beta = 0;
      out.b = 0;
      out.c = 0;
    };
  return (q, out) => {
    const bn = forms.slipBn(q);
    out.f = 0.5 + forms.phi(q);
    out.a = forms.phiA(q);
    out.beta = bn / 2;
    out.c = bn;
    out.b = (forms.slipBq(q) - bn) / q;
  };
}

/** P₀: the unregularised kernel, −log r (+ ½ + (x₁² − x₂²)/(2r²) for slip). q > 0. */
export function bareProfile(geometry: Geometry): (q: number, out: Profile) => void {
  const slip = geometry === 'slip';
  return (q, out) => {
    out.f = (slip ? 0.5 : 0) - 0.5 * Math.log(q);
    out.a = -1 / q;
    out.beta = slip ? 0.5 / q : 0;
    out.c = slip ? 1 / q : 0;
    out.b = slip ? -1 / (q * q) : 0;
  };
}

/**
 * b(s) = (1 − (1 − e^{−s})/s)/s = Σ_{k≥0} (−1)^k s^k/(k+2)! and its first three derivatives,
 * into d[0..3]: the gaussian slip profile B/q in units of 1/(2σ²) (B = s·b).
 */
export function gaussB(s: number, d: Float64Array): void {
  if (s < 4) {
    // term-wise: b^{(m)} = Σ_{k≥m} (−1)^k k!/(k−m)! s^{k−m}/(k+2)!
    d[0] = 0;
    d[1] = 0;
    d[2] = 0;
    d[3] = 0;
    let inv = 0.5; // 1/(k+2)! at k = 0
    let pow = 1; // s^k
    for (let k = 0; k < 60; k++) {
      const sign = k % 2 === 0 ? 1 : -1;
      const t = sign * inv;
      d[0] += t * pow;
      inv /= k + 3;
      pow *= s;
    }
    // derivatives by a second, cleaner pass (pow/s breaks at s = 0)
    for (let m = 1; m <= 3; m++) {
      let acc = 0;
      let invf = 1;
      for (let j = 1; j <= m + 2; j++) invf /= j; // 1/(m+2)!
      let p = 1; // s^{k−m}
      let fall = 1; // k!/(k−m)! at k = m
      for (let j = 2; j <= m; j++) fall *= j;
      for (let k = m; k < m + 60; k++) {
        const sign = k % 2 === 0 ? 1 : -1;
        acc += sign * fall * invf * p;
        // advance k → k+1
        fall = (fall * (k + 1)) / (k + 1 - m);
        invf /= k + 3;
        p *= s;
      }
      d[m] = acc;
    }
    return;
  }
  const e = Math.exp(-s);
  const i1 = 1 / s;
  const i2 = i1 * i1;
  const i3 = i2 * i1;
  const i4 = i3 * i1;
  const i5 = i4 * i1;
  // b = 1/s − 1/s² + e^{−s}/s²
  d[0] = i1 - i2 + e * i2;
  d[1] = -i2 + 2 * i3 - e * (i2 + 2 * i3);
  d[2] = 2 * i3 - 6 * i4 + e * (i2 + 4 * i3 + 6 * i4);
  d[3] = -6 * i4 + 24 * i5 - e * (i2 + 6 * i3 + 18 * i4 + 24 * i5);
}

/**
 * The screen P_scr whose Fourier multiplier is V̂_k·m_σ(k)·L(k), m_σ the gaussian core of width σ:
 * - isotropic: L = 1, P_scr = Φ_σ (the gaussian R² form);
 * - slip: L = 1 + 2π²τ²|k|² (a Laguerre–Gaussian screen), P_scr = S_σ + (τ²/2)(−ΔS_σ), so that
 *   V̂(m_δ − m_σ L) = O(|k|⁴) at k = 0 and the near part S_δ − P_scr decays like a gaussian
 *   instead of like τ²cos 2θ/r² (which a plain gaussian screen of the slip kernel leaves).
 *   With u = x₁² − x₂², s = q/2σ², ρ = τ²/σ² and b(s) of gaussB:
 *   S_σ + (τ²/2)(−ΔS_σ) = ½ + Φ_σ + (ρ/2)e^{−s} + u·[b − ρ(s b'' + 3b')]/(4σ²).
 */
export function screenProfile(
  geometry: Geometry,
  sigma: number,
  tau: number,
): (q: number, out: Profile) => void {
  const forms = coreForms('gaussian', sigma);
  if (geometry === 'isotropic')
    return (q, out) => {
      out.f = forms.phi(q);
      out.a = forms.phiA(q);
      out.beta = 0;
      out.b = 0;
      out.c = 0;
    };
  const s2 = sigma * sigma;
  const rho = (tau * tau) / s2;
  const d = new Float64Array(4);
  return (q, out) => {
    const s = q / (2 * s2);
    const e = Math.exp(-s);
    gaussB(s, d);
    out.f = 0.5 + forms.phi(q) + 0.5 * rho * e;
    out.a = forms.phiA(q) - (rho * e) / (2 * s2);
    const beta = (d[0] - rho * (s * d[2] + 3 * d[1])) / (4 * s2);
    out.beta = beta;
    out.c = 2 * beta;
    out.b = (d[1] - rho * (s * d[3] + 4 * d[2])) / (4 * s2 * s2);
  };
}
