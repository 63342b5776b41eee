/**
 * Finite-volume solver for the regularised Groma–Balogh system of SPEC §5 on T²:
 *
 *   ∂t ρ+ + div(ρ+ (−∇ξ + F)) = 0,   ∂t ρ− + div(ρ− (+∇ξ − F)) = 0,   ξ = V_δ ∗ κ + U,  κ = ρ+ − ρ−,
 *
 * (`slip`: ∇ → ∂₁ everywhere, F₂ ignored, nothing moves in x₂), following Carrillo–Chertock–Huang
 * (Commun. Comput. Phys. 17, 2015) for each species:
 *
 *  - unknowns: cell averages on an N×N grid (N a power of two; flat index j·N + i, i along x₁);
 *  - ξ at the cell centres: V_δ ∗ κ by FFT with the exact multiplier V̂_k·m_δ(k)
 *    (interactionMultiplier) — the cell averages of κ are read as a smooth density per SPEC §11, so
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
 *    cell average is a convex combination of its four face values), so cfl ≤ ½; dt is also
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
 */

import { potentialU } from '../external';
import { RealFFT2D } from '../fft2';
import { interactionMultiplier } from '../kernels/multipliers';
import type { CoreModel, ExternalField, Geometry, InteractionSpec } from '../types';
import { cellAverageCoefficients, type FourierBlock, sinc } from './grid';

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
  /** dt·(a_x + a_y)/h, default 0.4; positivity of each stage is guaranteed for cfl ≤ 0.5. */
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
  /** Initial time (default 0). */
  t0?: number;
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
  /** Discrete energy E_h (see above). */
  energy(): number;
  /** [∫ρ+, ∫ρ−]. */
  masses(): [number, number];
  /** min over both species and all cells. */
  minRho(): number;
  /** ∫(ρ+ log ρ+ + ρ− log ρ−) (0 log 0 = 0). */
  entropy(): number;
  /** Semi-discrete right-hand side dρ±/dt at the current state (cell averages). */
  rhs(outPlus: Float64Array, outMinus: Float64Array): void;
  /** Fourier coefficients (|k|∞ ≤ K < N/2) of κ, ρ+ or ρ− read per SPEC §11. */
  coefficients(K: number, which?: 'kappa' | 'plus' | 'minus'): FourierBlock;
  /** κ̂ for |k|∞ ≤ K (same as coefficients(K, 'kappa')). */
  kappaHat(K: number): FourierBlock;
  /** Replace the densities (copied), optionally the time; resets nothing else. */
  setDensities(rhoPlus: ArrayLike<number>, rhoMinus: ArrayLike<number>, t?: number): void;
  /** Replace U and F (e.g. a slider in the app). */
  setField(field: ExternalField): void;
}

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

const ENERGY_RTOL = 1e-12;
const FLUSH = 1e-150;

function flushTiny(a: Float64Array): Float64Array {
  for (let q = 0; q < a.length; q++) if (a[q] > 0 && a[q] < FLUSH) a[q] = 0;
  return a;
}
const THETA_DEFAULT = 2;
const MAX_HALVINGS = 30;

/**
 * Generalised minmod slope (undivided) from the forward and backward differences a, b:
 * minmod(θa, (a + b)/2, θb), θ ∈ [1, 2]; θ = 1 is the plain minmod(a, b).
 */
function gmm(th: number, a: number, b: number): number {
  if (!((a > 0 && b > 0) || (a < 0 && b < 0))) return 0;
  const aa = Math.abs(a);
  const bb = Math.abs(b);
  let m = 0.5 * (aa + bb);
  if (th * aa < m) m = th * aa;
  if (th * bb < m) m = th * bb;
  return a > 0 ? m : -m;
}

// ---------------------------------------------------------------------------------------------
// Hot loops: module-level functions of typed arrays and numbers only (monomorphic, no closures).

