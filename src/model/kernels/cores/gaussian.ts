import { EULER_GAMMA, ein, expint1 } from '../../special/expint';
import type { CoreForms, PairConstants } from './forms';

/** The gaussian core: density e^{−r²/2δ²}/(2πδ²), multiplier m_δ(k) = exp(−2π²δ²|k|²). */
export function gaussianMultiplier(delta: number, kSquared: number): number {
  return Math.exp(-2 * Math.PI * Math.PI * delta * delta * kSquared);
}

/** Σ_{k≥1} (−1)^{k+1} s^{k−1}/(k+1)!  = (1 − (1 − e^{−s})/s)/s, stable for small s. */
export function gaussBn(s: number): number {
  if (s > 0.1) return (1 + Math.expm1(-s) / s) / s;
  let term = 0.5;
  let sum = 0.5;
  for (let k = 2; k < 14; k++) {
    term *= -s / (k + 1);
    sum += term;
  }
  return sum;
}

/** Σ_{j≥2} (−1)^j (j−1) s^{j−2}/j! = (1 − e^{−s}(1 + s))/s², stable for small s. */
export function gaussBq(s: number): number {
  if (s > 0.1) return -(Math.expm1(-s) + s * Math.exp(-s)) / (s * s);
  let fact = 2;
  let pow = 1;
  let sum = 0;
  for (let j = 2; j < 16; j++) {
    if (j > 2) {
      fact *= j;
      pow *= -s;
    }
    sum += ((j - 1) * pow) / fact;
  }
  return sum;
}

export function gaussianForms(delta: number): CoreForms {
  const d2 = delta * delta;
  const inv2d2 = 1 / (2 * d2);
  const phi0 = -0.5 * (Math.log(2 * d2) - EULER_GAMMA);
  return {
    core: 'gaussian',
    delta,
    // Φ = −½(ln q + E₁(s)) = −½(ln 2δ² − γ + Ein(s)), s = q/2δ²
    phi: (q) => {
      const s = q * inv2d2;
      if (s < 1) return phi0 - 0.5 * ein(s);
      return s > 40 ? -0.5 * Math.log(q) : -0.5 * (Math.log(q) + expint1(s));
    },
    phiA: (q) => {
      const s = q * inv2d2;
      return s < 1e-12 ? -inv2d2 : Math.expm1(-s) / q;
    },
    // C = [(1 − e^{−s})/s − e^{−s}]/s / (2δ⁴): same series as dB/ds
    phiC: (q) => gaussBq(q * inv2d2) * inv2d2 * inv2d2 * 2,
    slipB: (q) => {
      const s = q * inv2d2;
      return s * gaussBn(s);
    },
    slipBn: (q) => gaussBn(q * inv2d2) * inv2d2,
    slipBq: (q) => gaussBq(q * inv2d2) * inv2d2,
  };
}

/** Hot path Φ'(r)/r: beyond s = 40 the core is invisible (e^{−40} < 1e-17), the bare −1/q. */
export function gaussianRadialA(q: number, c: PairConstants): number {
  const s = q * c.inv2d2;
  if (s > 40) return -1 / q;
  return s < 1e-12 ? -c.inv2d2 : Math.expm1(-s) / q;
}

/** Hot path slip profile: [Φ'/r, B/q, dB/dq] into out (B = 1 − 1/s beyond s = 40). */
export function gaussianSlip(q: number, c: PairConstants, out: Float64Array): void {
  const inv2d2 = c.inv2d2;
  const s = q * inv2d2;
  if (s > 40) {
    out[0] = -1 / q;
    out[1] = (1 - 1 / s) / q;
    out[2] = inv2d2 / (s * s);
  } else {
    out[0] = s < 1e-12 ? -inv2d2 : Math.expm1(-s) / q;
    out[1] = gaussBn(s) * inv2d2;
    out[2] = gaussBq(s) * inv2d2;
  }
}
