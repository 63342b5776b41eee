import { FarWindowWasm } from './farWasm';
import { GridConvolver, type SpectrumMemory } from './gridFft';
import { spread11, spreadAny, touches } from './spread';
import { poly7, TABLE_COEFS } from './table';
import { type SpreadWindow, windowWeightTable } from './window';

/**
 * The far field by NUFFT: charges b_j spread onto an M×M grid with the ES window (w points per
 * axis), one FFT convolution with F̂_k / (φ̂(k₁)φ̂(k₂))² on |k|∞ ≤ K (deconvolution folded in),
 * and a gather with the window (potential) or its derivative (gradient). With u the convolved
 * grid, Σ_j b_j far(x − x_j) ≈ Σ_g u_g φ(x − g), so
 *   gradient at x_i: Σ_g u_g ∇φ(x_i − g)  and  Σ_ij b_i b_j far(x_i − x_j) ≈ Σ_g ρ_g u_g.
 * Differentiating the window rather than multiplying by 2πik saves two inverse FFTs, but the ES
 * window's derivative is singular at its edge, where φ = e^{−β}: with FINUFFT's β = 2.3w the
 * gathered gradient has errors ~1e-7 whenever a grid node sits near a window edge. The far
 * multiplier here has decayed to the tolerance at the cut-off K, so the window's transform
 * need not be flat up to K, and β = 2.8w (edge value 2e-14 at w = 11) brings the gradient
 * errors to ~1e-9 (plan.ts, window.ts).
 * Spreading and gathering index the periodic grid directly: rows wrap by one compare, and the
 * few particles whose window wraps in x (within w of the right edge) take a modular path. Weights
 * come from a
 * piecewise-polynomial table (window.ts) for chunks of CHUNK particles, so memory stays O(M² + n)
 * (spreading and gathering each compute them); they are stored with a fixed stride of 11 (zero
 * beyond w) so the hot loops for w ≤ 11 are unrolled: V8 runs them 3–4× faster with the weights
 * in registers.
 */
const S = 11;
const CHUNK = 256;
/** Largest n whose value weights are kept between spread and gather (2·11 doubles each: 35 MB). */
export const CACHE_MAX = 200_000;
/** Window weights per particle in the kept arrays (w ≤ 11). */
export const WEIGHT_STRIDE = S;

/**
 * Memory a far field may live in instead of its own (views of a block shared with a helper
 * thread, shared.ts): the grid (≥ M² doubles) and the kept value weights and first indices
 * (n·WEIGHT_STRIDE doubles, n ints; used when w ≤ 11 and n ≤ CACHE_MAX).
 */
export interface FarMemory {
  readonly grid?: Float64Array;
  readonly wx?: Float64Array;
  readonly wy?: Float64Array;
  readonly ix?: Int32Array;
  readonly iy?: Int32Array;
  /** The convolver's spectrum (gridShare.ts: both threads transform blocks of it). */
  readonly spectrum?: SpectrumMemory;
}

export class FarField {
  readonly M: number;
  readonly K: number;
  readonly w: number;
  /** The convolver (null for a gather-only view without spectrum memory). */
  readonly conv: GridConvolver | null;
  /** The charge grid ρ, overwritten by the convolved grid u. */
  readonly grid: Float64Array;
  private lastEnergy = 0;
  readonly n: number;
  private readonly stride: number;
  /** Window weight polynomials (window.ts) and the derivative scale −2M/w. */
  private readonly weightCoef: Float64Array;
  private readonly dscale: number;
  /** Weights of one chunk of particles. */
  private readonly wx: Float64Array;
  private readonly wy: Float64Array;
  private readonly dwx: Float64Array;
  private readonly dwy: Float64Array;
  private readonly ix: Int32Array;
  private readonly iy: Int32Array;
  /**
   * With n ≤ CACHE_MAX the value weights and first indices of all particles, kept from the spread
   * for the gather of the same positions (which then computes only the derivatives): the same
   * numbers as recomputing them, so results are bit-identical.
   */
  readonly cached: boolean;
  /** Whether the kept weights are the shared ones of `mem` (so another thread may write some). */
  readonly sharedWeights: boolean;
  /** The spread and the gather in WebAssembly (null: the loops below). */
  private readonly wasm: FarWindowWasm | null;
  /** Whether the grid changed since the module last copied it (the gathers read the copy). */
  private gridStale = true;

