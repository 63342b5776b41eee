import { CORES } from '../kernels/cores';
import { coreMultiplier } from '../kernels/multipliers';
import type { PairKernel } from '../kernels/pairKernel';
import type { Geometry } from '../types';
import { cellGeometry } from './cells';
import { predictSeconds } from './costModel';
import { farCoefficients } from './farCoefficients';
import type { NearConfig } from './nearField';
import { coreTableIntervals, type NearDesign, nearConfig, nearProfile } from './nearTables';
import { bareProfile, coreProfile, type Profile, screenProfile, zeroProfile } from './profiles';
import { esWindow, type SpreadWindow } from './window';

export interface FastSumOptions {
  /**
   * Target relative accuracy of each neglected piece (far-field truncation, NUFFT window, near
   * cut-off); the observed error against the direct sum is ~10–100× this. Default 1e-10.
   */
  tolerance?: number;
  /** Force the NUFFT grid size M (a power of two); for tests and benchmarks. */
  grid?: number;
  /**
   * Re-plan when the configuration turns out clustered (near pairs ≠ the uniform estimate by a
   * factor > 1.5), at most every 10 evaluations. Default true; ignored when `grid` is given.
   */
  adaptive?: boolean;
}

/**
 * The splitting V_δ = near + far and the NUFFT parameters.
 *
 * Screen: P_scr, the R² kernel whose multiplier is V̂·m_σ·L (profiles.ts): a gaussian of width σ
 * for `isotropic` (L = 1), a Laguerre–Gaussian for `slip` (L = 1 + 2π²τ²|k|²), without which the
 * slip near part would decay only like τ²cos 2θ/r² instead of like a gaussian.
 * - gaussian core ('ewald', the classical Ewald split): σ² = δ² + τ², near = P_δ − P_scr exactly
 *   (m_δ·m_τ = m_σ), far̂ = V̂·m_σ·L in closed form. No switch, both parts exact.
 * - plummer/poisson ('switched'): near = P_δ − P_scr − χ·(P_δ − P₀) with σ = τ, P₀ the bare
 *   kernel and χ a smooth switch (0 inside r₁, 1 beyond its end; switch.ts). P_δ − P₀ has
 *   algebraic tails (−δ/r, −δ²/2r², and the slip analogues) that no analytic screen removes: they
 *   are switched off smoothly and left to the far field, whose coefficients are then obtained by
 *   sampling far = V_δ − near on the grid (farSample.ts). The switch's band edge sits at 0.8·K,
 *   its sharpness β_χ = ln(A/ε) from the size A of P_δ − P₀ where it starts (r₁ = σ/2).
 * - 'far-only': δ so large that m_δ itself is below ε at K: no near part, far̂ = V̂·m_δ.
 * Grid: upsampling 2 (K = M/4); ES window of w = ⌈log₁₀(1/ε)⌉ + 2 points (12 by default) with
 * β = 2.8w (window.ts); σ the smallest width with m_σ(K)·L(K) ≤ ε; r₂ the radius beyond which
 * every component of the near profile is below ε relative to the bare kernel. M is chosen among
 * powers of two with r₂ < 0.45 by a measured cost model (near pairs against grid work).
 */
export interface Plan {
  readonly tolerance: number;
  readonly split: 'ewald' | 'switched' | 'far-only';
  readonly M: number;
  readonly K: number;
  readonly window: SpreadWindow;
  /** F̂_k for k₁ = 0..K, |k₂| ≤ K: fhat[k₁·M + (k₂ mod M)]. */
  readonly fhat: Float64Array;
  readonly sigma: number;
  readonly tau: number;
  /** Near cut-off radius (0: no near part). */
  readonly r2: number;
  /** The near field's tables, constants and cells (null: no near part). */
  readonly near: NearConfig | null;
  /** Predicted seconds per gradient evaluation (cost model). */
  readonly predictedSeconds: number;
  /** Near pairs expected per evaluation for uniformly spread particles (π r₂² n²/2). */
  readonly uniformPairs: number;
  /** Clustering factor assumed: near pairs / uniformPairs (1 for a uniform configuration). */
  readonly clustering: number;
  /** Sampled splits: max |F̂_k|·2π|k|² outside the kept square (0 when far̂ is exact). */
  readonly farTail: number;
  /** Switched split: [r₁, r₂, β] of the switch. */
  readonly switchRadii: readonly [number, number, number] | null;
}

