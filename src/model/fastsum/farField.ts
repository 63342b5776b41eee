import { GridConvolver } from './gridFft';
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
 * need not be flat up to K, and β = 2.8w (edge value 2e-15 at w = 12) brings the gradient
 * errors to ~1e-9 (plan.ts, window.ts).
 * A padded grid (extra rows/columns) lets spreading and gathering run without index wrapping;
 * it is folded back (spread) or filled periodically (gather) in O(M²). Weights come from a
 * piecewise-polynomial table (window.ts) for chunks of CHUNK particles, so memory stays O(M² + n)
 * (spreading and gathering each compute them); they are stored with a fixed stride of 12 (zero
 * beyond w) so the hot loops for w ≤ 12 are unrolled: V8 runs them 3–4× faster with the weights
 * in registers.
 */
const S = 12;
const CHUNK = 256;

export class FarField {
  readonly M: number;
  readonly K: number;
  readonly w: number;
  private readonly conv: GridConvolver;
  /** The folded charge grid ρ, overwritten by the convolved grid u. */
  private readonly grid: Float64Array;
  private lastEnergy = 0;
  private readonly P: number;
  private readonly off: number;
  private readonly pad: Float64Array;
  private readonly n: number;
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

  /** fhat[k₁·M + (k₂ mod M)] = F̂_k for k₁ = 0..K, |k₂| ≤ K (even in k₁ and in k₂). */
  constructor(n: number, M: number, K: number, win: SpreadWindow, fhat: Float64Array) {
    this.n = n;
    this.M = M;
    this.K = K;
    this.w = win.w;
    this.stride = Math.max(S, win.w);
    this.conv = new GridConvolver(M, K);
    const mult = new Float64Array((K + 1) * M);
    for (let k1 = 0; k1 <= K; k1++)
      for (let k2 = -K; k2 <= K; k2++) {
        const idx = k1 * M + ((k2 + M) % M);
        const h = win.hat[k1] * win.hat[Math.abs(k2)];
        mult[idx] = fhat[idx] / (h * h);
      }
    this.conv.setMultiplier(mult);
    this.grid = new Float64Array(M * M);
    this.off = Math.ceil(win.w / 2) + 1;
    this.P = M + 2 * this.off + this.stride + 1;
    if (this.P - this.off > 2 * M) throw new Error('FarField: grid too small for the window');
    this.pad = new Float64Array(this.P * this.P);
    this.weightCoef = windowWeightTable(win.w, win.beta).coef;
    this.dscale = (-2 * M) / win.w;
    this.wx = new Float64Array(CHUNK * this.stride);
    this.wy = new Float64Array(CHUNK * this.stride);
    this.dwx = new Float64Array(CHUNK * this.stride);
    this.dwy = new Float64Array(CHUNK * this.stride);
    this.ix = new Int32Array(CHUNK);
    this.iy = new Int32Array(CHUNK);
  }

  /**
   * Weights (and, if wanted, x-derivatives) of one coordinate into arr/darr[o..o+w−1]; returns
   * the first (unwrapped) grid index i₀ = ⌈xM − w/2⌉.
   */
  private weights(x: number, arr: Float64Array, darr: Float64Array, o: number, deriv: boolean): number {
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
    if (deriv) {
      const ds = this.dscale;
      const b = base + w * TABLE_COEFS;
      for (let l = 0; l < w; l++) darr[o + l] = ds * poly7(coef, b + l * TABLE_COEFS, t);
    }
    return i0;
  }

  /** Weights of particles j0 … j1 − 1 into the chunk buffers (indices shifted into the pad). */
  private chunkWeights(sx: Float64Array, sy: Float64Array, j0: number, j1: number, deriv: boolean): void {
    const { stride, wx, wy, dwx, dwy, ix, iy, off } = this;
    for (let j = j0; j < j1; j++) {
      const o = (j - j0) * stride;
      ix[j - j0] = this.weights(sx[j], wx, dwx, o, deriv) + off;
      iy[j - j0] = this.weights(sy[j], wy, dwy, o, deriv) + off;
    }
  }

