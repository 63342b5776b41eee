/**
 * Measures of one run for studies (docs/study.md lists what each number is):
 *  - bound fractions at two stated thresholds: a δ-independent one, r < n^{−1/2}/10 (a tenth of the
 *    typical spacing: i.i.d. uniform data give 1 − e^{−π/200} ≈ 1.6 % whatever δ is), and a
 *    δ-relative one, r < 3δ (MATH §8's "a few δ", uncapped);
 *  - the own change of the particles, ‖μ±(T) − μ±(0)‖, and of the PDE, ‖ρ±(T) − ρ±(0)‖, in the
 *    H^{−2} norm of the particle–PDE distance (sobolev.ts, |k|∞ ≤ 32; norms, not squares);
 *  - displacements |x_i(T) − x_i(0)| on the universal cover (unwrapped positions);
 *  - single Fourier modes κ̂_k of the particles (direct sums) and of grid densities (MATH §11).
 */
import { sharedPlan } from '../fft2';
import { sinc } from '../pde/grid';
import type { Configuration } from '../types';
import { empiricalCoefficients, gridCoefficients, negativeSobolevDistance } from './sobolev';

/** δ-independent bound threshold: r < BOUND_SPACING_FRACTION·n^{−1/2}. */
export const BOUND_SPACING_FRACTION = 0.1;
/** δ-relative bound threshold: r < BOUND_DELTA_FACTOR·δ. */
export const BOUND_DELTA_FACTOR = 3;

/** Share of the entries strictly below r (0 for an empty list). */
export function fractionBelow(values: Float64Array, r: number): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (values[i] < r) count++;
  return values.length > 0 ? count / values.length : 0;
}

/** Median of the finite entries (NaN if there are none); does not reorder `values`. */
export function finiteMedian(values: ArrayLike<number>): number {
  const finite = Float64Array.from(values).filter((v) => Number.isFinite(v));
  finite.sort();
  const m = finite.length;
  if (m === 0) return Number.NaN;
  return m % 2 === 1 ? finite[(m - 1) / 2] : 0.5 * (finite[m / 2 - 1] + finite[m / 2]);
}

/**
 * Largest and median Euclidean length of x_i(T) − x_i(0), both unwrapped (a particle that went once
 * around the torus has moved 1, not 0).
 */
export function displacementStats(
  pos0: Float64Array,
  unwrappedT: Float64Array,
): { max: number; median: number } {
  const n = pos0.length / 2;
  const d = new Float64Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    d[i] = Math.hypot(unwrappedT[2 * i] - pos0[2 * i], unwrappedT[2 * i + 1] - pos0[2 * i + 1]);
    if (d[i] > max) max = d[i];
  }
  return { max, median: n > 0 ? finiteMedian(d) : 0 };
}

export type Wavevector = readonly [number, number];
export interface Complex {
  re: number;
  im: number;
}

/** κ̂_k = (1/n) Σ_i b_i e^{−2πi k·x_i} of the particles, for each k (exact sums, O(n) per mode). */
export function particleKappaModes(particles: Configuration, modes: readonly Wavevector[]): Complex[] {
  const { pos, signs } = particles;
  const n = signs.length;
  return modes.map(([p, q]) => {
    let re = 0;
    let im = 0;
    for (let i = 0; i < n; i++) {
      const phase = -2 * Math.PI * (p * pos[2 * i] + q * pos[2 * i + 1]);
      re += signs[i] * Math.cos(phase);
      im += signs[i] * Math.sin(phase);
    }
    return n > 0 ? { re: re / n, im: im / n } : { re: 0, im: 0 };
  });
}

/**
 * κ̂_k of N×N cell averages (index j·N + i) read as MATH §11 does: the DFT at the cell centres
 * divided by sinc(πk₁/N)·sinc(πk₂/N). Modes the grid cannot resolve (|k_d| ≥ N/2) are 0, as in
 * the H^{−2} distance. Direct sums, O(N²) per mode.
 */
export function gridKappaModes(
  N: number,
  rhoPlus: ArrayLike<number>,
  rhoMinus: ArrayLike<number>,
  modes: readonly Wavevector[],
): Complex[] {
  return modes.map(([p, q]) => {
    if (Math.abs(p) >= N / 2 || Math.abs(q) >= N / 2) return { re: 0, im: 0 };
    let re = 0;
    let im = 0;
    for (let j = 0; j < N; j++) {
      const py = -2 * Math.PI * q * ((j + 0.5) / N);
      for (let i = 0; i < N; i++) {
        const c = j * N + i;
        const phase = py - 2 * Math.PI * p * ((i + 0.5) / N);
        const kappa = rhoPlus[c] - rhoMinus[c];
        re += kappa * Math.cos(phase);
        im += kappa * Math.sin(phase);
      }
    }
    const f = 1 / (N * N * sinc((Math.PI * p) / N) * sinc((Math.PI * q) / N));
    return { re: re * f, im: im * f };
  });
}

/** H^{−2} cut-off and order of the own-change norms: those of the particle–PDE distance. */
const K = 32;

/** ‖μ+(T) − μ+(0)‖ and ‖μ−(T) − μ−(0)‖ in H^{−2} (|k|∞ ≤ 32), positions in any periodic form. */
export function particleChange(
  signs: Int8Array,
  pos0: Float64Array,
  posT: Float64Array,
): { plus: number; minus: number } {
  const a = empiricalCoefficients({ pos: pos0, signs }, K);
  const b = empiricalCoefficients({ pos: posT, signs }, K);
  return { plus: negativeSobolevDistance(a.plus, b.plus), minus: negativeSobolevDistance(a.minus, b.minus) };
}

/** ‖ρ±(T) − ρ±(0)‖ in H^{−2} (|k|∞ ≤ 32) of N×N cell averages (MATH §11). */
export function gridChange(
  N: number,
  start: { rhoPlus: ArrayLike<number>; rhoMinus: ArrayLike<number> },
  end: { rhoPlus: ArrayLike<number>; rhoMinus: ArrayLike<number> },
): { plus: number; minus: number } {
  const plan = sharedPlan(N);
  const d = (a: ArrayLike<number>, b: ArrayLike<number>) =>
    negativeSobolevDistance(gridCoefficients(N, a, K, plan), gridCoefficients(N, b, K, plan));
  return { plus: d(start.rhoPlus, end.rhoPlus), minus: d(start.rhoMinus, end.rhoMinus) };
}
