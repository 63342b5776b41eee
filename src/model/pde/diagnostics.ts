/**
 * Read-only diagnostics of a pair of cell-average fields ρ± on the N×N grid (h² = 1/N²): masses,
 * minimum, entropy and Fourier coefficients. Used by the solver's public methods; they never touch
 * the solver's buffers beyond reading ρ±.
 */

import type { RealFFT2D } from '../fft2';
import { cellAverageCoefficients, type FourierBlock } from './grid';

/** [∫ρ+, ∫ρ−]. */
export function speciesMasses(rp: Float64Array, rm: Float64Array): [number, number] {
  let a = 0;
  let b = 0;
  for (let q = 0; q < rp.length; q++) {
    a += rp[q];
    b += rm[q];
  }
  const h2 = 1 / rp.length;
  return [a * h2, b * h2];
}

/** min over both species and all cells. */
export function minDensity(rp: Float64Array, rm: Float64Array): number {
  let mn = Number.POSITIVE_INFINITY;
  for (let q = 0; q < rp.length; q++) {
    if (rp[q] < mn) mn = rp[q];
    if (rm[q] < mn) mn = rm[q];
  }
  return mn;
}

/** ∫(ρ+ log ρ+ + ρ− log ρ−) (0 log 0 = 0). */
export function entropy(rp: Float64Array, rm: Float64Array): number {
  let s = 0;
  for (let q = 0; q < rp.length; q++) {
    const a = rp[q];
    const b = rm[q];
    if (a > 0) s += a * Math.log(a);
    if (b > 0) s += b * Math.log(b);
  }
  return s / rp.length;
}

/** Fourier coefficients (|k|∞ ≤ K < N/2) of κ = ρ+ − ρ−, ρ+ or ρ− read per MATH §11. */
export function densityCoefficients(
  plan: RealFFT2D,
  rp: Float64Array,
  rm: Float64Array,
  K: number,
  which: 'kappa' | 'plus' | 'minus',
): FourierBlock {
  const N = plan.N;
  if (which === 'plus') return cellAverageCoefficients(N, rp, K, plan);
  if (which === 'minus') return cellAverageCoefficients(N, rm, K, plan);
  const k = new Float64Array(N * N);
  for (let q = 0; q < k.length; q++) k[q] = rp[q] - rm[q];
  return cellAverageCoefficients(N, k, K, plan);
}