  /**
   * fhat[k₁·M + (k₂ mod M)] = F̂_k for k₁ = 0..K, |k₂| ≤ K (even in k₁ and in k₂). With fhat null
   * it only gathers, from a grid convolved elsewhere (a helper thread's view of `mem`: with the
   * weights kept there by the owner's spread when they fit, else computing its own); given
   * mem.spectrum too, it also has a convolver there (its multiplier set by the owner).
   */
  constructor(
    n: number,
    M: number,
    K: number,
    win: Pick<SpreadWindow, 'w' | 'beta'> & Partial<SpreadWindow>,
    fhat: Float64Array | null,
    mem: FarMemory = {},
  ) {
    this.n = n;
    this.M = M;
    this.K = K;
    this.w = win.w;
    this.stride = Math.max(S, win.w);
    this.conv = fhat || mem.spectrum ? new GridConvolver(M, K, mem.spectrum) : null;
    if (fhat && this.conv && win.hat) {
      const mult = new Float64Array((K + 1) * M);
      for (let k1 = 0; k1 <= K; k1++)
        for (let k2 = -K; k2 <= K; k2++) {
          const idx = k1 * M + ((k2 + M) % M);
          const h = win.hat[k1] * win.hat[Math.abs(k2)];
          mult[idx] = fhat[idx] / (h * h);
        }
      this.conv.setMultiplier(mult);
    }
    if (this.stride > M) throw new Error('FarField: grid too small for the window');
    this.grid = mem.grid ? mem.grid.subarray(0, M * M) : new Float64Array(M * M);
    this.weightCoef = windowWeightTable(win.w, win.beta).coef;
    this.dscale = (-2 * M) / win.w;
    this.wasm = this.stride === S ? FarWindowWasm.create(n, M, win.w, this.weightCoef, this.dscale) : null;
    // the module computes the value weights again in the gather: nothing to keep
    const keep = n <= CACHE_MAX && this.wasm === null;
    const shared =
      keep && this.stride === S && mem.wx && mem.wy && mem.ix && mem.iy && mem.wx.length >= n * S;
    this.cached = keep && (fhat !== null || shared === true);
    this.sharedWeights = shared === true;
    const slots = this.cached ? n : CHUNK;
    this.wx = shared ? mem.wx! : new Float64Array(slots * this.stride);
    this.wy = shared ? mem.wy! : new Float64Array(slots * this.stride);
    this.dwx = new Float64Array(CHUNK * this.stride);
    this.dwy = new Float64Array(CHUNK * this.stride);
    this.ix = shared ? mem.ix! : new Int32Array(slots);
    this.iy = shared ? mem.iy! : new Int32Array(slots);
  }

  /**
   * Weights (and, if wanted, x-derivatives) of one coordinate into arr/darr[o..o+w−1]; returns
   * the first (unwrapped) grid index i₀ = ⌈xM − w/2⌉.
   */
  private weights(x: number, arr: Float64Array, o: number): number {
    const { w, M } = this;
    const coef = this.weightCoef;
    const xm = x * M;
    const i0 = Math.ceil(xm - w / 2);
    const f = i0 - xm + w / 2;
    let k = (f * 8) | 0;
    if (k > 7) k = 7;
    const t = 2 * (f * 8 - k) - 1;
    const base = k * 2 * w * TABLE_COEFS;
    for (let l = 0; l < w; l++) arr[o + l] = poly7(coef, base + l * TABLE_COEFS, t);
    return i0;
  }

