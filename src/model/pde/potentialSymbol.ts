/**
 * The interaction V_δ∗ on the N×N grid, as Fourier symbols: the one that turns cell averages of κ
 * into centre values of V_δ∗κ (used by the solver and by the energy diagnostic), and the bound on
 * the discrete relaxation rate that caps the solver's time step.
 *
 * Cell averages of κ are read as a smooth density per MATH §11, so the centre values are
 * IDFT( V̂_k m_δ(k) / (sinc(πk₁/N) sinc(πk₂/N)) · DFT κ ) (the half-cell phases of the forward and
 * inverse transforms cancel). The grid's Nyquist mode (|k_d| = N/2, stored once) gets the symbol at
 * |k_d| = N/2 (even in k₁ and in k₂, so ±N/2 agree): it is read as the real sin(πN x_d)-type
 * function whose cell averages are (−1)^i, its cosine partner having zero cell averages.
 */

import type { RealFFT2D } from '../fft2';
import { interactionMultiplier } from '../kernels/multipliers';
import type { InteractionSpec } from '../types';
import { sinc } from './grid';

/** Display label of the core radius: `delta: 'limit'` (δ = 0) is V̂_k itself cut at the grid. */
export function deltaLabel(delta: number | 'limit', N: number): string {
  return delta === 'limit' || delta === 0 ? `δ → 0 (grid resolution 1/${N})` : `δ = ${delta}`;
}

/**
 * The symbol taking cell averages of κ to centre values of V_δ∗κ on an N-grid:
 * V̂_k m_δ(k) / (sinc(πk₁/N) sinc(πk₂/N)) (signed k, |k_d| ≤ N/2; even in k₁ and in k₂).
 */
export function potentialSymbol(N: number, spec: InteractionSpec): (k1: number, k2: number) => number {
  const sincs = new Float64Array(N + 1);
  for (let m = 0; m <= N; m++) sincs[m] = sinc((Math.PI * (m - N / 2)) / N);
  return (k1, k2) => interactionMultiplier(spec, k1, k2) / (sincs[k1 + N / 2] * sincs[k2 + N / 2]);
}

/** potentialSymbol tabulated for plan.convolve (the solver's and the energy diagnostic's). */
export function potentialMultiplier(plan: RealFFT2D, spec: InteractionSpec): Float64Array {
  return plan.tabulateMultiplier(potentialSymbol(plan.N, spec));
}

/**
 * Λ/max(ρ+ + ρ−): max over the grid of the discrete linear rate symbol (|D₁|² + |D₂|²)·M/S, the
 * decay rate of mode k of κ about a uniform state of total density 1 (D_d the centred difference,
 * M/S the potentialSymbol; D₂ = 0 for slip, where nothing moves in x₂). M is even in k₁, k₂, so
 * the quadrant 0 ≤ k_d ≤ N/2 suffices.
 */
export function maxRateSymbol(N: number, spec: InteractionSpec, slip: boolean): number {
  const M = potentialSymbol(N, spec);
  let symMax = 0;
  for (let k1 = 0; k1 <= N / 2; k1++)
    for (let k2 = 0; k2 <= N / 2; k2++) {
      const d1 = 2 * N * Math.sin((Math.PI * k1) / N);
      const d2 = slip ? 0 : 2 * N * Math.sin((Math.PI * k2) / N);
      symMax = Math.max(symMax, (d1 * d1 + d2 * d2) * M(k1, k2));
    }
  return symMax;
}
