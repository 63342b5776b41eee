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
 *    values with the minmod limiter: F_{i+½} = u⁺ ρ^E_i + u⁻ ρ^W_{i+1} (second order in space);
 *  - SSP-RK3 (Shu–Osher) in time with dt = cfl·h/(a_x + a_y), a_d = max face speed along x_d.
 *    Each RK stage is a forward-Euler step, which keeps ρ ≥ 0 when dt·(a_x + a_y)/h ≤ ½ (the
 *    cell average is a convex combination of its four face values), so cfl ≤ ½; dt is also
 *    capped by 2·cfl/Λ, Λ a bound on the linearised relaxation rate of κ (see below).
 *
 * Guarantees (checked, not hoped for): every accepted step has ρ± ≥ 0 everywhere (a step producing
 * a negative value is rejected and retried with dt/2), conserves the mass of each species to
 * round-off (flux form), and — when F = 0 — does not increase the discrete energy
 *     E_h = h² Σ κ_c (½ (V_δ∗κ)_c + U_c)
 * by more than 1e-12 of its scale (else rejected, dt halved). E_h is the midpoint-rule version of
 * E_δ(ρ) = ½∫(V_δ∗κ)κ + ∫Uκ that is exactly dissipated by the semi-discrete scheme
 * (dE_h/dt = −h² Σ_faces u² ρ_upwind ≤ 0). With F ≠ 0 the energy is not a Lyapunov function
 * (F has no periodic potential) and only positivity is enforced.
 *
 * `delta: 'limit'` uses δ = 0, i.e. V̂_k itself cut at the grid: label "δ → 0 (grid resolution 1/N)".
 */

import { potentialU } from '../external';
import { RealFFT2D } from '../fft2';
import { interactionMultiplier } from '../kernels/multipliers';
import type { CoreModel, ExternalField, Geometry } from '../types';
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

const ENERGY_RTOL = 1e-12;
const MAX_HALVINGS = 30;

/** minmod of two slopes. */
function mm(a: number, b: number): number {
  if (a > 0) return b > 0 ? (a < b ? a : b) : 0;
  if (a < 0) return b < 0 ? (a > b ? a : b) : 0;
  return 0;
}

