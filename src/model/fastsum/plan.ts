import { CORES, coreTailBound } from '../kernels/cores';
import type { PairKernel } from '../kernels/pairKernel';
import { cellGeometry } from './cells';
import { predictCost } from './costModel';
import { farCoefficients } from './farCoefficients';
import type { NearConfig } from './nearField';
import { coreTableIntervals, type NearDesign, nearConfig, nearProfile } from './nearTables';
import { bareProfile, coreProfile, type Profile, zeroProfile } from './profiles';
import { CompactScreen, screenShape } from './screen';
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
  /**
   * 2: plan for a helper thread taking a share of the near field (threads.ts), 1: alone.
   * Default: 2 for n ≥ 4000, whether or not a helper is installed: the plan, and so the result,
   * depends on this choice only, never on whether a helper is running (same bits everywhere).
   */
  threads?: 1 | 2;
  /** Force whether a two-thread plan shares the grid stage (default: the cost model's choice); for tests. */
  sharedGrid?: boolean;
}

/**
 * The splitting V_δ = near + far and the NUFFT parameters.
 *
 * Screen: a compactly supported radial charge ρ_T of radius r_s (screen.ts), far̂ = V̂·m_T, so the
 * far field is smooth and band-limited (|m_T| ≤ ε beyond K = κ_ε/r_s) and P_T = P₀ beyond r_s.
 * - gaussian core ('ewald'): near = P_δ − P_T, compact (the screen's second moment is the core's,
 *   which the slip kernel needs); far̂ = V̂·m_T in closed form. No switch, both parts exact.
 * - plummer/poisson ('switched'): near = P_δ − P_T − χ·(P_δ − P₀), P₀ the bare kernel and χ a
 *   smooth switch (0 inside r₁, 1 beyond its end; switch.ts). P_δ − P₀ has algebraic tails
 *   (−δ/r, −δ²/2r², and the slip analogues) that no screen removes: they are switched off
 *   smoothly and left to the far field, whose coefficients are then obtained by sampling
 *   far = V_δ − near on the grid (farSample.ts). The switch's band edge sits at 0.9·K, its
 *   sharpness β_χ = ln(A/ε) from the size A of P_δ − P₀ where it starts.
 * - 'far-only': δ so large that m_δ itself is below ε at K: no near part, far̂ = V̂·m_δ.
 * Grid: upsampling 2 (K = M/4); ES window of w = ⌈log₁₀(1/ε)⌉ + 1 points (11 by default: 12
 * gave no gain in the accuracy tests, errors ≤ 2.6e-9) with β = 2.8w (window.ts); r₂ the radius beyond which every component of the near profile is below
 * ε relative to the bare kernel. M is chosen among
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
  /** Radius of the screening charge (0: far-only). */
  readonly screenRadius: number;
  /** Near cut-off radius (0: no near part). */
  readonly r2: number;
  /** The near field's tables, constants and cells (null: no near part). */
  readonly near: NearConfig | null;
  /** Predicted seconds per gradient evaluation (cost model, wall clock). */
  readonly predictedSeconds: number;
  readonly threads: 1 | 2;
  /** Whether the helper shares the grid stage (a two-thread plan where costModel.ts predicts it faster). */
  readonly sharedGrid: boolean;
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

/** The radii cutoffRadius scans, ½·0.995^k down to 10⁻⁶, in the order and rounding of r *= 0.995. */
function scanRadii(): Float64Array {
  const rs: number[] = [];
  for (let r = 0.5; r > 1e-6; r *= 0.995) rs.push(r);
  return Float64Array.from(rs);
}
const SCAN = scanRadii();

/**
 * Radii per coarse step of cutoffRadius for the gaussian core (0.995^16 ≈ 0.92). The ring core's
 * profile has a corner at r = δ: at δ = 0.1 on a 32-grid its profile exceeds ε = 1e-6 at one
 * radius only, outside the cut-off further in, so it is scanned radius by radius.
 */
export const COARSE_SCAN = 16;

/** Whether some component of the profile at r exceeds ε (p: scratch). */
export function profileExceeds(
  profile: (q: number, out: Profile) => void,
  r: number,
  eps: number,
  p: Profile,
): boolean {
  const q = r * r;
  profile(q, p);
  const worst = Math.max(
    Math.abs(p.f),
    Math.abs(p.beta) * q,
    Math.abs(p.a) * q,
    Math.abs(p.c) * q,
    Math.abs(p.b) * q * q,
  );
  return worst > eps;
}