/**
 * x-direction rates of the row at offset o into dP, dM (row buffers): −(F_{i+½} − F_{i−½})/h with
 * upwinded MUSCL face values (generalised minmod slopes). The row is first copied into padded
 * buffers (two periodic ghost cells on each side: padded index k ↔ cell k − 2) so that the face
 * loop runs without wrap-around tests, with a rolling window of four cells.
 * + velocity across a face (ξ_L − ξ_R)/h + F₁; − velocity its negative.
 */
function xRow(
  p: Float64Array,
  m: Float64Array,
  xi: Float64Array,
  o: number,
  N: number,
  invh: number,
  F1: number,
  th: number,
  padP: Float64Array,
  padM: Float64Array,
  padX: Float64Array,
  dP: Float64Array,
  dM: Float64Array,
): void {
  for (let i = 0; i < N; i++) {
    padP[i + 2] = p[o + i];
    padM[i + 2] = m[o + i];
    padX[i + 2] = xi[o + i];
  }
  padP[0] = p[o + N - 2];
  padP[1] = p[o + N - 1];
  padP[N + 2] = p[o];
  padP[N + 3] = p[o + 1];
  padM[0] = m[o + N - 2];
  padM[1] = m[o + N - 1];
  padM[N + 2] = m[o];
  padM[N + 3] = m[o + 1];
  padX[1] = xi[o + N - 1];
  padX[N + 2] = xi[o];
  // window for the face between cells −1 and 0 (padded 1 | 2)
  let p1 = padP[1];
  let p2 = padP[2];
  let m1 = padM[1];
  let m2 = padM[2];
  let pdM = p2 - p1;
  let mdM = m2 - m1;
  let psL = gmm(th, pdM, p1 - padP[0]);
  let msL = gmm(th, mdM, m1 - padM[0]);
  let x1 = padX[1];
  let fpPrev = 0;
  let fmPrev = 0;
  for (let k = 1; k <= N + 1; k++) {
    // (k = 1 is the face −½, whose flux only seeds fpPrev/fmPrev)
    // face between padded cells k (L) and k + 1 (R); load k + 2
    const p3 = padP[k + 2];
    const m3 = padM[k + 2];
    const pdR = p3 - p2;
    const mdR = m3 - m2;
    // generalised minmod slopes of cell R, written out (gmm inline)
    let psR = 0;
    if ((pdR > 0 && pdM > 0) || (pdR < 0 && pdM < 0)) {
      const aa = Math.abs(pdR);
      const bb = Math.abs(pdM);
      let q = 0.5 * (aa + bb);
      if (th * aa < q) q = th * aa;
      if (th * bb < q) q = th * bb;
      psR = pdR > 0 ? q : -q;
    }
    let msR = 0;
    if ((mdR > 0 && mdM > 0) || (mdR < 0 && mdM < 0)) {
      const aa = Math.abs(mdR);
      const bb = Math.abs(mdM);
      let q = 0.5 * (aa + bb);
      if (th * aa < q) q = th * aa;
      if (th * bb < q) q = th * bb;
      msR = mdR > 0 ? q : -q;
    }
    const x2 = padX[k + 1];
    const u = (x1 - x2) * invh + F1;
    let fp = 0;
    let fm = 0;
    if (u > 0) {
      fp = u * (p1 + 0.5 * psL);
      fm = -u * (m2 - 0.5 * msR);
    } else {
      fp = u * (p2 - 0.5 * psR);
      fm = -u * (m1 + 0.5 * msL);
    }
    if (k >= 2) {
      dP[k - 2] = (fpPrev - fp) * invh;
      dM[k - 2] = (fmPrev - fm) * invh;
    }
    fpPrev = fp;
    fmPrev = fm;
    p1 = p2;
    p2 = p3;
    m1 = m2;
    m2 = m3;
    pdM = pdR;
    mdM = mdR;
    psL = psR;
    msL = msR;
    x1 = x2;
  }
}