  /** The x-derivatives of the weights of one coordinate (same offset f as weights()). */
  private derivatives(x: number, darr: Float64Array, o: number): void {
    const { w, M } = this;
    const coef = this.weightCoef;
    const xm = x * M;
    const i0 = Math.ceil(xm - w / 2);
    const f = i0 - xm + w / 2;
    let k = (f * 8) | 0;
    if (k > 7) k = 7;
    const t = 2 * (f * 8 - k) - 1;
    const ds = this.dscale;
    const b = k * 2 * w * TABLE_COEFS + w * TABLE_COEFS;
    for (let l = 0; l < w; l++) darr[o + l] = ds * poly7(coef, b + l * TABLE_COEFS, t);
  }

  /**
   * Weights of particles j0 … j1 − 1, first indices wrapped into [0, M): values (and indices) at
   * slot j − vb, derivatives (if wanted) at slot j − j0 of the chunk buffers.
   */
  private chunkWeights(
    sx: Float64Array,
    sy: Float64Array,
    j0: number,
    j1: number,
    vb: number,
    deriv: boolean,
  ): void {
    const { stride, wx, wy, dwx, dwy, ix, iy, M } = this;
    for (let j = j0; j < j1; j++) {
      const o = (j - vb) * stride;
      const gx = this.weights(sx[j], wx, o);
      const gy = this.weights(sy[j], wy, o);
      ix[j - vb] = gx < 0 ? gx + M : gx;
      iy[j - vb] = gy < 0 ? gy + M : gy;
      if (deriv) {
        const d = (j - j0) * stride;
        this.derivatives(sx[j], dwx, d);
        this.derivatives(sy[j], dwy, d);
      }
    }
  }

  /** Derivatives only (values kept from the spread): into darr[o..o+w−1]. */
  private derivativeChunk(sx: Float64Array, sy: Float64Array, j0: number, j1: number): void {
    const { stride, dwx, dwy } = this;
    for (let j = j0; j < j1; j++) {
      const d = (j - j0) * stride;
      this.derivatives(sx[j], dwx, d);
      this.derivatives(sy[j], dwy, d);
    }
  }

  /**
   * ρ = Σ_j b_j φ(· − x_j) (positions in [0, 1)), then u = ρ convolved with the far field; with
   * potential false only the energy (the grid keeps ρ; no gather may follow).
   */
  spreadAndConvolve(sx: Float64Array, sy: Float64Array, sb: Float64Array, potential = true): void {
    const { n, grid, M } = this;
    if (this.wasm) this.wasm.spread(sx, sy, sb, grid, 0, M, 0, n, true);
    else this.spread(sx, sy, sb);
    this.lastEnergy = potential ? this.conv!.convolve(grid, grid) : this.conv!.quadForm(grid);
    this.gridStale = true;
  }

  /** ρ onto the grid by the JavaScript loops. */
  private spread(sx: Float64Array, sy: Float64Array, sb: Float64Array): void {
    const { n, stride, wx, wy, ix, iy, grid, M } = this;
    grid.fill(0);
    for (let j0 = 0; j0 < n; j0 += CHUNK) {
      const j1 = Math.min(n, j0 + CHUNK);
      const vb = this.cached ? 0 : j0;
      this.chunkWeights(sx, sy, j0, j1, vb, false);
      if (stride === S) spread11(j0, j1, M, sb, wx, wy, ix, iy, grid, vb);
      else spreadAny(j0, j1, stride, M, sb, wx, wy, ix, iy, grid, j0 - vb);
    }
  }

  /** The kept value weights of particles [from, to) (the first phase of a shared spread). */
  keepWeights(sx: Float64Array, sy: Float64Array, from: number, to: number): void {
    if (this.cached) this.chunkWeights(sx, sy, from, to, 0, false);
  }

