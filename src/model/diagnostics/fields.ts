/**
 * Diagnostics of grid densities (cell averages, flat index j·N + i): masses, min, entropy and the
 * continuum energy E_δ(ρ) = ½∫(V_δ∗κ)κ + ∫Uκ in the discrete form the PDE solver dissipates
 * (midpoint rule at the cell centres, V_δ∗κ by FFT with the exact multiplier; see pde/solver.ts).
 */
import { potentialU } from '../external';
import { RealFFT2D } from '../fft2';
import { potentialMultiplier } from '../pde/solver';
import type { CoreModel, ExternalField, Geometry } from '../types';

/** [∫ρ+, ∫ρ−]. */
export function gridMasses(
  N: number,
  rhoPlus: ArrayLike<number>,
  rhoMinus: ArrayLike<number>,
): [number, number] {
  let a = 0;
  let b = 0;
  for (let q = 0; q < N * N; q++) {
    a += rhoPlus[q];
    b += rhoMinus[q];
  }
  return [a / (N * N), b / (N * N)];
}

/** Smallest cell average of both species. */
export function gridMin(N: number, rhoPlus: ArrayLike<number>, rhoMinus: ArrayLike<number>): number {
  let m = Number.POSITIVE_INFINITY;
  for (let q = 0; q < N * N; q++) m = Math.min(m, rhoPlus[q], rhoMinus[q]);
  return m;
}

/** ∫ρ log ρ of one grid density (0 log 0 = 0); add the two species for the total. */
export function gridEntropy(N: number, rho: ArrayLike<number>): number {
  let s = 0;
  for (let q = 0; q < N * N; q++) {
    const r = rho[q];
    if (r > 0) s += r * Math.log(r);
  }
  return s / (N * N);
}

export interface EnergySetup {
  geometry: Geometry;
  core?: CoreModel;
  delta: number | 'limit';
  field?: ExternalField;
  N: number;
}

/**
 * A reusable evaluator of the discrete continuum energy on an N-grid (plans and tables built once):
 * h² Σ_c κ_c (½ (V_δ∗κ)_c + U_c). Equals PdeSolver.energy() for the same setup.
 */
export function createContinuumEnergy(
  setup: EnergySetup,
): (rhoPlus: ArrayLike<number>, rhoMinus: ArrayLike<number>) => number {
  const { N } = setup;
  const plan = new RealFFT2D(N);
  const mult = potentialMultiplier(plan, {
    geometry: setup.geometry,
    core: setup.core ?? 'gaussian',
    delta: setup.delta === 'limit' ? 0 : setup.delta,
  });
  const field = setup.field ?? { modes: [], force: [0, 0] };
  const uc = new Float64Array(N * N);
  for (let j = 0; j < N; j++)
    for (let i = 0; i < N; i++) uc[j * N + i] = potentialU(field, (i + 0.5) / N, (j + 0.5) / N);
  const kappa = new Float64Array(N * N);
  const phi = new Float64Array(N * N);
  return (rhoPlus, rhoMinus) => {
    for (let q = 0; q < N * N; q++) kappa[q] = rhoPlus[q] - rhoMinus[q];
    plan.convolve(kappa, mult, phi);
    let e = 0;
    for (let q = 0; q < N * N; q++) e += kappa[q] * (0.5 * phi[q] + uc[q]);
    return e / (N * N);
  };
}

/** One-off continuum energy (builds an evaluator; use createContinuumEnergy for repeated calls). */
export function continuumEnergy(
  setup: EnergySetup,
  rhoPlus: ArrayLike<number>,
  rhoMinus: ArrayLike<number>,
): number {
  return createContinuumEnergy(setup)(rhoPlus, rhoMinus);
}