/** y-slopes (minmod) of the row at offset o (rows below/above at ol, oh) into sP, sM. */
function ySlopes(
  p: Float64Array,
  m: Float64Array,
  o: number,
  ol: number,
  oh: number,
  N: number,
  th: number,
  sP: Float64Array,
  sM: Float64Array,
): void {
  for (let i = 0; i < N; i++) {
    const c = p[o + i];
    const a1 = p[oh + i] - c;
    const b1 = c - p[ol + i];
    let s1 = 0;
    if ((a1 > 0 && b1 > 0) || (a1 < 0 && b1 < 0)) {
      const aa = Math.abs(a1);
      const bb = Math.abs(b1);
      let q = 0.5 * (aa + bb);
      if (th * aa < q) q = th * aa;
      if (th * bb < q) q = th * bb;
      s1 = a1 > 0 ? q : -q;
    }
    sP[i] = s1;
    const d = m[o + i];
    const a2 = m[oh + i] - d;
    const b2 = d - m[ol + i];
    let s2 = 0;
    if ((a2 > 0 && b2 > 0) || (a2 < 0 && b2 < 0)) {
      const aa = Math.abs(a2);
      const bb = Math.abs(b2);
      let q = 0.5 * (aa + bb);
      if (th * aa < q) q = th * aa;
      if (th * bb < q) q = th * bb;
      s2 = a2 > 0 ? q : -q;
    }
    sM[i] = s2;
  }
}

/**
 * Fluxes through the faces between the rows at offsets o (below) and on (above): subtracted from
 * the lower row's rates (cP, cM), added to the upper row's (nP, nM). sC…, sN…: y-slopes of the two rows.
 */
function yFaces(
  p: Float64Array,
  m: Float64Array,
  xi: Float64Array,
  o: number,
  on: number,
  N: number,
  invh: number,
  F2: number,
  sCP: Float64Array,
  sCM: Float64Array,
  sNP: Float64Array,
  sNM: Float64Array,
  cP: Float64Array,
  cM: Float64Array,
  nP: Float64Array,
  nM: Float64Array,
): void {
  for (let i = 0; i < N; i++) {
    const v = (xi[o + i] - xi[on + i]) * invh + F2;
    let gp = 0;
    let gm = 0;
    if (v > 0) {
      gp = v * (p[o + i] + 0.5 * sCP[i]);
      gm = -v * (m[on + i] - 0.5 * sNM[i]);
    } else {
      gp = v * (p[on + i] - 0.5 * sNP[i]);
      gm = -v * (m[o + i] + 0.5 * sCM[i]);
    }
    gp *= invh;
    gm *= invh;
    cP[i] -= gp;
    nP[i] += gp;
    cM[i] -= gm;
    nM[i] += gm;
  }
}

/**
 * yFaces for the faces between rows o and on, fused with finishRow for row o (whose rates are
 * complete once this face is added): writes outP/outM/κ of row o and updates stats.
 */
function yFacesFinish(
  p: Float64Array,
  m: Float64Array,
  xi: Float64Array,
  o: number,
  on: number,
  N: number,
  invh: number,
  F2: number,
  sCP: Float64Array,
  sCM: Float64Array,
  sNP: Float64Array,
  sNM: Float64Array,
  cP: Float64Array,
  cM: Float64Array,
  nP: Float64Array,
  nM: Float64Array,
  u0P: Float64Array,
  u0M: Float64Array,
  outP: Float64Array,
  outM: Float64Array,
  kappa: Float64Array,
  a: number,
  b: number,
  c: number,
  stats: Float64Array,
): void {
  let mn = stats[0];
  let mx = stats[1];
  for (let i = 0; i < N; i++) {
    const q = o + i;
    const v = (xi[q] - xi[on + i]) * invh + F2;
    let gp = 0;
    let gm = 0;
    if (v > 0) {
      gp = v * (p[q] + 0.5 * sCP[i]);
      gm = -v * (m[on + i] - 0.5 * sNM[i]);
    } else {
      gp = v * (p[on + i] - 0.5 * sNP[i]);
      gm = -v * (m[q] + 0.5 * sCM[i]);
    }
    gp *= invh;
    gm *= invh;
    nP[i] += gp;
    nM[i] += gm;
    let x = a * u0P[q] + b * p[q] + c * (cP[i] - gp);
    let y = a * u0M[q] + b * m[q] + c * (cM[i] - gm);
    if (x > 0 && x < FLUSH) x = 0;
    if (y > 0 && y < FLUSH) y = 0;
    outP[q] = x;
    outM[q] = y;
    kappa[q] = x - y;
    if (x < mn) mn = x;
    if (y < mn) mn = y;
    if (x + y > mx) mx = x + y;
  }
  stats[0] = mn;
  stats[1] = mx;
}

