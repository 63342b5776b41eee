import type { CoreModel } from '../../types';

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

/**
 * The constants a pair loop needs, computed once per kernel: the hot-path profile functions of
 * each core (index.ts: pairRadialA, pairSlip) read only these.
 */
export interface PairConstants {
  /** Index of the core in the registry (index.ts). */
  readonly code: number;
  readonly delta: number;
  readonly d2: number;
  /** 1/(2δ²). */
  readonly inv2d2: number;
  /** 1/δ². */
  readonly invD2: number;
}
