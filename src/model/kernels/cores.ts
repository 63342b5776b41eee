import { EULER_GAMMA, ein, expint1 } from '../special/expint';
import type { CoreModel } from '../types';

/**
 * Closed-form R² profiles of one core model at radius δ (MATH §2 and §10), all as functions of
 * q = r² so the hot path needs no square root where the core does not:
 * - phi:  isotropic R² form Φ(r) ((−log r) ∗ g_δ up to a constant),
 * - phiA: Φ'(r)/r, so ∇Φ = phiA·x,
 * - phiC: (Φ''(r) − Φ'(r)/r)/r², so D²Φ = phiA·I + phiC·x xᵀ,
 * - slipB, slipBn = B/q, slipBq = dB/dq: the slip profile B of S_δ = ½ + Φ + B·(x₁² − x₂²)/(2r²),
 * - integralI(r) = ∫₀^r sΦ(s) ds = r²(B + 2Φ)/4 (used for the mean of V_δ over the cell).
 * Series are used where the closed forms cancel catastrophically (small r/δ).
 */
export interface CoreForms {
  readonly core: CoreModel;
  readonly delta: number;
  phi(q: number): number;
  phiA(q: number): number;
  phiC(q: number): number;
  slipB(q: number): number;
  slipBn(q: number): number;
  slipBq(q: number): number;
}

export function integralI(forms: CoreForms, r: number): number {
  const q = r * r;
  return (q * (forms.slipB(q) + 2 * forms.phi(q))) / 4;
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

function gaussianForms(delta: number): CoreForms {
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

/** (1 − ln(1+u)/u)/u = Σ_{k≥0} (−1)^k u^k/(k+2), stable for small u. */
export function plummerBn(u: number): number {
  if (u > 0.05) return (1 - Math.log1p(u) / u) / u;
  let sum = 0;
  let pow = 1;
  for (let k = 0; k < 14; k++) {
    sum += pow / (k + 2);
    pow *= -u;
  }
  return sum;
}

/** d/du(1 − ln(1+u)/u) = Σ_{k≥0} (−1)^k (k+1) u^k/(k+2), stable for small u. */
export function plummerBq(u: number): number {
  if (u > 0.05) return Math.log1p(u) / (u * u) - 1 / (u * (1 + u));
  let sum = 0;
  let pow = 1;
  for (let k = 0; k < 14; k++) {
    sum += ((k + 1) * pow) / (k + 2);
    pow *= -u;
  }
  return sum;
}

function plummerForms(delta: number): CoreForms {
  const d2 = delta * delta;
  return {
    core: 'plummer',
    delta,
    phi: (q) => -0.5 * Math.log(q + d2),
    phiA: (q) => -1 / (q + d2),
    phiC: (q) => 2 / ((q + d2) * (q + d2)),
    slipB: (q) => (q / d2) * plummerBn(q / d2),
    slipBn: (q) => plummerBn(q / d2) / d2,
    slipBq: (q) => plummerBq(q / d2) / d2,
  };
}

function poissonForms(delta: number): CoreForms {
  const d2 = delta * delta;
  return {
    core: 'poisson',
    delta,
    phi: (q) => -Math.log(delta + Math.sqrt(q + d2)),
    phiA: (q) => {
      const rho = Math.sqrt(q + d2);
      return -1 / (rho * (delta + rho));
    },
    phiC: (q) => {
      const rho = Math.sqrt(q + d2);
      const dr = delta + rho;
      return (delta + 2 * rho) / (rho * rho * rho * dr * dr);
    },
    slipB: (q) => {
      const dr = delta + Math.sqrt(q + d2);
      return q / (dr * dr);
    },
    slipBn: (q) => {
      const dr = delta + Math.sqrt(q + d2);
      return 1 / (dr * dr);
    },
    slipBq: (q) => {
      const rho = Math.sqrt(q + d2);
      const dr = delta + rho;
      return delta / (rho * dr * dr);
    },
  };
}

export function coreForms(core: CoreModel, delta: number): CoreForms {
  if (!(delta > 0)) throw new Error(`core radius δ must be > 0, got ${delta}`);
  switch (core) {
    case 'gaussian':
      return gaussianForms(delta);
    case 'plummer':
      return plummerForms(delta);
    case 'poisson':
      return poissonForms(delta);
  }
}
