import { coreMultiplier, kernelMultiplier } from '../kernels/multipliers';
import type { PairKernel } from '../kernels/pairKernel';
import type { Geometry } from '../types';
import { sampleFarCoefficients } from './farSample';
import { bareProfile, coreProfile, type Profile, screenProfile, zeroProfile } from './profiles';
import { EsSwitch } from './switch';
import { buildTable, type PiecewiseTable } from './table';
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
  readonly gradTable: PiecewiseTable;
  readonly valueTable: PiecewiseTable;
  /** near(0). */
  readonly nearSelf: number;
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

/** The Ewald near profile P_δ − P_scr. */
function nearProfile(
  geometry: Geometry,
  core: PairKernel['spec']['core'],
  delta: number,
  sigma: number,
  tau: number,
): (q: number, out: Profile) => void {
  const pd = coreProfile(geometry, core, delta);
  const ps = screenProfile(geometry, sigma, tau);
  const s = zeroProfile();
  return (q, out) => {
    pd(q, out);
    ps(q, s);
    out.f -= s.f;
    out.beta -= s.beta;
    out.a -= s.a;
    out.b -= s.b;
    out.c -= s.c;
  };
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
  sigma: number;
  tau: number;
  r2: number;
  seconds: number;
  /** Switch of the switched split (plummer/poisson). */
  switchR1?: number;
  switchR2?: number;
  switchBeta?: number;
}

/** Tuning of the switched split: switch starts at R1·σ, its band edge at BAND·K. */
const SWITCH = { R1: 0.5, BAND: 0.8 };

/**
 * Measured CPU costs (node 20, one thread of the 2-core reference machine under load; only their
 * ratios matter for the choice of M). Per pair inside r₂, including the ~1 other pair tested
 * (cells of side r₂/2): the δ closed forms dominate for slip (plummer needs log1p twice).
 */
const PAIR_NS: Record<Geometry, Record<PairKernel['spec']['core'], number>> = {
  isotropic: { gaussian: 25, plummer: 27, poisson: 28 },
  slip: { gaussian: 35, plummer: 110, poisson: 55 },
};
const COST = {
  /** A pair tested in the all-pairs fallback (no cells: 9 period shifts per pair). */
  pairTestNs: 10,
  /** Window weights, spreading and gathering, per particle (w = 12). */
  particleNs: 1000,
  /** The FFT convolution, per M²·log₂M. */
  fftNs: 2.0,
  /** Padding, folding and filling the grids, per M². */
  gridNs: 9,
};

function predictSeconds(
  n: number,
  geometry: Geometry,
  core: PairKernel['spec']['core'],
  M: number,
  w: number,
  r2: number,
  clustering: number,
): number {
  let ns = 0;
  if (r2 > 0) {
    const inside = Math.min((n * n) / 2, (clustering * PI * r2 * r2 * n * n) / 2);
    ns += inside * PAIR_NS[geometry][core];
    if (Math.floor(1 / r2) < 3) ns += 4.5 * n * n * COST.pairTestNs;
  }
  ns += (n * COST.particleNs * (w * w)) / 144;
  ns += M * M * (COST.fftNs * Math.log2(M) + COST.gridNs);
  return ns * 1e-9;
}