  /**
   * Add particles [from, to) to rows [r0, r1) of ρ only (gridShare.ts), from the kept weights
   * (keepWeights) or, when they are not kept, from weights computed here where a window meets the rows.
   */
  spreadRows(
    sx: Float64Array,
    sy: Float64Array,
    sb: Float64Array,
    r0: number,
    r1: number,
    from: number,
    to: number,
  ): void {
    const { stride, wx, wy, ix, iy, grid, M } = this;
    if (this.wasm) {
      this.wasm.spread(sx, sy, sb, grid, r0, r1, from, to);
      return;
    }
    for (let j0 = from; j0 < to; j0 += CHUNK) {
      const j1 = Math.min(to, j0 + CHUNK);
      const vb = this.cached ? 0 : j0;
      if (!this.cached)
        for (let j = j0; j < j1; j++) {
          // the first row as weights() finds it; the weights only where the window meets the band
          let gy = Math.ceil(sy[j] * M - this.w / 2);
          if (gy < 0) gy += M;
          iy[j - j0] = gy;
          if (!touches(gy, stride, r0, r1, M)) continue;
          const o = (j - j0) * stride;
          this.weights(sy[j], wy, o);
          const gx = this.weights(sx[j], wx, o);
          ix[j - j0] = gx < 0 ? gx + M : gx;
        }
      if (stride === S) spread11(j0, j1, M, sb, wx, wy, ix, iy, grid, vb, r0, r1);
      else spreadAny(j0, j1, stride, M, sb, wx, wy, ix, iy, grid, j0 - vb, r0, r1);
    }
  }

  /** The grid is convolved (elsewhere: gridShare.ts), with this Σ_g ρ_g u_g. */
  setConvolved(energy: number): void {
    this.lastEnergy = energy;
    this.gridStale = true;
  }

  /** The grid was convolved elsewhere (the main thread's, for a helper's gather-only view). */
  gridChanged(): void {
    this.gridStale = true;
  }

  /** Σ_g ρ_g u_g = Σ_i Σ_j b_i b_j far(x_i − x_j) (after spreadAndConvolve). */
  energy(): number {
    return this.lastEnergy;
  }

  /** fx[i], fy[i] = b_i ∇(Σ_j b_j far)(x_i) (after spreadAndConvolve, same positions). */
  gatherGradient(
    sx: Float64Array,
    sy: Float64Array,
    sb: Float64Array,
    fx: Float64Array,
    fy: Float64Array,
  ): void {
    this.gatherRange(sx, sy, sb, fx, fy, 0, this.n);
  }

  /**
   * The same for particles [from, to) only: each particle's gradient is computed the same way
   * whichever range (or thread) it is gathered in, kept weights or not, so a split is bit-exact.
   */
  gatherRange(
    sx: Float64Array,
    sy: Float64Array,
    sb: Float64Array,
    fx: Float64Array,
    fy: Float64Array,
    from: number,
    to: number,
  ): void {
    const { stride, wx, wy, dwx, dwy, ix, iy, grid, M } = this;
    if (this.wasm) {
      if (this.gridStale) this.wasm.gridIn(grid);
      this.gridStale = false;
      this.wasm.gather(sx, sy, sb, fx, fy, from, to);
      return;
    }
    for (let i0 = from; i0 < to; i0 += CHUNK) {
      const i1 = Math.min(to, i0 + CHUNK);
      const vb = this.cached ? 0 : i0;
      if (this.cached) this.derivativeChunk(sx, sy, i0, i1);
      else this.chunkWeights(sx, sy, i0, i1, vb, true);
      if (stride === S) gather11(i0, i1, M, sb, wx, wy, dwx, dwy, ix, iy, grid, fx, fy, vb);
      else gatherAny(i0, i1, stride, M, sb, wx, wy, dwx, dwy, ix, iy, grid, fx, fy, i0 - vb, 0);
    }
  }
}

