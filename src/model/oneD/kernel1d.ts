/**
 * The periodic pair potential on the circle T¹ = [0,1) (MATH §12): V̂_k = 1/(2|k|) (V = −log|2 sin πx|,
 * the periodic −log|x|) times the core multiplier m_δ(k) of MATH §2 read with |k|² = k².
 *
 * - `poisson` (m_δ = e^{−2πδ|k|}) is summed in closed form: with q = e^{−2πδ},
 *   V_δ(x) = Σ_{k≥1} q^k cos(2πkx)/k = −½ log(1 − 2q cos 2πx + q²), the periodic form of the paper's
 *   1D model potential −½ log(x² + δ²) (MATH §12). Exact for every δ > 0 (the denominator is written
 *   (1 − q)² + 4q sin²πx, which keeps its digits for δ down to the underflow of 1 − q).
 * - `gaussian`, `plummer`: V_δ = (the `poisson` closed form at the same δ) + C_δ, where
 *   C_δ = Σ_{k≥1} (m_δ(k) − q^k) cos(2πkx)/k is smooth and its coefficients decay like q^k. C_δ and its
 *   first four derivatives are tabulated on a uniform grid of M ≥ 64/δ points by one inverse FFT
 *   each, and read by quintic Hermite interpolation (the finest scale is ~δ/2π, so the error is ≈ (2πh/δ)⁶/46080 ≈ 1e-11 relative).
 *   This costs M log M once, so these two cores need δ ≥ MIN_TABLE_DELTA.
 */
import { FftTables, fftColumns } from '../fft1d';
import { coreMultiplier } from '../kernels/multipliers';
import type { CoreModel } from '../types';
import { smallGaussianKernel1d } from './smallCore1d';

/** Smallest δ of the tabulated cores (their table has ≥ 64/δ points); below it gaussian has smallCore1d.ts. */
export const MIN_TABLE_DELTA = 5e-4;

/** Smallest δ a core takes in 1D: poisson (closed form) and gaussian (smallCore1d.ts) any δ ≥ 1e-12. */
export function minDelta1d(core: CoreModel): number {
  return core === 'poisson' || core === 'gaussian' ? 0 : MIN_TABLE_DELTA;
}

const TWO_PI = 2 * Math.PI;

/** V̂_k·m_δ(k) on T¹ (k ≠ 0; 0 at k = 0): the definition of the 1D interaction. */
export function multiplier1d(core: CoreModel, delta: number, k: number): number {
  if (k === 0) return 0;
  return coreMultiplier(core, delta, k * k) / (2 * Math.abs(k));
}

/** V_δ and its first two derivatives at one displacement (any real: reduced mod 1 inside). */
export interface Kernel1d {
  readonly core: CoreModel;
  readonly delta: number;
  value(x: number): number;
  derivative(x: number): number;
  second(x: number): number;
  /** V_δ(0), the diagonal term of E_n. */
  readonly selfValue: number;
  /** λ_δ = max |V_δ''| (at 0 for the three cores). */
  readonly lambda: number;
}

/** The `poisson` closed form (exact), for any δ > 0. */
export class PoissonKernel1d {
  readonly q: number;
  /** (1 − q)², computed from expm1 (keeps its digits when δ is tiny). */
  readonly a2: number;
  constructor(readonly delta: number) {
    this.q = Math.exp(-TWO_PI * delta);
    const a = -Math.expm1(-TWO_PI * delta);
    this.a2 = a * a;
  }
  private den(x: number): number {
    const s = Math.sin(Math.PI * x);
    return this.a2 + 4 * this.q * s * s;
  }
  value(x: number): number {
    return -0.5 * Math.log(this.den(x));
  }
  derivative(x: number): number {
    return (-TWO_PI * this.q * Math.sin(TWO_PI * x)) / this.den(x);
  }
  second(x: number): number {
    const D = this.den(x);
    const s2 = Math.sin(TWO_PI * x);
    return (-4 * Math.PI * Math.PI * this.q * (Math.cos(TWO_PI * x) * D - 2 * this.q * s2 * s2)) / (D * D);
  }
}