/**
 * out = a·(u0P, u0M) + b·(p, m) + c·(dP, dM) on the row at offset o, κ = outP − outM.
 * stats[0] ← min(stats[0], min of both outputs); stats[1] ← max(stats[1], max of outP + outM).
 */
function finishRow(
  o: number,
  N: number,
  u0P: Float64Array,
  u0M: Float64Array,
  p: Float64Array,
  m: Float64Array,
  dP: Float64Array,
  dM: Float64Array,
  outP: Float64Array,
  outM: Float64Array,
  kappa: Float64Array,
  a: number,
  b: number,
  c: number,
  stats: Float64Array,
): void {
  let mn = stats[0];
  let mx = stats[1];
  for (let i = 0; i < N; i++) {
    const q = o + i;
    let x = a * u0P[q] + b * p[q] + c * dP[i];
    let y = a * u0M[q] + b * m[q] + c * dM[i];
    // flush (0, 1e-150) to 0: keeps denormals (100× slower arithmetic) out of long runs in which
    // depleted cells decay geometrically; changes a mass by < 1e-150 (far below round-off)
    if (x > 0 && x < FLUSH) x = 0;
    if (y > 0 && y < FLUSH) y = 0;
    outP[q] = x;
    outM[q] = y;
    kappa[q] = x - y;
    if (x < mn) mn = x;
    if (y < mn) mn = y;
    if (x + y > mx) mx = x + y;
  }
  stats[0] = mn;
  stats[1] = mx;
}

/**
 * ξ ← ξ + U (U at the centres), returning E = h²Σκ(½φ + U) in stats[2], and in stats[3] the scale
 * of its round-off, h²Σ(|κ| + 10⁻⁴(ρ+ + ρ−))(½|φ| + |U|) (κ inherits an absolute error ~ε(ρ+ + ρ−)
 * from the densities, which 10⁻¹²·10⁻⁴ ≈ ε covers), and the extreme centred differences of ξ across
 * x- and y-faces (ξ_L − ξ_R) in stats[4..7] = [dxMin, dxMax, dyMin, dyMax]. One pass, row by row.
 */
function addFieldAndMeasure(
  xi: Float64Array,
  kappa: Float64Array,
  p: Float64Array,
  m: Float64Array,
  uc: Float64Array,
  N: number,
  slip: boolean,
  stats: Float64Array,
): void {
  let e = 0;
  let sc = 0;
  let dxMax = Number.NEGATIVE_INFINITY;
  let dxMin = Number.POSITIVE_INFINITY;
  let dyMax = Number.NEGATIVE_INFINITY;
  let dyMin = Number.POSITIVE_INFINITY;
  for (let j = 0; j < N; j++) {
    const o = j * N;
    for (let i = 0; i < N; i++) {
      const q = o + i;
      const k = kappa[q];
      const phi = xi[q];
      const u = uc[q];
      e += k * (0.5 * phi + u);
      sc += (Math.abs(k) + 1e-4 * (p[q] + m[q])) * (0.5 * Math.abs(phi) + Math.abs(u));
      xi[q] = phi + u;
    }
    let prev = xi[o + N - 1];
    for (let i = 0; i < N; i++) {
      const c = xi[o + i];
      const d = prev - c;
      if (d > dxMax) dxMax = d;
      if (d < dxMin) dxMin = d;
      prev = c;
    }
    if (!slip && j > 0) {
      const ol = o - N;
      for (let i = 0; i < N; i++) {
        const d = xi[ol + i] - xi[o + i];
        if (d > dyMax) dyMax = d;
        if (d < dyMin) dyMin = d;
      }
    }
  }
  if (!slip) {
    const ol = (N - 1) * N;
    for (let i = 0; i < N; i++) {
      const d = xi[ol + i] - xi[i];
      if (d > dyMax) dyMax = d;
      if (d < dyMin) dyMin = d;
    }
  } else {
    dyMax = 0;
    dyMin = 0;
  }
  const h2 = 1 / (N * N);
  stats[2] = e * h2;
  stats[3] = sc * h2;
  stats[4] = dxMin;
  stats[5] = dxMax;
  stats[6] = dyMin;
  stats[7] = dyMax;
}

