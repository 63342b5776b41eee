/**
 * Finite-volume solver for the regularised Groma–Balogh system of MATH §5 on T²:
 *
 *   ∂t ρ+ + div(ρ+ (−∇ξ + F)) = 0,   ∂t ρ− + div(ρ− (+∇ξ − F)) = 0,   ξ = V_δ ∗ κ + U,  κ = ρ+ − ρ−,
 *
 * (`slip`: ∇ → ∂₁ everywhere, F₂ ignored, nothing moves in x₂), following Carrillo–Chertock–Huang
 * (Commun. Comput. Phys. 17, 2015) for each species:
 *
 *  - unknowns: cell averages on an N×N grid (N a power of two; flat index j·N + i, i along x₁);
 *  - ξ at the cell centres: V_δ ∗ κ by FFT with the exact multiplier V̂_k·m_δ(k)
 *    (interactionMultiplier) — the cell averages of κ are read as a smooth density per MATH §11, so
 *    the centre values are IDFT( V̂_k m_δ(k) / (sinc(πk₁/N) sinc(πk₂/N)) · DFT κ ) (the half-cell
 *    phases of the forward and inverse transforms cancel); plus U at the centres;
 *  - Nyquist: the grid's Nyquist mode (|k_d| = N/2, stored once) gets the multiplier at |k_d| = N/2
 *    (the multipliers are even in k₁ and in k₂, so ±N/2 agree): it is read as the real function
 *    sin(πN x_d)-type whose cell averages are (−1)^i, its cosine partner having zero cell averages;
 *  - face velocities u = ∓(ξ_R − ξ_L)/h ± F (centred differences), upwinded fluxes of MUSCL face
 *    values ρ^{E,W}_i = ρ_i ± ½σ_i: F_{i+½} = u⁺ ρ^E_i + u⁻ ρ^W_{i+1} (second order in space), with
 *    the generalised minmod slope σ_i = minmod(θΔ₊, Δ₀, θΔ₋), θ ∈ [1, 2] (option limiterTheta;
 *    default θ = 2, the "MC" limiter — about 3× smaller errors than plain minmod θ = 1 on the
 *    oracle cases; face values stay ≥ 0 for any θ ≤ 2);
 *  - SSP-RK3 (Shu–Osher) in time with dt = cfl·h/(a_x + a_y), a_d = max face speed along x_d.
 *    Each RK stage is a forward-Euler step, which keeps ρ ≥ 0 when dt·(a_x + a_y)/h ≤ ½ (the
 *    cell average is a convex combination of its four face values), so cfl ≤ ½ (default ½); dt is also
 *    capped by ½·cfl/Λ, Λ a bound on the linearised relaxation rate of κ (max(ρ+ + ρ−) times the
 *    largest discrete rate symbol), which keeps the time error small where velocities are tiny.
 *
 * Guarantees (checked, not hoped for): every accepted step has ρ± ≥ 0 everywhere (a step producing
 * a negative value is rejected and retried with dt/2; values below 1e-150 are flushed to 0 so that
 * depleted cells never become denormal numbers, ~100× slower), conserves the mass of each species
 * to round-off (flux form), and — when F = 0 — does not increase the discrete energy
 *     E_h = h² Σ κ_c (½ (V_δ∗κ)_c + U_c)
 * by more than its round-off scale (1e-12 of h²Σ|κ|(½|φ| + |U|), plus the ε(ρ+ + ρ−) floor of κ;
 * else rejected, dt halved). E_h is the midpoint-rule version of
 * E_δ(ρ) = ½∫(V_δ∗κ)κ + ∫Uκ that is exactly dissipated by the semi-discrete scheme
 * (dE_h/dt = −h² Σ_faces u² ρ_upwind ≤ 0). With F ≠ 0 the energy is not a Lyapunov function
 * (F has no periodic potential) and only positivity is enforced.
 *
 * `delta: 'limit'` uses δ = 0, i.e. V̂_k itself cut at the grid: label "δ → 0 (grid resolution 1/N)".
 *
 * Cost per step: 3 convolutions (the 4th, for the energy test, is the next step's first) and 3
 * fused flux passes over the grid; no allocation. Pure (no DOM or node APIs): usable in workers.
 *
 * Where each part lives (solver.ts is the entry point and re-exports the public API):
 *  - types.ts               PdeOptions, PdeSolver
 *  - potentialSymbol.ts     the symbol of V_δ∗ on the grid, deltaLabel, the rate bound Λ
 *  - potentialEvaluator.ts  ξ by FFT plus U, with energy and face-speed measures
 *  - limiter.ts             the one slope limiter: ½·minmod(θΔ₊, Δ₀, θΔ₋)
 *  - stageRows.ts           x-rates, y-rates, row update as separate row kernels (why: its header)
 *  - stage.ts               one RK stage as a fused pass over the grid
 *  - timeStep.ts            dt rule, SSP-RK3, acceptance tests
 *  - diagnostics.ts         masses, min, entropy, Fourier coefficients
 *  - grid.ts                cell averages ↔ Fourier coefficients, resampling
 *  - stepping.ts            the solver as a Stepping for the checkpoint clock
 *  - fvSolver.ts            the solver object wiring the above
 */

import { FvSolver } from './fvSolver';
import { withHeatFlow } from './heatSplit';
import type { PdeOptions, PdeSolver } from './types';

export { deltaLabel, potentialMultiplier, potentialSymbol } from './potentialSymbol';
export type { PdeOptions, PdeSolver } from './types';

/**
 * Create a solver (see the file comment and PdeOptions). With temperature θ > 0 the transport is
 * split with the heat flow θΔ (MATH §13, heatSplit.ts): the one place that chooses, for the app's
 * worker, `run` and `pde` alike.
 */
export function createPdeSolver(opts: PdeOptions): PdeSolver {
  return withHeatFlow(new FvSolver(opts), opts.temperature ?? 0);
}
