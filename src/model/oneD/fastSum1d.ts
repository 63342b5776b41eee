/**
 * O(n log n) pair sums on the circle (MATH §12, "Fast sum"): the same contract as the direct loop of
 * pairKernel1d.ts (raw[2i] = −Σ_{j≠i} b_i b_j V_δ'(x_i − x_j), positions interleaved [x, 0]).
 *
 * Split V_δ = N + F with a smooth switch s(r) = 1 − χ(r) (χ the ES switch of fastsum/switch.ts
 * from r₁ = 0 to r₂ = c/n):
 *  - near N(x) = V_δ(x)·s(|x|), zero beyond r₂: summed over the pairs closer than r₂ (a cell list),
 *    with V_δ from the kernel itself, so no closed form per core is needed and any δ the kernel
 *    takes (poisson: any δ > 0) works;
 *  - far F = V_δ·χ: smooth on the scale r₂ (χ vanishes where V_δ is singular), so its Fourier
 *    coefficients, computed once by an FFT of its samples, fall below the tolerance beyond a band
 *    K ≈ 12/r₂; summed by a 1D NUFFT (ES window, upsampling 2): spread Σ b_j δ_{x_j}, FFT, multiply
 *    by 2πik·F̂_k, inverse FFT, gather. The far energy is Σ_k F̂_k|S_k|², read off the spectrum.
 * When δ itself band-limits V_δ below ~2K ("far only"), the exact multiplier V̂_k m_δ(k) is used and
 * there is no near part. The band is chosen so that the far truncation moves a velocity (raw/n) by
 * ≤ TOL absolutely (|S_k| ≤ n); measured errors against direct Fourier sums are in the tests.
 */
import { EsSwitch } from '../fastsum/switch';
import { buildTable, type PiecewiseTable, poly7, TABLE_COEFS } from '../fastsum/table';
import { esWindow } from '../fastsum/window';
import { FftTables, fftColumns } from '../fft1d';
import type { CoreModel } from '../types';
import { type Kernel1d, multiplier1d, PoissonKernel1d } from './kernel1d';

/** Far truncation: the velocity error bound Σ_{|k|>K} 2π|k||F̂_k| (absolute, in units of raw/n). */
const TOL = 1e-14;
/** Sampled far coefficients are cut where 2πk|F̂_k| falls below this fraction of its peak. */
const SAMPLED_FLOOR = 1e-12;
/** Near cutoff r₂ = NEAR_RANGE/n (≈ NEAR_RANGE pairs per particle for uniform data). */
const NEAR_RANGE = 6;
/** The split's far band in units of 1/r₂ (measured: K·r₂ = 13.3–16.5 for the four cores). */
const SPLIT_BAND = 14;
/** Switch sharpness: its transform is below e^{−β} beyond the band. */
const SWITCH_BETA = 36;
/** Spreading window width (grid points) and shape; upsampling 2 gives ~10^{1−w}. */
const WINDOW_W = 16;
const WINDOW_BETA = 2.5 * WINDOW_W;

export interface Plan1d {
  readonly mode: 'split' | 'far';
  /** Near cutoff (0 when far only). */
  readonly r2: number;
  /** Far band |k| ≤ K and NUFFT grid M. */
  readonly K: number;
  readonly M: number;
  readonly w: number;
}

function nextPow2(x: number): number {
  let p = 2;
  while (p < x) p *= 2;
  return p;
}

/** Smallest K with π·Σ_{k>K} k|c_k|·2 ≤ TOL (c_k = F̂_k for k ≥ 1, read by get). */
function bandFor(get: (k: number) => number, kMax: number): number {
  let tail = 0;
  for (let k = kMax; k >= 1; k--) {
    tail += 4 * Math.PI * k * Math.abs(get(k));
    if (tail > TOL) return Math.min(kMax, k + 1);
  }
  return 1;
}

export class FastSum1d {
  readonly plan: Plan1d;
  private readonly fft: FftTables;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  /** Per bit-reversed row: the gradient multiplier 2πk F̂_k/hat_k² and the energy weight F̂_k/hat_k². */
  private readonly gradRow: Float64Array;
  private readonly energyRow: Float64Array;
  private readonly weights: Float64Array;
  private readonly first: Int32Array;
  private readonly sw?: PiecewiseTable;
  private readonly poisson?: PoissonKernel1d;
  private readonly cellCount: number;
  private readonly cellStart: Int32Array;
  private readonly order: Int32Array;
  private readonly xs: Float64Array;
  private readonly fill: Int32Array;
  /** Positions, signs and raw sums in cell order. */
  private readonly sx: Float64Array;
  private readonly sb: Int8Array;
  private readonly sraw: Float64Array;