  /**
   * ρ = Σ_j b_j φ(· − x_j) (positions in [0, 1)), then u = ρ convolved with the far field, and
   * (for gatherGradient, unless forGather is false) the padded copy of u.
   */
  spreadAndConvolve(sx: Float64Array, sy: Float64Array, sb: Float64Array, forGather = true): void {
    const { n, stride, wx, wy, ix, iy, pad, P } = this;
    pad.fill(0);
    for (let j0 = 0; j0 < n; j0 += CHUNK) {
      const j1 = Math.min(n, j0 + CHUNK);
      this.chunkWeights(sx, sy, j0, j1, false);
      if (stride === S) spread12(j0, j1, P, sb, wx, wy, ix, iy, pad);
      else spreadAny(j0, j1, stride, P, sb, wx, wy, ix, iy, pad);
    }
    this.fold();
    this.lastEnergy = this.conv.convolve(this.grid, this.grid);
    if (forGather) this.fill();
  }

  /** grid = the padded grid folded onto the torus. */
  private fold(): void {
    const { pad, P, M, off } = this;
    const rho = this.grid;
    rho.fill(0);
    for (let p = 0; p < P; p++) {
      let g = p - off;
      if (g < 0) g += M;
      else if (g >= M) g -= M;
      const rowR = g * M;
      const rowP = p * P;
      for (let q = 0; q < off; q++) rho[rowR + q - off + M] += pad[rowP + q];
      for (let q = off; q < off + M; q++) rho[rowR + q - off] += pad[rowP + q];
      for (let q = off + M; q < P; q++) rho[rowR + q - off - M] += pad[rowP + q];
    }
  }

  /** The padded grid filled periodically from u. */
  private fill(): void {
    const { pad, P, M, off } = this;
    const u = this.grid;
    for (let p = 0; p < P; p++) {
      let g = p - off;
      if (g < 0) g += M;
      else if (g >= M) g -= M;
      const rowU = g * M;
      const rowP = p * P;
      for (let q = 0; q < off; q++) pad[rowP + q] = u[rowU + q - off + M];
      for (let q = off; q < off + M; q++) pad[rowP + q] = u[rowU + q - off];
      for (let q = off + M; q < P; q++) pad[rowP + q] = u[rowU + q - off - M];
    }
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
    const { n, stride, wx, wy, dwx, dwy, ix, iy, pad, P } = this;
    for (let i0 = 0; i0 < n; i0 += CHUNK) {
      const i1 = Math.min(n, i0 + CHUNK);
      this.chunkWeights(sx, sy, i0, i1, true);
      if (stride === S) gather12(i0, i1, P, sb, wx, wy, dwx, dwy, ix, iy, pad, fx, fy);
      else gatherAny(i0, i1, stride, P, sb, wx, wy, dwx, dwy, ix, iy, pad, fx, fy);
    }
  }
}

function spread12(
  j0: number,
  j1: number,
  P: number,
  sb: Float64Array,
  wx: Float64Array,
  wy: Float64Array,
  ix: Int32Array,
  iy: Int32Array,
  pad: Float64Array,
): void {
  for (let j = j0; j < j1; j++) {
    const o = (j - j0) * S;
    const b = sb[j];
    const x0 = b * wx[o];
    const x1 = b * wx[o + 1];
    const x2 = b * wx[o + 2];
    const x3 = b * wx[o + 3];
    const x4 = b * wx[o + 4];
    const x5 = b * wx[o + 5];
    const x6 = b * wx[o + 6];
    const x7 = b * wx[o + 7];
    const x8 = b * wx[o + 8];
    const x9 = b * wx[o + 9];
    const x10 = b * wx[o + 10];
    const x11 = b * wx[o + 11];
    let r = iy[j - j0] * P + ix[j - j0];
    for (let k = 0; k < S; k++, r += P) {
      const c = wy[o + k];
      if (c === 0) continue;
      pad[r] += c * x0;
      pad[r + 1] += c * x1;
      pad[r + 2] += c * x2;
      pad[r + 3] += c * x3;
      pad[r + 4] += c * x4;
      pad[r + 5] += c * x5;
      pad[r + 6] += c * x6;
      pad[r + 7] += c * x7;
      pad[r + 8] += c * x8;
      pad[r + 9] += c * x9;
      pad[r + 10] += c * x10;
      pad[r + 11] += c * x11;
    }
  }
}