class FvSolver implements PdeSolver {
  readonly N: number;
  readonly geometry: Geometry;
  readonly core: CoreModel;
  readonly delta: number;
  readonly label: string;
  t: number;
  steps = 0;
  rejectedEnergy = 0;
  rejectedPositivity = 0;
  energyWarnings = 0;
  lastDt = 0;

  private readonly slip: boolean;
  private readonly cfl: number;
  private readonly theta: number;
  private readonly rateCap: number;
  private readonly dtMax: number;
  private readonly plan: RealFFT2D;
  private readonly mult: Float64Array;
  private readonly symMax: number;
  private field: ExternalField = { modes: [], force: [0, 0] };
  private F1 = 0;
  private F2 = 0;
  private hasForce = false;

  // State, stage buffers (ping-pong A/B), potentials, κ, U at the centres.
  private rp: Float64Array;
  private rm: Float64Array;
  private ap: Float64Array;
  private am: Float64Array;
  private readonly bp: Float64Array;
  private readonly bm: Float64Array;
  private xi0: Float64Array;
  private xiS: Float64Array;
  private readonly kap: Float64Array;
  private readonly uc: Float64Array;
  // Row buffers: rate accumulators and y-slopes of row 0 and of rows j / j+1 (sets A, B).
  private readonly rows: Float64Array[];
  private readonly padP: Float64Array;
  private readonly padM: Float64Array;
  private readonly padX: Float64Array;
  /** [min, maxSum, E, Escale, dxMin, dxMax, dyMin, dyMax] of the last stage / potential. */
  private readonly stats = new Float64Array(8);

  // Quantities of the current state.
  private xiValid = false;
  private E0 = 0;
  private Escale0 = 0;
  private ax0 = 0;
  private ay0 = 0;
  private maxSum0 = 0;

  constructor(opts: PdeOptions) {
    const N = opts.N;
    this.N = N;
    this.geometry = opts.geometry;
    this.core = opts.core ?? 'gaussian';
    const delta = opts.delta === 'limit' ? 0 : opts.delta;
    if (!(delta >= 0)) throw new Error(`createPdeSolver: δ must be ≥ 0 or 'limit', got ${opts.delta}`);
    this.delta = delta;
    this.label = deltaLabel(opts.delta, N);
    this.cfl = opts.cfl ?? 0.4;
    if (!(this.cfl > 0 && this.cfl <= 0.5))
      throw new Error(`createPdeSolver: cfl must be in (0, 0.5], got ${this.cfl}`);
    this.dtMax = opts.dtMax ?? 0.05;
    this.rateCap = opts.rateCap ?? 0.5 * this.cfl;
    this.theta = opts.limiterTheta ?? THETA_DEFAULT;
    if (!(this.theta >= 1 && this.theta <= 2))
      throw new Error(`createPdeSolver: limiterTheta must be in [1, 2], got ${this.theta}`);
    this.t = opts.t0 ?? 0;
    const NN = N * N;
    if (opts.rhoPlus.length !== NN || opts.rhoMinus.length !== NN)
      throw new Error(`createPdeSolver: densities must have length N² = ${NN}`);
    this.slip = this.geometry === 'slip';
    this.plan = new RealFFT2D(N);
    const spec = { geometry: this.geometry, core: this.core, delta };
    this.mult = potentialMultiplier(this.plan, spec);
    // Λ/max(ρ+ + ρ−): max over the grid of the discrete linear rate symbol (|D₁|² + |D₂|²)·M/S, the
    // decay rate of mode k of κ about a uniform state of total density 1. M is even in k₁, k₂.
    const M = potentialSymbol(N, spec);
    let symMax = 0;
    for (let k1 = 0; k1 <= N / 2; k1++)
      for (let k2 = 0; k2 <= N / 2; k2++) {
        const d1 = 2 * N * Math.sin((Math.PI * k1) / N);
        const d2 = this.slip ? 0 : 2 * N * Math.sin((Math.PI * k2) / N);
        symMax = Math.max(symMax, (d1 * d1 + d2 * d2) * M(k1, k2));
      }
    this.symMax = symMax;
    this.rp = flushTiny(Float64Array.from(opts.rhoPlus));
    this.rm = flushTiny(Float64Array.from(opts.rhoMinus));
    this.ap = new Float64Array(NN);
    this.am = new Float64Array(NN);
    this.bp = new Float64Array(NN);
    this.bm = new Float64Array(NN);
    this.xi0 = new Float64Array(NN);
    this.xiS = new Float64Array(NN);
    this.kap = new Float64Array(NN);
    this.uc = new Float64Array(NN);
    this.rows = [];
    for (let r = 0; r < 12; r++) this.rows.push(new Float64Array(N));
    this.padP = new Float64Array(N + 4);
    this.padM = new Float64Array(N + 4);
    this.padX = new Float64Array(N + 4);
    this.setField(opts.field ?? { modes: [], force: [0, 0] });
  }

