import { coreMultiplier, kernelMultiplier } from '../kernels/multipliers';
import type { PeriodicKernel } from '../kernels/periodicKernel';
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
}

/**
 * The splitting V_δ = near + far and the NUFFT parameters.
 *
 * Screen: P_scr with multiplier V̂·m_σ·L (profiles.ts: gaussian for `isotropic`, Laguerre–Gaussian
 * for `slip`, whose near part then decays like a gaussian instead of like cos 2θ/r²).
 * - gaussian core (classical Ewald): σ² = δ² + τ², near = P_δ − P_scr exactly, far̂ = V̂·m_σ·L
 *   in closed form (m_δ·m_τ = m_σ). No switching function, both parts exact.
 * - plummer/poisson: near = P_δ − P_scr − χ·(P_δ − P₀) with σ = τ and χ = 1 − ψ a smooth switch
 *   (0 inside r₁, 1 beyond r₂): P_δ − P₀ has algebraic tails (−δ/r, −δ²/2r²) that no analytic
 *   screen removes, so they are switched off smoothly and left to the far field, whose
 *   coefficients are then computed by sampling far = V_δ − near on the grid (farSample.ts).
 * - δ large enough that m_δ itself is below tolerance at the cut-off K: no near part at all,
 *   far̂ = V̂·m_δ.
 * Grid: upsampling 2 (K = M/4), ES window of w = ⌈log₁₀(1/ε)⌉ + 1 points; σ is the smallest
 * width with m_σ(K)·L(K) ≤ ε; r₂ the radius beyond which the near profile is below ε (relative to
 * the unscreened kernel). M is chosen by a measured cost model among powers of two with r₂ < ½.
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

/** Near-part profile: near = P_δ − P_scr − χ(P_δ − P₀) (χ ≡ 0 for the Ewald split). */
export interface NearSpec {
  geometry: Geometry;
  delta: Profile;
  evalDelta: (q: number, out: Profile) => void;
  evalScreen: (q: number, out: Profile) => void;
}

function nearProfile(
  geometry: Geometry,
  core: PeriodicKernel['spec']['core'],
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
// biome-ignore lint/suspicious/noExplicitAny: temporary tuning hook
const env = (globalThis as any).process?.env;
if (env?.FS_R1) SWITCH.R1 = +env.FS_R1;
if (env?.FS_BAND) SWITCH.BAND = +env.FS_BAND;

/** Measured costs on the reference machine (node 20, one thread). */
const COST = {
  pairTest: 2.5e-9,
  pairIso: 14e-9,
  pairSlip: 30e-9,
  spreadPoint: 2.5e-9,
  fftPoint: 2.0e-9,
};

function predictSeconds(n: number, geometry: Geometry, M: number, K: number, w: number, r2: number): number {
  let t = 0;
  if (r2 > 0) {
    const c = Math.floor(1 / r2);
    const side = c >= 3 ? 1 / c : 1;
    const tested = c >= 3 ? 4.5 * side * side * n * n : (n * n) / 2;
    const inside = Math.min(tested, (PI * r2 * r2 * n * n) / 2);
    t += tested * COST.pairTest + inside * (geometry === 'slip' ? COST.pairSlip : COST.pairIso);
  }
  if (M > 0) {
    t += 3 * n * w * w * COST.spreadPoint;
    t += (M + 2 * K + 2) * M * Math.log2(M) * COST.fftPoint + 4 * M * M * 1e-9;
  }
  return t;
}

function design(kernel: PeriodicKernel, n: number, M: number, eps: number): Design | null {
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
      seconds: predictSeconds(n, geometry, M, K, w, 0),
    };
  }
  if (!gaussian) return designSwitched(kernel, n, M, K, w, eps);
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
      seconds: predictSeconds(n, geometry, M, K, w, 0),
    };
  const tau = Math.sqrt(sigma * sigma - delta * delta);
  const r2 = cutoffRadius(nearProfile(geometry, core, delta, sigma, tau), eps);
  if (!(r2 < 0.45)) return null;
  return { split: 'ewald', M, K, w, sigma, tau, r2, seconds: predictSeconds(n, geometry, M, K, w, r2) };
}

/**
 * plummer/poisson: screen of width σ = τ on the bare kernel, h_s = P₀ − P_scr (gaussian decay,
 * cut at r_s), plus the core correction h_t = P_δ − P₀ switched off by χ between r₁ = R1·σ and
 * r₂ = r₁ + β_χ/(π·BAND·K), β_χ = ln(A/ε) with A the size of h_t at r₁.
 */
function designSwitched(
  kernel: PeriodicKernel,
  n: number,
  M: number,
  K: number,
  w: number,
  eps: number,
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
    seconds: predictSeconds(n, geometry, M, K, w, r2),
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

export function buildPlan(kernel: PeriodicKernel, n: number, options: FastSumOptions): Plan {
  const eps = options.tolerance ?? 1e-10;
  const sizes = options.grid ? [options.grid] : [16, 32, 64, 128, 256, 512, 1024, 2048, 4096];
  let best: Design | null = null;
  for (const M of sizes) {
    const d = design(kernel, n, M, eps);
    if (d && (!best || d.seconds < best.seconds)) best = d;
  }
  if (!best) throw new Error('fast sum: no admissible grid');
  return materialise(kernel, best, eps);
}

function materialise(kernel: PeriodicKernel, d: Design, eps: number): Plan {
  const { geometry, core, delta } = kernel.spec;
  const { M, K, w } = d;
  const window = esWindow(w, M, K);
  const fhat = new Float64Array((K + 1) * M);
  let gradTable = EMPTY_TABLE;
  let valueTable = EMPTY_TABLE;
  let nearSelf = 0;
  let farTail = 0;
  const slip = geometry === 'slip';
  const effSigma = d.split === 'far-only' ? 0 : d.sigma;
  for (let k1 = 0; k1 <= K; k1++)
    for (let k2 = -K; k2 <= K; k2++) {
      const kk = k1 * k1 + k2 * k2;
      let v = 0;
      if (d.split === 'switched') continue;
      if (kk === 0) v = d.split === 'ewald' && !slip ? -PI * d.tau * d.tau : 0;
      else if (d.split === 'far-only')
        v = kernelMultiplier(geometry, k1, k2) * coreMultiplier(core, delta, kk);
      else {
        const L = slip ? 1 + 2 * PI * PI * d.tau * d.tau * kk : 1;
        v = kernelMultiplier(geometry, k1, k2) * Math.exp(-2 * PI * PI * effSigma * effSigma * kk) * L;
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
    farTail,
    switchRadii: d.split === 'switched' ? [d.switchR1!, d.switchR2!, d.switchBeta!] : null,
  };
}
