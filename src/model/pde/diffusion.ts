import { RealFFT2D } from '../fft2';
import type { Geometry } from '../types';
import { entropy } from './diagnostics';

/**
 * The noise's heat flow for the PDE (the θΔρ± terms; slip: θ∂₁²ρ±) as an exact split step:
 * ρ ← exp(θ·h·Δ_h) ρ on the N×N grid of cell averages (x₁ index fastest: g[j·N + i]), Δ_h the
 * 5-point Laplacian (slip: its ∂₁² part), applied by FFT with its symbol
 *   λ_h(k) = −(4N²)·(sin²(πk₁/N) + sin²(πk₂/N))   (→ −4π²|k|² as N → ∞).
 * exp(tΔ_h) is exact in time, keeps mass (λ_h(0) = 0) and positivity (Δ_h has nonnegative
 * off-diagonal entries, so its exponential is a positive matrix) and lowers ∫ρ log ρ.
 */
export function laplacianSymbol(N: number, geometry: Geometry, k1: number, k2: number): number {
  const s1 = Math.sin((Math.PI * k1) / N);
  const s2 = geometry === 'slip' ? 0 : Math.sin((Math.PI * k2) / N);
  return -4 * N * N * (s1 * s1 + s2 * s2);
}

export class HeatFlow {
  private readonly fft: RealFFT2D;
  private multiplier: Float64Array | null = null;
  private multiplierFor = Number.NaN;

  constructor(
    readonly N: number,
    readonly geometry: Geometry,
  ) {
    this.fft = new RealFFT2D(N);
  }

  /** rho ← exp(θh·Δ_h) rho in place (θh ≥ 0); the multiplier is kept for repeated θh. */
  apply(rho: Float64Array, thetaH: number): void {
    if (!(thetaH >= 0)) throw new RangeError(`heat flow: θh = ${thetaH} < 0`);
    if (thetaH === 0) return;
    if (thetaH !== this.multiplierFor) {
      const { N, geometry } = this;
      this.multiplier = this.fft.tabulateMultiplier((k1, k2) =>
        Math.exp(thetaH * laplacianSymbol(N, geometry, k1, k2)),
      );
      this.multiplierFor = thetaH;
    }
    this.fft.convolve(rho, this.multiplier as Float64Array, rho);
    // Round-off can leave −1e-17 where ρ = 0: the exact flow is positive.
    for (let g = 0; g < rho.length; g++) if (rho[g] < 0) rho[g] = 0;
  }
}

/**
 * The PDE's free energy with noise, F = E + θ∫(ρ+ log ρ+ + ρ− log ρ−): nonincreasing in time
 * (the entropy is the solver's own diagnostic).
 */
export function freeEnergy(
  energy: number,
  theta: number,
  rhoPlus: Float64Array,
  rhoMinus: Float64Array,
): number {
  return energy + theta * entropy(rhoPlus, rhoMinus);
}

/** The part of a PDE solver the split step needs (src/model/pde/types.ts PdeSolver). */
interface SplitTarget {
  readonly t: number;
  readonly rhoPlus: Float64Array;
  readonly rhoMinus: Float64Array;
  advanceTo(time: number): number;
  setDensities(rhoPlus: ArrayLike<number>, rhoMinus: ArrayLike<number>, t?: number): void;
}

/**
 * Lie splitting of the noisy PDE to time T: transport by the solver over each split interval of
 * length ≤ split, then the exact heat flow exp(θhΔ_h) on both species. About a constant state both
 * parts are Fourier multipliers and commute, so the linear modes carry no splitting error.
 */
export function advanceWithHeatFlow(
  solver: SplitTarget,
  flow: HeatFlow,
  theta: number,
  T: number,
  split: number,
): void {
  const plus = new Float64Array(solver.rhoPlus.length);
  const minus = new Float64Array(solver.rhoMinus.length);
  while (solver.t < T) {
    const t0 = solver.t;
    const t1 = Math.min(T, t0 + split);
    solver.advanceTo(t1);
    plus.set(solver.rhoPlus);
    minus.set(solver.rhoMinus);
    flow.apply(plus, theta * (t1 - t0));
    flow.apply(minus, theta * (t1 - t0));
    solver.setDensities(plus, minus, t1);
  }
}