  get rhoPlus(): Float64Array {
    return this.rp;
  }
  get rhoMinus(): Float64Array {
    return this.rm;
  }
  get potential(): Float64Array {
    this.ensurePotential();
    return this.xi0;
  }
  get rejected(): number {
    return this.rejectedEnergy + this.rejectedPositivity;
  }

  setField(f: ExternalField): void {
    const N = this.N;
    this.field = f;
    this.F1 = f.force[0];
    this.F2 = this.slip ? 0 : f.force[1];
    this.hasForce = this.F1 !== 0 || this.F2 !== 0;
    for (let j = 0; j < N; j++)
      for (let i = 0; i < N; i++) this.uc[j * N + i] = potentialU(this.field, (i + 0.5) / N, (j + 0.5) / N);
    this.xiValid = false;
  }

  setDensities(p: ArrayLike<number>, m: ArrayLike<number>, t?: number): void {
    const NN = this.N * this.N;
    if (p.length !== NN || m.length !== NN) throw new Error('setDensities: length must be N²');
    this.rp.set(p);
    this.rm.set(m);
    flushTiny(this.rp);
    flushTiny(this.rm);
    if (t !== undefined) this.t = t;
    this.xiValid = false;
  }

  /**
   * ξ from the current contents of κ (which must be p − m) into xi; energy and face-speed extremes
   * into stats.
   */
  private potentialOf(xi: Float64Array, p: Float64Array, m: Float64Array): void {
    this.plan.convolve(this.kap, this.mult, xi);
    addFieldAndMeasure(xi, this.kap, p, m, this.uc, this.N, this.slip, this.stats);
  }

  private speedX(): number {
    const s = this.stats;
    return Math.max(Math.abs(s[4] * this.N + this.F1), Math.abs(s[5] * this.N + this.F1));
  }

  private speedY(): number {
    if (this.slip) return 0;
    const s = this.stats;
    return Math.max(Math.abs(s[6] * this.N + this.F2), Math.abs(s[7] * this.N + this.F2));
  }

  private ensurePotential(): void {
    if (this.xiValid) return;
    const { rp, rm, kap } = this;
    let mx = 0;
    for (let q = 0; q < kap.length; q++) {
      kap[q] = rp[q] - rm[q];
      if (rp[q] + rm[q] > mx) mx = rp[q] + rm[q];
    }
    this.potentialOf(this.xi0, rp, rm);
    this.E0 = this.stats[2];
    this.Escale0 = this.stats[3];
    this.ax0 = this.speedX();
    this.ay0 = this.speedY();
    this.maxSum0 = mx;
    this.xiValid = true;
  }

