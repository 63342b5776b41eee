/**
 * The public shape of the finite-volume Groma–Balogh solver (see solver.ts for the scheme): the
 * options it is created from and the interface it is used through.
 */

import type { CoreModel, ExternalField, Geometry } from '../types';
import type { FourierBlock } from './grid';

export interface PdeOptions {
  geometry: Geometry;
  /** Default 'gaussian'. */
  core?: CoreModel;
  /** Core radius δ > 0, or 'limit' for δ → 0 at the grid's resolution. */
  delta: number | 'limit';
  /** U and F; default none. */
  field?: ExternalField;
  /** Grid size, a power of two (32…512 in the app). */
  N: number;
  /** Initial cell averages, length N², ≥ 0 (copied). */
  rhoPlus: ArrayLike<number>;
  rhoMinus: ArrayLike<number>;
  /**
   * dt·(a_x + a_y)/h ∈ (0, ½], default ½: the largest step for which each forward-Euler stage keeps
   * ρ ≥ 0 (a stage whose speeds grew beyond the bound may still produce a negative value; the step
   * is then rejected and retried with dt/2).
   */
  cfl?: number;
  /**
   * θ of the generalised minmod limiter minmod(θΔ₊, Δ₀, θΔ₋), θ ∈ [1, 2] (1 = plain minmod,
   * most dissipative; 2 = monotonised central, as in Carrillo–Chertock–Huang). Default 2.
   * Face values stay ≥ 0 for every θ ≤ 2.
   */
  limiterTheta?: number;
  /**
   * dt ≤ rateCap/Λ with Λ = max(ρ+ + ρ−)·(largest discrete linear rate symbol): keeps the time
   * error small where velocities are tiny but κ still relaxes. Default ½·cfl; Infinity disables it
   * (then only the energy test guards stability — used by the tests of that guard).
   */
  rateCap?: number;
  /** Upper bound on dt (default 0.05). */
  dtMax?: number;
  /**
   * Time integrator: 'ssp33' (Shu–Osher SSP-RK3, 3 stages, SSP coefficient 1, default) or 'ssp43'
   * (4-stage third-order SSP-RK, coefficient 2: cfl up to 1 keeps positivity, so 4 potential solves
   * cover 2× the time of 3 — ⅓ fewer per unit time where the CFL bound is the active one).
   */
  rk?: 'ssp33' | 'ssp43';
  /** Initial time (default 0). */
  t0?: number;
  /** Noise temperature θ ≥ 0 (MATH §13): adds θΔρ± (slip: θ∂₁²ρ±) by a split heat flow; default 0. */
  temperature?: number;
}

export interface PdeSolver {
  readonly N: number;
  readonly geometry: Geometry;
  readonly core: CoreModel;
  /** δ used (0 for 'limit'). */
  readonly delta: number;
  /** "δ = …" or "δ → 0 (grid resolution 1/N)". */
  readonly label: string;
  readonly t: number;
  /** Current cell averages (live views into the solver's buffers: copy to keep). */
  readonly rhoPlus: Float64Array;
  readonly rhoMinus: Float64Array;
  /** ξ = V_δ∗κ + U at the cell centres for the current state (live view). */
  readonly potential: Float64Array;
  /** Accepted steps, rejected attempts (total and by reason), last accepted dt. */
  readonly steps: number;
  readonly rejected: number;
  readonly rejectedEnergy: number;
  readonly rejectedPositivity: number;
  /** Steps accepted after 30 halvings although the energy test still failed (should stay 0). */
  readonly energyWarnings: number;
  readonly lastDt: number;
  /** One SSP-RK3 step with the adaptive dt (capped by maxDt if given); returns the dt taken. */
  step(maxDt?: number): number;
  /** Step until t reaches `time` exactly (last step shortened); returns the number of steps. */
  advanceTo(time: number): number;
  /** Discrete energy E_h = h² Σ κ_c (½ (V_δ∗κ)_c + U_c) (see solver.ts). */
  energy(): number;
  /** [∫ρ+, ∫ρ−]. */
  masses(): [number, number];
  /** min over both species and all cells. */
  minRho(): number;
  /** ∫(ρ+ log ρ+ + ρ− log ρ−) (0 log 0 = 0). */
  entropy(): number;
  /** Semi-discrete right-hand side dρ±/dt at the current state (cell averages). */
  rhs(outPlus: Float64Array, outMinus: Float64Array): void;
  /** Fourier coefficients (|k|∞ ≤ K < N/2) of κ, ρ+ or ρ− read per MATH §11. */
  coefficients(K: number, which?: 'kappa' | 'plus' | 'minus'): FourierBlock;
  /** κ̂ for |k|∞ ≤ K (same as coefficients(K, 'kappa')). */
  kappaHat(K: number): FourierBlock;
  /** Replace the densities (copied), optionally the time; resets nothing else. */
  setDensities(rhoPlus: ArrayLike<number>, rhoMinus: ArrayLike<number>, t?: number): void;
  /** Replace U and F (e.g. a slider in the app). */
  setField(field: ExternalField): void;
}