  constructor(
    private readonly kernel: Kernel1d,
    readonly n: number,
  ) {
    const { core, delta } = kernel;
    const r2 = Math.min(0.25, NEAR_RANGE / n);
    // far only when δ alone band-limits V_δ within ~2× the split's band (measured K·r₂ ≈ 14)
    const kFar = farOnlyBand(core, delta, Math.ceil((4 * SPLIT_BAND) / r2));
    const farOnly = kFar <= (2 * SPLIT_BAND) / r2;
    let fHat: Float64Array;
    let sw: PiecewiseTable | undefined;
    if (farOnly) {
      fHat = new Float64Array(kFar + 1);
      for (let k = 1; k <= kFar; k++) fHat[k] = multiplier1d(core, delta, k);
    } else {
      sw = switchTable(r2);
      fHat = splitCoefficients(kernel, r2, sw);
    }
    const K = fHat.length - 1;
    const M = nextPow2(Math.max(2 * K + 2, 2 * WINDOW_W));
    this.plan = { mode: farOnly ? 'far' : 'split', r2: farOnly ? 0 : r2, K, M, w: WINDOW_W };
    this.sw = sw;
    if (core === 'poisson') this.poisson = new PoissonKernel1d(delta);
    this.fft = new FftTables(M);
    this.re = new Float64Array(M);
    this.im = new Float64Array(M);
    const hat = esWindow(WINDOW_W, M, K, WINDOW_BETA).hat;
    this.gradRow = new Float64Array(M);
    this.energyRow = new Float64Array(M);
    for (let p = 0; p < M; p++) {
      const f = this.fft.rev[p];
      const k = f <= M / 2 ? f : f - M;
      const ak = Math.abs(k);
      if (ak > K) continue;
      const h2 = hat[ak] * hat[ak];
      this.gradRow[p] = (2 * Math.PI * k * fHat[ak]) / h2;
      this.energyRow[p] = fHat[ak] / h2;
    }
    this.weights = new Float64Array(n * WINDOW_W);
    this.first = new Int32Array(n);
    this.cellCount = Math.max(3, farOnly ? n : Math.floor(1 / r2));
    this.fill = new Int32Array(this.cellCount);
    this.sx = new Float64Array(n);
    this.sb = new Int8Array(n);
    this.sraw = new Float64Array(n);
    this.cellStart = new Int32Array(this.cellCount + 1);
    this.order = new Int32Array(n);
    this.xs = new Float64Array(n);
  }

  accumulate(pos: Float64Array, signs: Int8Array, raw: Float64Array): void {
    this.evaluate(pos, signs, raw, false);
  }

  pairEnergy(pos: Float64Array, signs: Int8Array): number {
    return this.evaluate(pos, signs, undefined, true);
  }

  accumulateWithEnergy(pos: Float64Array, signs: Int8Array, raw: Float64Array): number {
    return this.evaluate(pos, signs, raw, true);
  }

  /** Σ_iΣ_j b_ib_j V_δ(x_i − x_j) (diagonal included) if energy, and raw if given. */
  private evaluate(
    pos: Float64Array,
    signs: Int8Array,
    raw: Float64Array | undefined,
    energy: boolean,
  ): number {
    const n = this.n;
    this.sort(pos, signs);
    const { sx, sb, sraw } = this;
    sraw.fill(0);
    let e = this.far(sx, sb, raw ? sraw : undefined, energy);
    if (this.sw) e += this.near(sx, sb, raw ? sraw : undefined, energy);
    if (raw) {
      raw.fill(0, 0, 2 * n);
      const { order } = this;
      for (let a = 0; a < n; a++) raw[2 * order[a]] = sraw[a];
    }
    // N(0) = V_δ(0) (s(0) = 1, F(0) = 0): the diagonal of the double sum
    if (energy) e += this.sw ? n * this.kernel.selfValue : 0;
    return e;
  }

  /**
   * Counting sort into cells (width ≥ r₂, or ~1/n when far only): the near loop needs it, and
   * both grid passes touch the grid in order instead of at random (measured 2× on the far part).
   */
  private sort(pos: Float64Array, signs: Int8Array): void {
    const { n, xs, cellCount: C, cellStart, order, sx, sb } = this;
    for (let i = 0; i < n; i++) {
      const x = pos[2 * i];
      let y = x - Math.floor(x);
      if (y >= 1) y = 0;
      xs[i] = y;
    }
    cellStart.fill(0);
    for (let i = 0; i < n; i++) cellStart[Math.min(C - 1, Math.floor(xs[i] * C)) + 1]++;
    for (let c = 0; c < C; c++) cellStart[c + 1] += cellStart[c];
    const fill = this.fill;
    fill.set(cellStart.subarray(0, C));
    for (let i = 0; i < n; i++) order[fill[Math.min(C - 1, Math.floor(xs[i] * C))]++] = i;
    for (let a = 0; a < n; a++) {
      sx[a] = xs[order[a]];
      sb[a] = signs[order[a]];
    }
  }