  /**
   * One fused pass: (outP, outM) = a·(rp, rm) + b·(p, m) + c·L(p, m; ξ), L the semi-discrete rates,
   * κ of the output, and [min, max sum] in stats[0..1]. Rows are processed in order; a row is
   * written as soon as both of its y-faces are known (row 0 last). out must not alias p, m, rp, rm.
   */
  private stage(
    p: Float64Array,
    m: Float64Array,
    xi: Float64Array,
    outP: Float64Array,
    outM: Float64Array,
    a: number,
    b: number,
    c: number,
  ): void {
    const { N, F1, F2, rp, rm, kap, stats, rows, theta: th, padP, padM, padX } = this;
    const invh = N;
    stats[0] = Number.POSITIVE_INFINITY;
    stats[1] = 0;
    const [accP0, accM0, slP0, slM0, accPA, accMA, slPA, slMA, accPB, accMB, slPB, slMB] = rows;
    if (this.slip) {
      for (let j = 0; j < N; j++) {
        xRow(p, m, xi, j * N, N, invh, F1, th, padP, padM, padX, accPA, accMA);
        finishRow(j * N, N, rp, rm, p, m, accPA, accMA, outP, outM, kap, a, b, c, stats);
      }
      return;
    }
    xRow(p, m, xi, 0, N, invh, F1, th, padP, padM, padX, accP0, accM0);
    ySlopes(p, m, 0, (N - 1) * N, N, N, th, slP0, slM0);
    let cP = accP0;
    let cM = accM0;
    let cSP = slP0;
    let cSM = slM0;
    let useA = true;
    for (let j = 0; j < N; j++) {
      const o = j * N;
      const jn = j + 1 === N ? 0 : j + 1;
      const on = jn * N;
      let nP = accP0;
      let nM = accM0;
      let nSP = slP0;
      let nSM = slM0;
      if (jn !== 0) {
        nP = useA ? accPA : accPB;
        nM = useA ? accMA : accMB;
        nSP = useA ? slPA : slPB;
        nSM = useA ? slMA : slMB;
        useA = !useA;
        xRow(p, m, xi, on, N, invh, F1, th, padP, padM, padX, nP, nM);
        ySlopes(p, m, on, o, jn + 1 === N ? 0 : on + N, N, th, nSP, nSM);
      }
      if (j === 0) yFaces(p, m, xi, o, on, N, invh, F2, cSP, cSM, nSP, nSM, cP, cM, nP, nM);
      else
        yFacesFinish(
          p,
          m,
          xi,
          o,
          on,
          N,
          invh,
          F2,
          cSP,
          cSM,
          nSP,
          nSM,
          cP,
          cM,
          nP,
          nM,
          rp,
          rm,
          outP,
          outM,
          kap,
          a,
          b,
          c,
          stats,
        );
      cP = nP;
      cM = nM;
      cSP = nSP;
      cSM = nSM;
    }
    finishRow(0, N, rp, rm, p, m, accP0, accM0, outP, outM, kap, a, b, c, stats);
  }