/**
 * The radius beyond which every component of the profile is ≤ ε, on the scan r_k = ½·0.995^k
 * (down to 10⁻⁶): r_{k−1} for the first k whose profile exceeds ε (½ if r_0 does; the last r_k
 * if none does). The profile is looked at on every COARSE-th radius first, then on those between
 * the last two looked at (coarse = 1: every r_k in turn): the same radius as the scan through
 * every r_k unless the profile rises above ε and falls back within `coarse` radii further out —
 * which the gaussian core's screened profile does not (tested against the full scan over both
 * geometries, δ, grids and tolerances). About a tenth of the profile evaluations, which were most
 * of a cold plan.
 */
export function cutoffRadius(profile: (q: number, out: Profile) => void, eps: number, coarse = 1): number {
  const p = zeroProfile();
  let lo = 0;
  let hi = SCAN.length;
  for (let k = 0; k < SCAN.length; k += coarse) {
    if (profileExceeds(profile, SCAN[k], eps, p)) {
      hi = k;
      break;
    }
    lo = k;
  }
  if (hi === 0) return SCAN[0];
  for (let k = lo + 1; k < hi; k++) if (profileExceeds(profile, SCAN[k], eps, p)) return SCAN[k - 1];
  return hi < SCAN.length ? SCAN[hi - 1] : SCAN[SCAN.length - 1];
}

/** ES window width in grid points for tolerance ε (see Plan). */
function windowWidth(eps: number): number {
  return Math.min(16, Math.max(6, Math.ceil(Math.log10(1 / eps)) + 1));
}

interface Design {
  split: Plan['split'];
  M: number;
  K: number;
  w: number;
  /** The near part (absent for far-only). */
  near: NearDesign | null;
  seconds: number;
  sharedGrid: boolean;
}

/**
 * Tuning of the switched split: switch starts at R1·σ, its band edge at BAND·K. BAND = 0.9 (was
 * 0.8): r₂ 11% smaller, near field −20% at n = 1e4, errors unchanged (5.8e-10, 6.0e-10); at 1.0 the
 * n = 2 test reaches 1.05e-10, at 1.2 the bench error is 9e-7 (poisson).
 */
const SWITCH = { R1: 0.5, BAND: 0.9 };

function design(
  kernel: PairKernel,
  n: number,
  M: number,
  eps: number,
  clustering: number,
  threads: 1 | 2,
): Design | null {
  const { geometry, core, delta } = kernel.spec;
  const K = M / 4;
  const w = windowWidth(eps);
  const cost = (near: NearDesign | null) =>
    predictCost({
      n,
      geometry,
      core,
      M,
      w,
      r2: near?.r2 ?? 0,
      clustering,
      tabulatedCore: near ? coreTableIntervals(geometry, core, delta, near.r2) > 0 : false,
      threads,
    });
  const farOnly = (): Design => ({
    split: 'far-only',
    M,
    K,
    w,
    near: null,
    seconds: cost(null).seconds,
    sharedGrid: cost(null).sharedGrid,
  });
  // δ alone band-limits V_δ below ε at K: no near part.
  const own = coreTailBound(core, delta, K * K) * (geometry === 'slip' ? 2 : 1);
  if (own <= eps) return farOnly();
  const near = CORES[core].secondMoment !== null ? ewaldNear(kernel, K, eps) : switchedNear(kernel, K, eps);
  if (!(near.r2 < 0.45)) return null;
  const c = cost(near);
  return {
    split: near.split,
    M,
    K,
    w,
    near,
    seconds: c.seconds,
    sharedGrid: c.sharedGrid,
  };
}

/**
 * Gaussian core: near = P_δ − P_T, compact because the screen's second moment is the core's
 * (screen.ts); its radius is set by the band edge of the screen at K.
 */
function ewaldNear(kernel: PairKernel, K: number, eps: number): NearDesign {
  const { design, profile } = ewaldNearProfile(kernel, K, eps);
  return { ...design, r2: cutoffRadius(profile, eps, kernel.spec.core === 'gaussian' ? COARSE_SCAN : 1) };
}