function design(kernel: PairKernel, n: number, M: number, eps: number, clustering: number): Design | null {
  const { geometry, core, delta } = kernel.spec;
  const K = M / 4;
  const w = Math.min(16, Math.max(6, Math.ceil(Math.log10(1 / eps)) + 2));
  const gaussian = core === 'gaussian';
  // δ alone band-limits V_δ below ε at K: no near part.
  const own = coreMultiplier(core, delta, K * K) * (geometry === 'slip' ? 2 : 1);
  if (own <= eps) {
    return {
      split: 'far-only',
      M,
      K,
      w,
      sigma: 0,
      tau: 0,
      r2: 0,
      seconds: predictSeconds(n, geometry, core, M, w, 0, clustering),
    };
  }
  if (!gaussian) return designSwitched(kernel, n, M, K, w, eps, clustering);
  const sigma = chooseSigma(geometry, delta, K, eps);
  if (sigma <= delta)
    return {
      split: 'far-only',
      M,
      K,
      w,
      sigma: 0,
      tau: 0,
      r2: 0,
      seconds: predictSeconds(n, geometry, core, M, w, 0, clustering),
    };
  const tau = Math.sqrt(sigma * sigma - delta * delta);
  const r2 = cutoffRadius(nearProfile(geometry, core, delta, sigma, tau), eps);
  if (!(r2 < 0.45)) return null;
  return {
    split: 'ewald',
    M,
    K,
    w,
    sigma,
    tau,
    r2,
    seconds: predictSeconds(n, geometry, core, M, w, r2, clustering),
  };
}

/**
 * plummer/poisson: screen of width σ = τ on the bare kernel, h_s = P₀ − P_scr (gaussian decay,
 * cut at r_s), plus the core correction h_t = P_δ − P₀ switched off by χ between r₁ = R1·σ and
 * r₂ = r₁ + β_χ/(π·BAND·K), β_χ = ln(A/ε) with A the size of h_t at r₁.
 */
function designSwitched(
  kernel: PairKernel,
  n: number,
  M: number,
  K: number,
  w: number,
  eps: number,
  clustering: number,
): Design | null {
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
  const r2 = Math.max(rs, sw2);
  if (!(r2 < 0.45)) return null;
  return {
    split: 'switched',
    M,
    K,
    w,
    sigma,
    tau: sigma,
    r2,
    seconds: predictSeconds(n, geometry, core, M, w, r2, clustering),
    switchR1: r1,
    switchR2: sw2,
    switchBeta: beta,
  };
}

const EMPTY_TABLE: PiecewiseTable = {
  qMax: 1,
  intervals: 1,
  functions: 1,
  invH: 1,
  coef: new Float64Array(8),
};

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
  return materialise(kernel, d, options.tolerance ?? 1e-10, n, clustering);
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