const PI = Math.PI;

/** Screen multiplier m_σ(k)·L(k) at |k| = K (the relative size of far̂ there), for choosing σ. */
function screenTail(geometry: Geometry, sigma: number, tau: number, K: number): number {
  const g = Math.exp(-2 * PI * PI * sigma * sigma * K * K);
  return geometry === 'slip' ? g * (1 + 2 * PI * PI * tau * tau * K * K) : g;
}

/** Smallest σ with screenTail ≤ ε, τ² = σ² − δ₀² (δ₀ = δ for the gaussian core, else 0). */
function chooseSigma(geometry: Geometry, delta0: number, K: number, eps: number): number {
  let lo = 0;
  let hi = Math.sqrt(Math.log(1 / eps) / (2 * PI * PI)) / K;
  const tauOf = (s: number) => Math.sqrt(Math.max(0, s * s - delta0 * delta0));
  while (screenTail(geometry, hi, tauOf(hi), K) > eps) hi *= 1.1;
  for (let it = 0; it < 60; it++) {
    const mid = 0.5 * (lo + hi);
    if (screenTail(geometry, mid, tauOf(mid), K) > eps) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Smallest r (scanning down from ½) beyond which every component of the profile is ≤ ε. */
function cutoffRadius(profile: (q: number, out: Profile) => void, eps: number): number {
  const p = zeroProfile();
  let r = 0.5;
  let last = 0.5;
  while (r > 1e-6) {
    const q = r * r;
    profile(q, p);
    const worst = Math.max(
      Math.abs(p.f),
      Math.abs(p.beta) * q,
      Math.abs(p.a) * q,
      Math.abs(p.c) * q,
      Math.abs(p.b) * q * q,
    );
    if (worst > eps) return last;
    last = r;
    r *= 0.995;
  }
  return last;
}

interface Design {
  split: Plan['split'];
  M: number;
  K: number;
  w: number;
  /** The near part (absent for far-only). */
  near: NearDesign | null;
  seconds: number;
}

/** Tuning of the switched split: switch starts at R1·σ, its band edge at BAND·K. */
const SWITCH = { R1: 0.5, BAND: 0.8 };

function design(kernel: PairKernel, n: number, M: number, eps: number, clustering: number): Design | null {
  const { geometry, core, delta } = kernel.spec;
  const K = M / 4;
  const w = Math.min(16, Math.max(6, Math.ceil(Math.log10(1 / eps)) + 2));
  const cost = (near: NearDesign | null) =>
    predictSeconds({
      n,
      geometry,
      core,
      M,
      w,
      r2: near?.r2 ?? 0,
      clustering,
      tabulatedCore: near ? coreTableIntervals(geometry, core, delta, near.r2) > 0 : false,
    });
  const farOnly = (): Design => ({ split: 'far-only', M, K, w, near: null, seconds: cost(null) });
  // δ alone band-limits V_δ below ε at K: no near part.
  const own = coreMultiplier(core, delta, K * K) * (geometry === 'slip' ? 2 : 1);
  if (own <= eps) return farOnly();
  const near = CORES[core].gaussianMultiplier ? ewaldNear(kernel, K, eps) : switchedNear(kernel, K, eps);
  if (near === 'far-only') return farOnly();
  if (!(near.r2 < 0.45)) return null;
  return { split: near.split, M, K, w, near, seconds: cost(near) };
}

/** Gaussian core: σ² = δ² + τ², near = P_δ − P_scr exactly (m_δ·m_τ = m_σ). */
function ewaldNear(kernel: PairKernel, K: number, eps: number): NearDesign | 'far-only' {
  const { geometry, core, delta } = kernel.spec;
  const sigma = chooseSigma(geometry, delta, K, eps);
  if (sigma <= delta) return 'far-only';
  const tau = Math.sqrt(sigma * sigma - delta * delta);
  const d = { split: 'ewald' as const, sigma, tau, r2: 0 };
  return { ...d, r2: cutoffRadius(nearProfile(geometry, core, delta, d), eps) };
}

/**
 * plummer/poisson: screen of width σ = τ on the bare kernel, h_s = P₀ − P_scr (gaussian decay,
 * cut at r_s), plus the core correction h_t = P_δ − P₀ switched off by χ between r₁ = R1·σ and
 * r₂ = r₁ + β_χ/(π·BAND·K), β_χ = ln(A/ε) with A the size of h_t at r₁.
 */
function switchedNear(kernel: PairKernel, K: number, eps: number): NearDesign {
  const { geometry, core, delta } = kernel.spec;
  const sigma = chooseSigma(geometry, 0, K, eps);
  const screen = screenProfile(geometry, sigma, sigma);
  const bare = bareProfile(geometry);
  const pb = zeroProfile();
  const rs = cutoffRadius((q, out) => {
    bare(q, pb);
    screen(q, out);
    out.f = pb.f - out.f;
    out.beta = pb.beta - out.beta;
    out.a = pb.a - out.a;
    out.b = pb.b - out.b;
    out.c = pb.c - out.c;
  }, eps);
  const r1 = SWITCH.R1 * sigma;
  const pd = coreProfile(geometry, core, delta);
  const pt = zeroProfile();
  pd(r1 * r1, pt);
  bare(r1 * r1, pb);
  const amp = Math.max(Math.abs(pt.f - pb.f), Math.abs(pt.beta - pb.beta) * r1 * r1, 1e-300);
  const beta = Math.max(2, Math.log(amp / eps));
  const sw2 = r1 + beta / (PI * SWITCH.BAND * K);
  return {
    split: 'switched',
    sigma,
    tau: sigma,
    r2: Math.max(rs, sw2),
    switchRadii: [r1, sw2, beta],
  };
}

/** The cheapest admissible design (cost model), not yet materialised. */
function bestDesign(kernel: PairKernel, n: number, options: FastSumOptions, clustering: number): Design {
  const eps = options.tolerance ?? 1e-10;
  const sizes = options.grid ? [options.grid] : [32, 64, 128, 256, 512, 1024, 2048, 4096];
  let best: Design | null = null;
  for (const M of sizes) {
    const d = design(kernel, n, M, eps, clustering);
    if (d && (!best || d.seconds < best.seconds)) best = d;
  }
  if (!best) throw new Error('fast sum: no admissible grid');
  return best;
}

export function buildPlan(kernel: PairKernel, n: number, options: FastSumOptions, clustering = 1): Plan {
  const d = bestDesign(kernel, n, options, clustering);
  const { geometry, core, delta } = kernel.spec;
  const { fhat, tail } = farCoefficients(kernel, d.split, d.M, d.K, d.near);
  const r2 = d.near?.r2 ?? 0;
  return {
    tolerance: options.tolerance ?? 1e-10,
    split: d.split,
    M: d.M,
    K: d.K,
    window: esWindow(d.w, d.M, d.K),
    fhat,
    sigma: d.near?.sigma ?? 0,
    tau: d.near?.tau ?? 0,
    r2,
    near: d.near ? nearConfig(geometry, core, delta, d.near, cellGeometry(r2, n)) : null,
    predictedSeconds: d.seconds,
    uniformPairs: r2 > 0 ? Math.min((n * n) / 2, (PI * r2 * r2 * n * n) / 2) : 0,
    clustering,
    farTail: tail,
    switchRadii: d.near?.switchRadii ?? null,
  };
}

/** The grid size the cost model would pick for this clustering (cheap: no tables, no FFTs). */
export function preferredGrid(
  kernel: PairKernel,
  n: number,
  options: FastSumOptions,
  clustering: number,
): number {
  return bestDesign(kernel, n, options, clustering).M;
}