/** ewaldNear's design before its cut-off (r2 = 0) and the near profile the cut-off is found on. */
export function ewaldNearProfile(
  kernel: PairKernel,
  K: number,
  eps: number,
): { design: NearDesign; profile: (q: number, out: Profile) => void } {
  const { geometry, core, delta } = kernel.spec;
  const shape = screenShape(geometry, eps);
  let rs = shape.edge / K;
  const m2 = CORES[core].secondMoment! * delta * delta;
  // the slip shape reaches the core's M₂ within its tested band only while M₂ ≤ 2M₂(φ)
  if (geometry === 'slip') rs = Math.max(rs, Math.sqrt(m2 / (2 * shape.m2)));
  const design = { split: 'ewald' as const, screen: new CompactScreen(shape, rs, m2), r2: 0 };
  return { design, profile: nearProfile(geometry, core, delta, design) };
}

/**
 * plummer/poisson: the screen on the bare kernel (M₂ = 0), h_s = P₀ − P_T (zero beyond r_s),
 * plus the core correction h_t = P_δ − P₀ switched off by χ between r₁ = R1·σ_ε/K (σ_ε·K the
 * width of a gaussian of tail ε at K) and r₂ = r₁ + β_χ/(π·BAND·K), β_χ = ln(A/ε) with A the
 * size of h_t at r₁.
 */
function switchedNear(kernel: PairKernel, K: number, eps: number): NearDesign {
  const { geometry, core, delta } = kernel.spec;
  const shape = screenShape(geometry, eps);
  const rs = shape.edge / K;
  const bare = bareProfile(geometry);
  const pb = zeroProfile();
  const r1 = (SWITCH.R1 * Math.sqrt(Math.log(1 / eps) / (2 * PI * PI))) / K;
  const pd = coreProfile(geometry, core, delta);
  const pt = zeroProfile();
  pd(r1 * r1, pt);
  bare(r1 * r1, pb);
  const amp = Math.max(Math.abs(pt.f - pb.f), Math.abs(pt.beta - pb.beta) * r1 * r1, 1e-300);
  const beta = Math.max(2, Math.log(amp / eps));
  const sw2 = r1 + beta / (PI * SWITCH.BAND * K);
  return {
    split: 'switched',
    screen: new CompactScreen(shape, rs, 0),
    r2: Math.max(rs, sw2),
    switchRadii: [r1, sw2, beta],
  };
}

/** predictCost of a design on M without its near part: a lower bound of design(…).seconds. */
function gridCostBound(kernel: PairKernel, n: number, M: number, eps: number, threads: 1 | 2): number {
  const { geometry, core } = kernel.spec;
  const w = windowWidth(eps);
  return predictCost({ n, geometry, core, M, w, r2: 0, clustering: 1, tabulatedCore: false, threads })
    .seconds;
}

/** The cheapest admissible design (cost model), not yet materialised. */
function bestDesign(kernel: PairKernel, n: number, options: FastSumOptions, clustering: number): Design {
  const eps = options.tolerance ?? 1e-10;
  const sizes = options.grid ? [options.grid] : [32, 64, 128, 256, 512, 1024, 2048, 4096];
  let best: Design | null = null;
  for (const M of sizes) {
    // the grid's own cost (near part 0) bounds any design on M from below and grows with M:
    // once it exceeds the best, no larger grid can win (skips their screens and cut-off scans)
    if (best && gridCostBound(kernel, n, M, eps, options.threads ?? 1) >= best.seconds) break;
    const d = design(kernel, n, M, eps, clustering, options.threads ?? 1);
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
  const cells = cellGeometry(r2, n);
  return {
    tolerance: options.tolerance ?? 1e-10,
    split: d.split,
    M: d.M,
    K: d.K,
    window: esWindow(d.w, d.M, d.K),
    fhat,
    screenRadius: d.near?.screen.rs ?? 0,
    r2,
    near: d.near ? nearConfig(geometry, core, delta, d.near, cells) : null,
    predictedSeconds: d.seconds,
    threads: options.threads ?? 1,
    sharedGrid: (options.threads ?? 1) === 2 && (options.sharedGrid ?? d.sharedGrid),
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