export function createPdeSolver(opts: PdeOptions): PdeSolver {
  const N = opts.N;
  const geometry = opts.geometry;
  const core: CoreModel = opts.core ?? 'gaussian';
  const delta = opts.delta === 'limit' ? 0 : opts.delta;
  if (!(delta >= 0)) throw new Error(`createPdeSolver: δ must be ≥ 0 or 'limit', got ${opts.delta}`);
  const cfl = opts.cfl ?? 0.4;
  if (!(cfl > 0 && cfl <= 0.5)) throw new Error(`createPdeSolver: cfl must be in (0, 0.5], got ${cfl}`);
  const dtMax = opts.dtMax ?? 0.05;
  const NN = N * N;
  if (opts.rhoPlus.length !== NN || opts.rhoMinus.length !== NN)
    throw new Error(`createPdeSolver: densities must have length N² = ${NN}`);
  const slip = geometry === 'slip';
  const h = 1 / N;
  const invh = N;
  const h2 = h * h;
  const plan = new RealFFT2D(N);
  const spec = { geometry, core, delta };
  const mult = plan.tabulateMultiplier(
    (k1, k2) => interactionMultiplier(spec, k1, k2) / (sinc((Math.PI * k1) / N) * sinc((Math.PI * k2) / N)),
  );
  // Λ: max over the grid of the discrete linear rate symbol (|D₁|² + |D₂|²)·M/S — the decay rate of
  // mode k of κ about a uniform state of total density 1 (multiplied by max(ρ+ + ρ−) at run time).
  let symMax = 0;
  for (let m1 = 0; m1 < N; m1++)
    for (let m2 = 0; m2 < N; m2++) {
      const k1 = m1 < N / 2 ? m1 : m1 - N;
      const k2 = m2 < N / 2 ? m2 : m2 - N;
      const d1 = 2 * N * Math.sin((Math.PI * k1) / N);
      const d2 = slip ? 0 : 2 * N * Math.sin((Math.PI * k2) / N);
      const M = interactionMultiplier(spec, k1, k2) / (sinc((Math.PI * k1) / N) * sinc((Math.PI * k2) / N));
      symMax = Math.max(symMax, (d1 * d1 + d2 * d2) * M);
    }

  // State and work arrays (no allocation per step).
  let rp = Float64Array.from(opts.rhoPlus);
  let rm = Float64Array.from(opts.rhoMinus);
  let sp = new Float64Array(NN);
  let sm = new Float64Array(NN);
  const l0p = new Float64Array(NN);
  const l0m = new Float64Array(NN);
  const lp = new Float64Array(NN);
  const lm = new Float64Array(NN);
  let xi0 = new Float64Array(NN);
  let xiS = new Float64Array(NN);
  const kappa = new Float64Array(NN);
  const uc = new Float64Array(NN);
  const syA = new Float64Array(N); // y-slopes of ρ+ in row j
  const syB = new Float64Array(N); // y-slopes of ρ+ in row j+1
  const szA = new Float64Array(N); // same for ρ−
  const szB = new Float64Array(N);
  const sy0 = new Float64Array(N); // slopes of row 0, kept for the last face
  const sz0 = new Float64Array(N);

  let field: ExternalField = opts.field ?? { modes: [], force: [0, 0] };
  let F1 = 0;
  let F2 = 0;
  let hasForce = false;
  let t = opts.t0 ?? 0;
  let steps = 0;
  let rejectedEnergy = 0;
  let rejectedPositivity = 0;
  let energyWarnings = 0;
  let lastDt = 0;
  let E0 = 0; // energy of the current state
  let Escale0 = 0;
  let Es = 0; // energy of the last evaluated stage state
  let EscaleS = 0;
  let ax = 0; // max face speeds of the last rhs evaluation
  let ay = 0;

  function setFieldInternal(f: ExternalField): void {
    field = f;
    F1 = f.force[0];
    F2 = slip ? 0 : f.force[1];
    hasForce = F1 !== 0 || F2 !== 0;
    for (let j = 0; j < N; j++)
      for (let i = 0; i < N; i++) uc[j * N + i] = potentialU(field, (i + 0.5) * h, (j + 0.5) * h);
  }

  /** ξ for densities (p, m) into xi; sets Es, EscaleS. */
  function potentialOf(p: Float64Array, m: Float64Array, xi: Float64Array): void {
    for (let t2 = 0; t2 < NN; t2++) kappa[t2] = p[t2] - m[t2];
    plan.convolve(kappa, mult, xi);
    let e = 0;
    let sc = 0;
    for (let t2 = 0; t2 < NN; t2++) {
      const k = kappa[t2];
      const phi = xi[t2];
      const u = uc[t2];
      e += k * (0.5 * phi + u);
      sc += Math.abs(k) * (0.5 * Math.abs(phi) + Math.abs(u));
      xi[t2] = phi + u;
    }
    Es = e * h2;
    EscaleS = sc * h2;
  }

  /**
   * Semi-discrete rates of (p, m) with potential xi into (dp, dm); sets ax, ay.
   * x-faces: rolling window along each row; y-faces: rows processed in order with slope rows.
   */
  function rates(
    p: Float64Array,
    m: Float64Array,
    xi: Float64Array,
    dp: Float64Array,
    dm: Float64Array,
  ): void {
    let maxU = 0;
    for (let j = 0; j < N; j++) {
      const o = j * N;
      // window for the face between cells N−1 and 0: cells N−2, N−1, 0, 1
      let p1 = p[o + N - 1];
      let p2 = p[o];
      let m1 = m[o + N - 1];
      let m2 = m[o];
      let pdM = p2 - p1;
      let mdM = m2 - m1;
      let psL = mm(pdM, p1 - p[o + N - 2]);
      let msL = mm(mdM, m1 - m[o + N - 2]);
      let x1 = xi[o + N - 1];
      let fpPrev = 0;
      let fmPrev = 0;
      for (let f = -1; f < N; f++) {
        // face between cell L = f (mod N) and R = f + 1; load cell f + 2
        let r = f + 2;
        if (r >= N) r -= N;
        const p3 = p[o + r];
        const m3 = m[o + r];
        const pdR = p3 - p2;
        const mdR = m3 - m2;
        const psR = mm(pdR, pdM);
        const msR = mm(mdR, mdM);
        const x2 = xi[f + 1 === N ? o : o + f + 1];
        const u = (x1 - x2) * invh + F1;
        let fp: number;
        let fm: number;
        if (u > 0) {
          fp = u * (p1 + 0.5 * psL);
          fm = -u * (m2 - 0.5 * msR);
          if (u > maxU) maxU = u;
        } else {
          fp = u * (p2 - 0.5 * psR);
          fm = -u * (m1 + 0.5 * msL);
          if (-u > maxU) maxU = -u;
        }
        if (f >= 0) {
          dp[o + f] = (fpPrev - fp) * invh;
          dm[o + f] = (fmPrev - fm) * invh;
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
    ax = maxU;
    if (slip) {
      ay = 0;
      return;
    }
    // y-direction: slopes of row 0 and N−1 first.
    let maxV = 0;
    let sCurP = syA;
    let sNextP = syB;
    let sCurM = szA;
    let sNextM = szB;
    {
      const oL = (N - 1) * N;
      const oR = N;
      for (let i = 0; i < N; i++) {
        const c = p[i];
        sy0[i] = mm(p[oR + i] - c, c - p[oL + i]);
        const d = m[i];
        sz0[i] = mm(m[oR + i] - d, d - m[oL + i]);
      }
      sCurP.set(sy0);
      sCurM.set(sz0);
    }
    for (let j = 0; j < N; j++) {
      const o = j * N;
      const jn = j + 1 === N ? 0 : j + 1;
      const on = jn * N;
      if (jn === 0) {
        sNextP.set(sy0);
        sNextM.set(sz0);
      } else {
        const onn = (jn + 1 === N ? 0 : jn + 1) * N;
        for (let i = 0; i < N; i++) {
          const c = p[on + i];
          sNextP[i] = mm(p[onn + i] - c, c - p[o + i]);
          const d = m[on + i];
          sNextM[i] = mm(m[onn + i] - d, d - m[o + i]);
        }
      }
      for (let i = 0; i < N; i++) {
        const v = (xi[o + i] - xi[on + i]) * invh + F2;
        let gp: number;
        let gm: number;
        if (v > 0) {
          gp = v * (p[o + i] + 0.5 * sCurP[i]);
          gm = -v * (m[on + i] - 0.5 * sNextM[i]);
          if (v > maxV) maxV = v;
        } else {
          gp = v * (p[on + i] - 0.5 * sNextP[i]);
          gm = -v * (m[o + i] + 0.5 * sCurM[i]);
          if (-v > maxV) maxV = -v;
        }
        gp *= invh;
        gm *= invh;
        dp[o + i] -= gp;
        dp[on + i] += gp;
        dm[o + i] -= gm;
        dm[on + i] += gm;
      }
      let tmp = sCurP;
      sCurP = sNextP;
      sNextP = tmp;
      tmp = sCurM;
      sCurM = sNextM;
      sNextM = tmp;
    }
    ay = maxV;
  }

  let xiValid = false;
  function ensurePotential(): void {
    if (xiValid) return;
    potentialOf(rp, rm, xi0);
    E0 = Es;
    Escale0 = EscaleS;
    xiValid = true;
  }

  /** s = a·u + b·(s + dt·L) for both species; returns min of the result. */
  function combine(
    a: number,
    b: number,
    dt: number,
    lP: Float64Array,
    lM: Float64Array,
    first: boolean,
  ): number {
    let mn = Number.POSITIVE_INFINITY;
    if (first) {
      for (let q = 0; q < NN; q++) {
        const x = rp[q] + dt * lP[q];
        const y = rm[q] + dt * lM[q];
        sp[q] = x;
        sm[q] = y;
        if (x < mn) mn = x;
        if (y < mn) mn = y;
      }
    } else {
      for (let q = 0; q < NN; q++) {
        const x = a * rp[q] + b * (sp[q] + dt * lP[q]);
        const y = a * rm[q] + b * (sm[q] + dt * lM[q]);
        sp[q] = x;
        sm[q] = y;
        if (x < mn) mn = x;
        if (y < mn) mn = y;
      }
    }
    return mn;
  }

  function maxSum(): number {
    let mx = 0;
    for (let q = 0; q < NN; q++) {
      const s = rp[q] + rm[q];
      if (s > mx) mx = s;
    }
    return mx;
  }

  function step(maxDt?: number): number {
    ensurePotential();
    rates(rp, rm, xi0, l0p, l0m);
    const speed = ax + ay;
    let dt = dtMax;
    if (speed > 0) dt = Math.min(dt, (cfl * h) / speed);
    const lam = maxSum() * symMax;
    if (lam > 0) dt = Math.min(dt, (2 * cfl) / lam);
    if (maxDt !== undefined && maxDt < dt) dt = maxDt;
    if (!(dt > 0)) return 0;
    const checkEnergy = !hasForce;
    for (let attempt = 0; ; attempt++) {
      let mn = combine(1, 1, dt, l0p, l0m, true);
      if (mn >= 0) {
        potentialOf(sp, sm, xiS);
        rates(sp, sm, xiS, lp, lm);
        mn = combine(0.75, 0.25, dt, lp, lm, false);
      }
      if (mn >= 0) {
        potentialOf(sp, sm, xiS);
        rates(sp, sm, xiS, lp, lm);
        mn = combine(1 / 3, 2 / 3, dt, lp, lm, false);
      }
      if (!(mn >= 0)) {
        rejectedPositivity++;
        dt *= 0.5;
        continue;
      }
      potentialOf(sp, sm, xiS);
      if (checkEnergy && Es > E0 + ENERGY_RTOL * Math.max(Escale0, EscaleS)) {
        if (attempt < MAX_HALVINGS) {
          rejectedEnergy++;
          dt *= 0.5;
          continue;
        }
        energyWarnings++;
      }
      break;
    }
    // accept
    let tmp = rp;
    rp = sp;
    sp = tmp;
    tmp = rm;
    rm = sm;
    sm = tmp;
    tmp = xi0;
    xi0 = xiS;
    xiS = tmp;
    E0 = Es;
    Escale0 = EscaleS;
    t += dt;
    steps++;
    lastDt = dt;
    return dt;
  }

  function advanceTo(time: number): number {
    let n = 0;
    while (t < time) {
      const rem = time - t;
      const dt = step(rem);
      n++;
      if (dt >= rem) {
        t = time;
        break;
      }
      if (dt === 0) break;
    }
    return n;
  }

  function coefficients(K: number, which: 'kappa' | 'plus' | 'minus' = 'kappa'): FourierBlock {
    if (which === 'plus') return cellAverageCoefficients(N, rp, K, plan);
    if (which === 'minus') return cellAverageCoefficients(N, rm, K, plan);
    const k = new Float64Array(NN);
    for (let q = 0; q < NN; q++) k[q] = rp[q] - rm[q];
    return cellAverageCoefficients(N, k, K, plan);
  }

  setFieldInternal(field);

  return {
    N,
    geometry,
    core,
    delta,
    label: deltaLabel(opts.delta, N),
    get t() {
      return t;
    },
    get rhoPlus() {
      return rp;
    },
    get rhoMinus() {
      return rm;
    },
    get potential() {
      ensurePotential();
      return xi0;
    },
    get steps() {
      return steps;
    },
    get rejected() {
      return rejectedEnergy + rejectedPositivity;
    },
    get rejectedEnergy() {
      return rejectedEnergy;
    },
    get rejectedPositivity() {
      return rejectedPositivity;
    },
    get energyWarnings() {
      return energyWarnings;
    },
    get lastDt() {
      return lastDt;
    },
    step,
    advanceTo,
    energy() {
      ensurePotential();
      return E0;
    },
    masses() {
      let a = 0;
      let b = 0;
      for (let q = 0; q < NN; q++) {
        a += rp[q];
        b += rm[q];
      }
      return [a * h2, b * h2];
    },
    minRho() {
      let mn = Number.POSITIVE_INFINITY;
      for (let q = 0; q < NN; q++) {
        if (rp[q] < mn) mn = rp[q];
        if (rm[q] < mn) mn = rm[q];
      }
      return mn;
    },
    entropy() {
      let s = 0;
      for (let q = 0; q < NN; q++) {
        const a = rp[q];
        const b = rm[q];
        if (a > 0) s += a * Math.log(a);
        if (b > 0) s += b * Math.log(b);
      }
      return s * h2;
    },
    rhs(outPlus: Float64Array, outMinus: Float64Array) {
      ensurePotential();
      rates(rp, rm, xi0, outPlus, outMinus);
    },
    coefficients,
    kappaHat: (K: number) => coefficients(K, 'kappa'),
    setDensities(p: ArrayLike<number>, m: ArrayLike<number>, t1?: number) {
      if (p.length !== NN || m.length !== NN) throw new Error('setDensities: length must be N²');
      rp.set(p);
      rm.set(m);
      if (t1 !== undefined) t = t1;
      xiValid = false;
    },
    setField(f: ExternalField) {
      setFieldInternal(f);
      xiValid = false;
    },
  };
}