/** C_δ = V_δ − (poisson closed form) and its derivatives 0..4 on a uniform grid (natural order). */
function correctionTables(core: CoreModel, delta: number): { M: number; tables: Float64Array[] } {
  let M = 64;
  while (M < 64 / delta) M *= 2;
  const q = Math.exp(-TWO_PI * delta);
  const fft = new FftTables(M);
  const tables: Float64Array[] = [];
  for (let order = 0; order <= 4; order++) {
    const re = new Float64Array(M);
    const im = new Float64Array(M);
    // Σ_{k≥1} d_k/k · (2πk)^order · cos^{(order)}(2πkx): the coefficient of e^{2πikx} for ±k.
    for (let k = 1; k < M / 2; k++) {
      const d = coreMultiplier(core, delta, k * k) - q ** k;
      if (d === 0) continue;
      const c = 0.5 * (d / k) * (TWO_PI * k) ** order;
      // i^order·c at +k and (−i)^order·c at −k
      const r = order % 4;
      const pr = r === 0 ? c : r === 2 ? -c : 0;
      const pi = r === 1 ? c : r === 3 ? -c : 0;
      re[fft.rev[k]] = pr;
      im[fft.rev[k]] = pi;
      re[fft.rev[M - k]] = pr;
      im[fft.rev[M - k]] = -pi;
    }
    fftColumns(false, re, im, 1, fft);
    tables.push(re);
  }
  return { M, tables };
}

/** Quintic Hermite interpolation of a periodic function from f, f', f'' on a uniform grid of M. */
function hermite5(f: Float64Array, f1: Float64Array, f2: Float64Array, M: number, x: number): number {
  let u = (x - Math.floor(x)) * M;
  let i = Math.floor(u);
  if (i >= M) i = M - 1;
  u -= i;
  const j = i + 1 === M ? 0 : i + 1;
  const h = 1 / M;
  const t = u;
  const t2 = t * t;
  const t3 = t2 * t;
  const t4 = t3 * t;
  const t5 = t4 * t;
  const h00 = 1 - 10 * t3 + 15 * t4 - 6 * t5;
  const h01 = 10 * t3 - 15 * t4 + 6 * t5;
  const h10 = t - 6 * t3 + 8 * t4 - 3 * t5;
  const h11 = -4 * t3 + 7 * t4 - 3 * t5;
  const h20 = 0.5 * (t2 - 3 * t3 + 3 * t4 - t5);
  const h21 = 0.5 * (t3 - 2 * t4 + t5);
  return f[i] * h00 + f[j] * h01 + h * (f1[i] * h10 + f1[j] * h11) + h * h * (f2[i] * h20 + f2[j] * h21);
}

/**
 * The last correction tables built: the app's workers rebuild the system on every U, F or
 * tolerance edit with the same (core, δ), and one build takes 0.1–0.9 s at δ ≥ 5e-4 (measured at
 * load ~9: gaussian 0.14 s at δ = 0.01, 0.48 s at 5e-4; plummer 0.92 s at 5e-4). Read-only arrays.
 */
let lastTables: { core: CoreModel; delta: number; t: ReturnType<typeof correctionTables> } | null = null;

function tablesFor(core: CoreModel, delta: number): ReturnType<typeof correctionTables> {
  if (lastTables?.core !== core || lastTables.delta !== delta)
    lastTables = { core, delta, t: correctionTables(core, delta) };
  return lastTables.t;
}

/** The 1D kernel for (core, δ); throws a one-line message for δ out of range. */
export function makeKernel1d(core: CoreModel, delta: number): Kernel1d {
  if (!(delta > 0 && Number.isFinite(delta))) throw new RangeError(`delta: must be > 0 in 1D, got ${delta}`);
  const p = new PoissonKernel1d(delta);
  if (core === 'poisson') {
    return {
      core,
      delta,
      value: (x) => p.value(x),
      derivative: (x) => p.derivative(x),
      second: (x) => p.second(x),
      selfValue: p.value(0),
      lambda: Math.abs(p.second(0)),
    };
  }
  if (core === 'gaussian' && delta < MIN_TABLE_DELTA) return smallGaussianKernel1d(delta);
  if (delta < MIN_TABLE_DELTA)
    throw new RangeError(
      `delta: the ${core} core needs δ ≥ ${MIN_TABLE_DELTA} in 1D (got ${delta}); poisson (the paper's model potential) and gaussian take any δ > 0`,
    );
  const { M, tables: c } = tablesFor(core, delta);
  const value = (x: number) => p.value(x) + hermite5(c[0], c[1], c[2], M, x);
  const second = (x: number) => p.second(x) + hermite5(c[2], c[3], c[4], M, x);
  return {
    core,
    delta,
    value,
    derivative: (x) => p.derivative(x) + hermite5(c[1], c[2], c[3], M, x),
    second,
    selfValue: value(0),
    lambda: Math.abs(second(0)),
  };
}