  step(maxDt?: number): number {
    this.ensurePotential();
    const h = 1 / this.N;
    const speed = this.ax0 + this.ay0;
    let dt = this.dtMax;
    if (speed > 0) dt = Math.min(dt, (this.cfl * h) / speed);
    const lam = this.maxSum0 * this.symMax;
    if (lam > 0) dt = Math.min(dt, this.rateCap / lam);
    if (maxDt !== undefined && maxDt < dt) dt = maxDt;
    if (!(dt > 0)) return 0;
    const checkEnergy = !this.hasForce;
    const st = this.stats;
    let maxSumNew = 0;
    for (let attempt = 0; ; attempt++) {
      // Shu–Osher SSP-RK3: u1 = u + dt L(u); u2 = ¾u + ¼(u1 + dt L(u1)); u3 = ⅓u + ⅔(u2 + dt L(u2)).
      this.stage(this.rp, this.rm, this.xi0, this.ap, this.am, 0, 1, dt);
      let ok = st[0] >= 0;
      if (ok) {
        this.potentialOf(this.xiS, this.ap, this.am);
        this.stage(this.ap, this.am, this.xiS, this.bp, this.bm, 0.75, 0.25, 0.25 * dt);
        ok = st[0] >= 0;
      }
      if (ok) {
        this.potentialOf(this.xiS, this.bp, this.bm);
        this.stage(this.bp, this.bm, this.xiS, this.ap, this.am, 1 / 3, 2 / 3, (2 / 3) * dt);
        ok = st[0] >= 0;
      }
      if (!ok) {
        this.rejectedPositivity++;
        dt *= 0.5;
        continue;
      }
      maxSumNew = st[1];
      this.potentialOf(this.xiS, this.ap, this.am);
      if (checkEnergy && st[2] > this.E0 + ENERGY_RTOL * Math.max(this.Escale0, st[3])) {
        if (attempt < MAX_HALVINGS) {
          this.rejectedEnergy++;
          dt *= 0.5;
          continue;
        }
        this.energyWarnings++;
      }
      break;
    }
    // accept
    let tmp = this.rp;
    this.rp = this.ap;
    this.ap = tmp;
    tmp = this.rm;
    this.rm = this.am;
    this.am = tmp;
    tmp = this.xi0;
    this.xi0 = this.xiS;
    this.xiS = tmp;
    this.E0 = st[2];
    this.Escale0 = st[3];
    this.ax0 = this.speedX();
    this.ay0 = this.speedY();
    this.maxSum0 = maxSumNew;
    this.t += dt;
    this.steps++;
    this.lastDt = dt;
    return dt;
  }

  advanceTo(time: number): number {
    let n = 0;
    while (this.t < time) {
      const rem = time - this.t;
      const dt = this.step(rem);
      n++;
      if (dt >= rem) {
        this.t = time;
        break;
      }
      if (dt === 0) break;
    }
    return n;
  }

  energy(): number {
    this.ensurePotential();
    return this.E0;
  }

  masses(): [number, number] {
    const { rp, rm } = this;
    let a = 0;
    let b = 0;
    for (let q = 0; q < rp.length; q++) {
      a += rp[q];
      b += rm[q];
    }
    const h2 = 1 / rp.length;
    return [a * h2, b * h2];
  }

  minRho(): number {
    const { rp, rm } = this;
    let mn = Number.POSITIVE_INFINITY;
    for (let q = 0; q < rp.length; q++) {
      if (rp[q] < mn) mn = rp[q];
      if (rm[q] < mn) mn = rm[q];
    }
    return mn;
  }

  entropy(): number {
    const { rp, rm } = this;
    let s = 0;
    for (let q = 0; q < rp.length; q++) {
      const a = rp[q];
      const b = rm[q];
      if (a > 0) s += a * Math.log(a);
      if (b > 0) s += b * Math.log(b);
    }
    return s / rp.length;
  }

  rhs(outPlus: Float64Array, outMinus: Float64Array): void {
    this.ensurePotential();
    this.stage(this.rp, this.rm, this.xi0, outPlus, outMinus, 0, 0, 1);
  }

  coefficients(K: number, which: 'kappa' | 'plus' | 'minus' = 'kappa'): FourierBlock {
    const { N, rp, rm, plan } = this;
    if (which === 'plus') return cellAverageCoefficients(N, rp, K, plan);
    if (which === 'minus') return cellAverageCoefficients(N, rm, K, plan);
    const k = new Float64Array(N * N);
    for (let q = 0; q < k.length; q++) k[q] = rp[q] - rm[q];
    return cellAverageCoefficients(N, k, K, plan);
  }

  kappaHat(K: number): FourierBlock {
    return this.coefficients(K, 'kappa');
  }
}

/** Create a solver (see the file comment and PdeOptions). */
export function createPdeSolver(opts: PdeOptions): PdeSolver {
  return new FvSolver(opts);
}