  /** Far part on sorted particles: adds −b_i u'(x_i) to sraw, returns Σ_k F̂_k|S_k|² if energy. */
  private far(xs: Float64Array, signs: Int8Array, raw: Float64Array | undefined, energy: boolean): number {
    const { n, re, im, weights, first, gradRow, energyRow } = this;
    const { M } = this.plan;
    const w = WINDOW_W;
    re.fill(0);
    im.fill(0);
    const half = w / 2;
    for (let i = 0; i < n; i++) {
      const xm = xs[i] * M;
      const i0 = Math.ceil(xm - half);
      const g0 = (i0 + M) % M;
      first[i] = g0;
      const b = signs[i];
      const o = i * w;
      const wrap = g0 + w > M;
      for (let l = 0; l < w; l++) {
        const z = (2 * (i0 + l - xm)) / w;
        const r = 1 - z * z;
        const v = r > 0 ? Math.exp(WINDOW_BETA * (Math.sqrt(r) - 1)) : 0;
        weights[o + l] = v;
        let g = g0 + l;
        if (wrap && g >= M) g -= M;
        re[g] += b * v;
      }
    }
    fftColumns(true, re, im, 1, this.fft);
    let e = 0;
    if (energy) for (let p = 0; p < M; p++) e += energyRow[p] * (re[p] * re[p] + im[p] * im[p]);
    if (!raw) return e;
    for (let p = 0; p < M; p++) {
      // multiply by i·2πk F̂_k/hat²: (a + ib)·ic = −bc + iac
      const c = gradRow[p];
      const a = re[p];
      re[p] = -im[p] * c;
      im[p] = a * c;
    }
    fftColumns(false, re, im, 1, this.fft);
    for (let i = 0; i < n; i++) {
      const g0 = first[i];
      const o = i * w;
      let s = 0;
      if (g0 + w <= M) for (let l = 0; l < w; l++) s += weights[o + l] * re[g0 + l];
      else for (let l = 0; l < w; l++) s += weights[o + l] * re[(g0 + l) % M];
      raw[i] -= signs[i] * s;
    }
    return e;
  }

  /** Sums N over the pairs closer than r₂ (each once) of the sorted particles. */
  private near(xs: Float64Array, signs: Int8Array, raw: Float64Array | undefined, energy: boolean): number {
    const { cellCount: C, cellStart, kernel, poisson } = this;
    const sw = this.sw as PiecewiseTable;
    const r2 = this.plan.r2;
    const coef = sw.coef;
    const invH = sw.invH;
    const last = sw.intervals - 1;
    let e = 0;
    for (let c = 0; c < C; c++) {
      const a0 = cellStart[c];
      const a1 = cellStart[c + 1];
      const nc = c + 1 === C ? 0 : c + 1;
      const b1 = cellStart[nc + 1];
      for (let ia = a0; ia < a1; ia++) {
        const i = ia;
        const xi = xs[i];
        const bi = signs[i];
        let acc = 0;
        // partners: the rest of this cell, then the whole next cell
        for (let seg = 0; seg < 2; seg++) {
          const j0 = seg === 0 ? ia + 1 : cellStart[nc];
          const j1 = seg === 0 ? a1 : b1;
          for (let jb = j0; jb < j1; jb++) {
            const j = jb;
            let d = xi - xs[j];
            d -= Math.round(d);
            const r = d < 0 ? -d : d;
            if (r >= r2) continue;
            const tq = r * invH;
            let k = Math.floor(tq);
            if (k > last) k = last;
            const t = 2 * (tq - k) - 1;
            const o = 2 * k * TABLE_COEFS;
            const s = poly7(coef, o, t);
            const bb = bi * signs[j];
            let v: number;
            let dv: number;
            if (poisson) {
              // the poisson closed form inline (kernel1d.ts): value and slope share the denominator
              const sn = Math.sin(Math.PI * d);
              const den = poisson.a2 + 4 * poisson.q * sn * sn;
              v = -0.5 * Math.log(den);
              dv = (-2 * Math.PI * poisson.q * Math.sin(2 * Math.PI * d)) / den;
            } else {
              v = kernel.value(d);
              dv = kernel.derivative(d);
            }
            if (energy) e += 2 * bb * v * s;
            if (raw) {
              const ds = poly7(coef, o + TABLE_COEFS, t);
              const f = bb * (dv * s + v * ds * (d < 0 ? -1 : 1));
              acc -= f;
              raw[j] += f;
            }
          }
        }
        if (raw) raw[i] += acc;
      }
    }
    return e;
  }
}