function materialise(kernel: PairKernel, d: Design, eps: number, n: number, clustering: number): Plan {
  const { geometry, core, delta } = kernel.spec;
  const { M, K, w } = d;
  const window = esWindow(w, M, K);
  const fhat = new Float64Array((K + 1) * M);
  let gradTable = EMPTY_TABLE;
  let valueTable = EMPTY_TABLE;
  let nearSelf = 0;
  let farTail = 0;
  const slip = geometry === 'slip';
  if (d.split !== 'switched')
    // closed-form far̂: V̂·m_δ (far-only) or V̂·m_σ·L (Ewald); at k = 0, −∫near = −πτ² for the
    // isotropic Ewald near part, 0 for the slip one (its Laguerre screen integrates to zero).
    for (let k1 = 0; k1 <= K; k1++)
      for (let k2 = -K; k2 <= K; k2++) {
        const kk = k1 * k1 + k2 * k2;
        let v = 0;
        if (kk === 0) v = d.split === 'ewald' && !slip ? -PI * d.tau * d.tau : 0;
        else if (d.split === 'far-only')
          v = kernelMultiplier(geometry, k1, k2) * coreMultiplier(core, delta, kk);
        else {
          const L = slip ? 1 + 2 * PI * PI * d.tau * d.tau * kk : 1;
          v = kernelMultiplier(geometry, k1, k2) * Math.exp(-2 * PI * PI * d.sigma * d.sigma * kk) * L;
        }
        fhat[k1 * M + ((k2 + M) % M)] = v;
      }
  if (d.split === 'switched') {
    const sw = new EsSwitch(d.switchR1!, d.switchR2!, d.switchBeta!);
    const ps = screenProfile(geometry, d.sigma, d.tau);
    const pd = coreProfile(geometry, core, delta);
    const bare = bareProfile(geometry);
    const s = zeroProfile();
    const t = zeroProfile();
    const b = zeroProfile();
    // h_t = P_δ − P₀ into t (q > 0)
    const tail = (q: number) => {
      pd(q, t);
      bare(q, b);
      t.f -= b.f;
      t.beta -= b.beta;
      t.a -= b.a;
      t.b -= b.b;
      t.c -= b.c;
    };
    const qMax = d.r2 * d.r2 * (1 + 1e-9);
    const intervals = 1024;
    // T = near − P_δ = −P_scr − χ·h_t (with the χ' terms in the gradient coefficients)
    gradTable = buildTable(qMax, intervals, slip ? 3 : 1, (q, out) => {
      ps(q, s);
      const r = Math.sqrt(q);
      const chi = sw.value(r);
      const dchi = sw.derivative(r) / (2 * r); // dχ/dq
      let ta = -s.a;
      let tb = -s.b;
      let tc = -s.c;
      if (chi !== 0 || dchi !== 0) {
        tail(q);
        ta -= chi * t.a + 2 * dchi * t.f;
        tb -= chi * t.b + 2 * dchi * t.beta;
        tc -= chi * t.c;
      }
      out[0] = ta;
      if (slip) {
        out[1] = tb;
        out[2] = tc;
      }
    });
    valueTable = buildTable(qMax, intervals, slip ? 2 : 1, (q, out) => {
      ps(q, s);
      const chi = sw.value(Math.sqrt(q));
      let tf = -s.f;
      let tbeta = -s.beta;
      if (chi !== 0) {
        tail(q);
        tf -= chi * t.f;
        tbeta -= chi * t.beta;
      }
      out[0] = tf;
      if (slip) out[1] = tbeta;
    });
    pd(0, t);
    ps(0, s);
    nearSelf = t.f - s.f;
    // far − R on the near support: P_scr + χ·h_t; outside: P_δ
    const sampled = sampleFarCoefficients(
      kernel,
      M,
      K,
      d.r2,
      (x, y, q) => {
        ps(q, s);
        let v = s.f + s.beta * (x * x - y * y);
        const chi = sw.value(Math.sqrt(q));
        if (chi !== 0) {
          tail(q);
          v += chi * (t.f + t.beta * (x * x - y * y));
        }
        return v;
      },
      (x, y, q) => {
        pd(q, t);
        return t.f + t.beta * (x * x - y * y);
      },
    );
    fhat.set(sampled.fhat);
    farTail = sampled.tail;
  }
  if (d.split === 'ewald') {
    // T = near − P_δ = −P_scr
    const ps = screenProfile(geometry, d.sigma, d.tau);
    const p = zeroProfile();
    const qMax = d.r2 * d.r2 * (1 + 1e-9);
    const intervals = 512;
    gradTable = buildTable(qMax, intervals, slip ? 3 : 1, (q, out) => {
      ps(q, p);
      out[0] = -p.a;
      if (slip) {
        out[1] = -p.b;
        out[2] = -p.c;
      }
    });
    valueTable = buildTable(qMax, intervals, slip ? 2 : 1, (q, out) => {
      ps(q, p);
      out[0] = -p.f;
      if (slip) out[1] = -p.beta;
    });
    const pd = coreProfile(geometry, core, delta);
    pd(0, p);
    const f0 = p.f;
    ps(0, p);
    nearSelf = f0 - p.f;
  }
  return {
    tolerance: eps,
    split: d.split,
    M,
    K,
    window,
    fhat,
    sigma: d.sigma,
    tau: d.tau,
    r2: d.r2,
    gradTable,
    valueTable,
    nearSelf,
    predictedSeconds: d.seconds,
    uniformPairs: d.r2 > 0 ? Math.min((n * n) / 2, (PI * d.r2 * d.r2 * n * n) / 2) : 0,
    clustering,
    farTail,
    switchRadii: d.split === 'switched' ? [d.switchR1!, d.switchR2!, d.switchBeta!] : null,
  };
}