function spreadAny(
  j0: number,
  j1: number,
  s: number,
  P: number,
  sb: Float64Array,
  wx: Float64Array,
  wy: Float64Array,
  ix: Int32Array,
  iy: Int32Array,
  pad: Float64Array,
): void {
  for (let j = j0; j < j1; j++) {
    const o = (j - j0) * s;
    const b = sb[j];
    let r = iy[j - j0] * P + ix[j - j0];
    for (let k = 0; k < s; k++, r += P) {
      const c = b * wy[o + k];
      for (let a = 0; a < s; a++) pad[r + a] += c * wx[o + a];
    }
  }
}

function gather12(
  i0: number,
  i1: number,
  P: number,
  sb: Float64Array,
  wx: Float64Array,
  wy: Float64Array,
  dwx: Float64Array,
  dwy: Float64Array,
  ix: Int32Array,
  iy: Int32Array,
  pad: Float64Array,
  fx: Float64Array,
  fy: Float64Array,
): void {
  for (let i = i0; i < i1; i++) {
    const o = (i - i0) * S;
    let r = iy[i - i0] * P + ix[i - i0];
    let ax = 0;
    let ay = 0;
    for (let k = 0; k < S; k++, r += P) {
      const cy = wy[o + k];
      const cd = dwy[o + k];
      if (cy === 0 && cd === 0) continue;
      const v0 = pad[r];
      const v1 = pad[r + 1];
      const v2 = pad[r + 2];
      const v3 = pad[r + 3];
      const v4 = pad[r + 4];
      const v5 = pad[r + 5];
      const v6 = pad[r + 6];
      const v7 = pad[r + 7];
      const v8 = pad[r + 8];
      const v9 = pad[r + 9];
      const v10 = pad[r + 10];
      const v11 = pad[r + 11];
      const sd =
        v0 * dwx[o] +
        v1 * dwx[o + 1] +
        v2 * dwx[o + 2] +
        v3 * dwx[o + 3] +
        v4 * dwx[o + 4] +
        v5 * dwx[o + 5] +
        v6 * dwx[o + 6] +
        v7 * dwx[o + 7] +
        v8 * dwx[o + 8] +
        v9 * dwx[o + 9] +
        v10 * dwx[o + 10] +
        v11 * dwx[o + 11];
      const sv =
        v0 * wx[o] +
        v1 * wx[o + 1] +
        v2 * wx[o + 2] +
        v3 * wx[o + 3] +
        v4 * wx[o + 4] +
        v5 * wx[o + 5] +
        v6 * wx[o + 6] +
        v7 * wx[o + 7] +
        v8 * wx[o + 8] +
        v9 * wx[o + 9] +
        v10 * wx[o + 10] +
        v11 * wx[o + 11];
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
  P: number,
  sb: Float64Array,
  wx: Float64Array,
  wy: Float64Array,
  dwx: Float64Array,
  dwy: Float64Array,
  ix: Int32Array,
  iy: Int32Array,
  pad: Float64Array,
  fx: Float64Array,
  fy: Float64Array,
): void {
  for (let i = i0; i < i1; i++) {
    const o = (i - i0) * s;
    let r = iy[i - i0] * P + ix[i - i0];
    let ax = 0;
    let ay = 0;
    for (let k = 0; k < s; k++, r += P) {
      let sd = 0;
      let sv = 0;
      for (let a = 0; a < s; a++) {
        const v = pad[r + a];
        sd += v * dwx[o + a];
        sv += v * wx[o + a];
      }
      ax += sd * wy[o + k];
      ay += sv * dwy[o + k];
    }
    const b = sb[i];
    fx[i] = b * ax;
    fy[i] = b * ay;
  }
}