/** Unrolled for w ≤ 11; windows wrapping in x go to gatherAny. Values in slot i − vb, derivatives i − i0. */
function gather11(
  i0: number,
  i1: number,
  M: number,
  sb: Float64Array,
  wx: Float64Array,
  wy: Float64Array,
  dwx: Float64Array,
  dwy: Float64Array,
  ix: Int32Array,
  iy: Int32Array,
  grid: Float64Array,
  fx: Float64Array,
  fy: Float64Array,
  vb: number,
): void {
  for (let i = i0; i < i1; i++) {
    const gx = ix[i - vb];
    if (gx + S > M) {
      gatherAny(i, i + 1, S, M, sb, wx, wy, dwx, dwy, ix, iy, grid, fx, fy, i - vb, i - i0);
      continue;
    }
    const o = (i - vb) * S;
    const d = (i - i0) * S;
    // the x weights in locals, read once per particle rather than once per row
    const w0 = wx[o];
    const w1 = wx[o + 1];
    const w2 = wx[o + 2];
    const w3 = wx[o + 3];
    const w4 = wx[o + 4];
    const w5 = wx[o + 5];
    const w6 = wx[o + 6];
    const w7 = wx[o + 7];
    const w8 = wx[o + 8];
    const w9 = wx[o + 9];
    const w10 = wx[o + 10];
    const d0 = dwx[d];
    const d1 = dwx[d + 1];
    const d2 = dwx[d + 2];
    const d3 = dwx[d + 3];
    const d4 = dwx[d + 4];
    const d5 = dwx[d + 5];
    const d6 = dwx[d + 6];
    const d7 = dwx[d + 7];
    const d8 = dwx[d + 8];
    const d9 = dwx[d + 9];
    const d10 = dwx[d + 10];
    let row = iy[i - vb];
    let ax = 0;
    let ay = 0;
    for (let k = 0; k < S; k++, row++) {
      if (row === M) row = 0;
      const cy = wy[o + k];
      const cd = dwy[d + k];
      if (cy === 0 && cd === 0) continue;
      const r = row * M + gx;
      const v0 = grid[r];
      const v1 = grid[r + 1];
      const v2 = grid[r + 2];
      const v3 = grid[r + 3];
      const v4 = grid[r + 4];
      const v5 = grid[r + 5];
      const v6 = grid[r + 6];
      const v7 = grid[r + 7];
      const v8 = grid[r + 8];
      const v9 = grid[r + 9];
      const v10 = grid[r + 10];
      const sd =
        v0 * d0 +
        v1 * d1 +
        v2 * d2 +
        v3 * d3 +
        v4 * d4 +
        v5 * d5 +
        v6 * d6 +
        v7 * d7 +
        v8 * d8 +
        v9 * d9 +
        v10 * d10;
      const sv =
        v0 * w0 +
        v1 * w1 +
        v2 * w2 +
        v3 * w3 +
        v4 * w4 +
        v5 * w5 +
        v6 * w6 +
        v7 * w7 +
        v8 * w8 +
        v9 * w9 +
        v10 * w10;
      ax += sd * cy;
      ay += sv * cd;
    }
    const b = sb[i];
    fx[i] = b * ax;
    fy[i] = b * ay;
  }
}

function gatherAny(
  i0: number,
  i1: number,
  s: number,
  M: number,
  sb: Float64Array,
  wx: Float64Array,
  wy: Float64Array,
  dwx: Float64Array,
  dwy: Float64Array,
  ix: Int32Array,
  iy: Int32Array,
  grid: Float64Array,
  fx: Float64Array,
  fy: Float64Array,
  c0: number,
  d0: number,
): void {
  for (let i = i0; i < i1; i++) {
    const c = c0 + i - i0;
    const o = c * s;
    const d = (d0 + i - i0) * s;
    let row = iy[c];
    let ax = 0;
    let ay = 0;
    for (let k = 0; k < s; k++, row++) {
      if (row === M) row = 0;
      const r = row * M;
      let col = ix[c];
      let sd = 0;
      let sv = 0;
      for (let a = 0; a < s; a++, col++) {
        if (col === M) col = 0;
        const v = grid[r + col];
        sd += v * dwx[d + a];
        sv += v * wx[o + a];
      }
      ax += sd * wy[o + k];
      ay += sv * dwy[d + k];
    }
    const b = sb[i];
    fx[i] = b * ax;
    fy[i] = b * ay;
  }
}