/** s = 1 − χ and ds/dr on [0, r₂] (χ the ES switch from 0 to r₂). */
function switchTable(r2: number): PiecewiseTable {
  const sw = new EsSwitch(0, r2, SWITCH_BETA);
  return buildTable(r2, 128, 2, (r, out) => {
    out[0] = 1 - sw.value(r);
    out[1] = -sw.derivative(r);
  });
}

/** F̂_k (k = 0..K) of F = V_δ·(1 − s): an FFT of its samples, grid doubled until the tail is resolved. */
function splitCoefficients(kernel: Kernel1d, r2: number, sw: PiecewiseTable): Float64Array {
  let Ms = nextPow2(Math.max(1024, (16 * SWITCH_BETA) / (Math.PI * r2)));
  for (;;) {
    const fft = new FftTables(Ms);
    const re = new Float64Array(Ms);
    const im = new Float64Array(Ms);
    for (let g = 0; g < Ms; g++) {
      const x = g / Ms;
      const d = x > 0.5 ? x - 1 : x;
      const r = Math.abs(d);
      let chi = 1;
      if (r < r2) {
        const tq = r * sw.invH;
        const k = Math.min(sw.intervals - 1, Math.floor(tq));
        chi = 1 - poly7(sw.coef, 2 * k * TABLE_COEFS, 2 * (tq - k) - 1);
      }
      re[g] = chi === 0 ? 0 : kernel.value(d) * chi;
    }
    fftColumns(true, re, im, 1, fft);
    const c = new Float64Array(Ms / 2 + 1);
    for (let p = 0; p < Ms; p++) {
      const f = fft.rev[p];
      if (f <= Ms / 2) c[f] = re[p] / Ms;
    }
    const K = sampledBand(c);
    if (K > 0 && K <= Ms / 4) return c.slice(0, K + 1);
    Ms *= 2;
    if (Ms > 1 << 24) throw new Error('fastSum1d: far band not resolved');
  }
}

/**
 * The band of sampled coefficients, whose rounding floor (~1e-17·max|F|) forbids a tail sum: the
 * first k from which 2πk|c| stays below SAMPLED_FLOOR·peak up to 2k, times 1.2 (the decay is
 * faster than exponential there: another ~1e-3). 0 if the grid does not reach 2k.
 */
function sampledBand(c: Float64Array): number {
  const top = c.length - 1;
  let peak = 0;
  for (let k = 1; k <= top; k++) peak = Math.max(peak, 2 * Math.PI * k * Math.abs(c[k]));
  const thr = SAMPLED_FLOOR * peak;
  // lastAbove: the last k seen (scanning up) above thr; stop once [lastAbove, 2·lastAbove] is quiet
  let lastAbove = 1;
  for (let k = 1; k <= top; k++) {
    if (2 * Math.PI * k * Math.abs(c[k]) > thr) lastAbove = k;
    else if (k >= 2 * lastAbove + 16) return Math.ceil(1.2 * (lastAbove + 1));
  }
  return 0;
}

/** The band of the exact multiplier (far only), capped at kMax (then far only is not chosen). */
function farOnlyBand(core: CoreModel, delta: number, kMax: number): number {
  // the tail bound needs the multiplier's decay: sum down from a k where it is negligible
  let top = 1;
  while (top < kMax && envelope(core, delta, top) * top > TOL * 1e-3) top *= 2;
  if (top >= kMax) return kMax + 1;
  return bandFor((k) => multiplier1d(core, delta, k), top);
}

/** A bound on |V̂_k m_δ(k)| that has no zeros (the ring's multiplier crosses 0: MATH §2a's bound). */
function envelope(core: CoreModel, delta: number, k: number): number {
  if (core !== 'ring') return Math.abs(multiplier1d(core, delta, k));
  const z = 2 * Math.PI * delta * k;
  return (
    (Math.min(1, Math.sqrt(2 / (Math.PI * z))) * Math.exp((-Math.PI * Math.PI * delta * delta * k * k) / 2)) /
    (2 * k)
  );
}
