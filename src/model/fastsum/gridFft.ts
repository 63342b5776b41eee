import { FftTables, fftBlock, fftBlockArrays, fftColumns, rowPairs } from '../fft1d';
import type { BlockArrays } from '../fftWasm';

/** Sequences transformed side by side by the batched kernel (power of two). */
const LANES = 8;

/** Doubles of each of the spectrum arrays (re, im, multiplier) of an M×M convolver with cut-off K. */
export function spectrumLength(M: number, K: number): number {
  const lanes = Math.min(LANES, M / 2);
  return Math.ceil((K + 1) / lanes) * M * lanes;
}

/**
 * Memory a convolver may work in instead of its own (views of a block shared with a helper
 * thread, which then runs some of the blocks of each phase on its own convolver over the same
 * arrays): the half spectrum, the multiplier (set by one side only) and one quadratic-form term
 * per column block (summed in block order, so the energy is the same bits however it was split).
 */
export interface SpectrumMemory {
  readonly re: Float64Array;
  readonly im: Float64Array;
  readonly mult: Float64Array;
  readonly quad: Float64Array;
}

/**
 * Real M×M periodic grids (M a power of two; flat index j·M + i, i the x₁ index) convolved with
 * a real multiplier that vanishes outside the square |k₁|, |k₂| ≤ K (K < M/2): the far-field
 * step of the NUFFT. Every transform is the batched 1-D kernel of ../fft1d.ts on a small
 * contiguous block of LANES interleaved sequences (element r of lane s at r·LANES + s), so the
 * passes stay in cache at any M (a batched transform over the whole grid does not: at M ≥ 1024
 * its rows sit on separate pages and one cache set, measured 2× slower than this):
 *  - rows are transformed two at a time as one complex sequence (x_j + i·x_{j+1}), LANES such
 *    pairs per block (packed and transposed where the FFT runs, fft1d.ts rowPairs), and split
 *    by Hermitian symmetry; only the columns k₁ = 0..K are kept (the
 *    multiplier kills the rest), stored as column blocks: H[((k₁ >> log₂LANES)·M + j)·LANES + k₁ mod LANES];
 *  - each column block is transformed along x₂ (bit-reversed out), multiplied (multiplier stored
 *    in the same layout), and transformed back (bit-reversed in, natural out);
 *  - rows are rebuilt two at a time from their (Hermitian) spectra with one complex inverse.
 * Cost: about M/2 + 2(K + 1) + M/2 complex FFTs of length M. Unnormalised: the 1/M² is folded
 * into the multiplier. No allocation after construction; not re-entrant. The three phases are
 * public by block range (forwardRows, columns, inverseRows): each block's numbers do not depend on
 * which thread transforms it, so two convolvers on one SpectrumMemory may split every phase.
 */
export class GridConvolver {
  readonly M: number;
  readonly K: number;
  private readonly fft: FftTables;
  private readonly lanes: number;
  private readonly laneBits: number;
  /** Column blocks of the half spectrum (k₁ = 0..K, padded to whole blocks). */
  readonly blocks: number;
  /** Row blocks (2·lanes rows each) of the row phases. */
  readonly rowBlocks: number;
  /** Rows per row block. */
  readonly blockRows: number;
  /** Row block: LANES row pairs interleaved, [i·lanes + s]. */
  private readonly tRe: Float64Array;
  private readonly tIm: Float64Array;
  /** Half spectrum in column blocks (see the class comment); rows natural or bit-reversed k₂. */
  private readonly hRe: Float64Array;
  private readonly hIm: Float64Array;
  /** Multiplier in the layout of h, rows bit-reversed. */
  private readonly mult: Float64Array;
  /** The quadratic-form term of each column block. */
  private readonly quad: Float64Array;
  /** The row block's arrays where the FFT runs in JavaScript (tRe, tIm). */
  private readonly own: BlockArrays;
  /** Views of each column block of h (transformed in place where the FFT runs in JavaScript). */
  private readonly columnBlocks: BlockArrays[];

  constructor(M: number, K: number, mem?: SpectrumMemory) {
    if (!(M >= 4 && (M & (M - 1)) === 0))
      throw new Error(`GridConvolver: M must be a power of two ≥ 4, got ${M}`);
    if (!(K >= 0 && K < M / 2 && Number.isInteger(K))) throw new Error(`GridConvolver: bad cutoff ${K}`);
    this.M = M;
    this.K = K;
    this.fft = new FftTables(M);
    this.lanes = Math.min(LANES, M / 2);
    this.laneBits = Math.round(Math.log2(this.lanes));
    this.blocks = Math.ceil((K + 1) / this.lanes);
    this.tRe = new Float64Array(M * this.lanes);
    this.tIm = new Float64Array(M * this.lanes);
    this.blockRows = 2 * this.lanes;
    this.rowBlocks = M / this.blockRows;
    const h = this.blocks * M * this.lanes;
    if (
      mem &&
      !(mem.re.length >= h && mem.im.length >= h && mem.mult.length >= h && mem.quad.length >= this.blocks)
    )
      throw new Error('GridConvolver: spectrum memory too small');
    this.hRe = mem ? mem.re.subarray(0, h) : new Float64Array(h);
    this.hIm = mem ? mem.im.subarray(0, h) : new Float64Array(h);
    this.mult = mem ? mem.mult.subarray(0, h) : new Float64Array(h);
    this.quad = mem ? mem.quad.subarray(0, this.blocks) : new Float64Array(this.blocks);
    this.own = { re: this.tRe, im: this.tIm };
    const size = M * this.lanes;
    this.columnBlocks = Array.from({ length: this.blocks }, (_, b) => ({
      re: this.hRe.subarray(b * size, (b + 1) * size),
      im: this.hIm.subarray(b * size, (b + 1) * size),
    }));
  }

  /** Index of (k₁, row) in the column-block layout. */
  private at(k1: number, row: number): number {
    const { M, lanes, laneBits } = this;
    return ((k1 >> laneBits) * M + row) * lanes + (k1 & (lanes - 1));
  }

  /**
   * Set the multiplier from natural layout m[k₁·M + (k₂ mod M)], k₁ = 0..K (even in k₁: the k₁ < 0
   * half is the mirror), entries with |k₂| > K ignored (taken as 0). Include the 1/M² here.
   */
  setMultiplier(m: Float64Array): void {
    const { M, K, mult } = this;
    const rev = this.fft.rev;
    mult.fill(0);
    for (let k1 = 0; k1 <= K; k1++)
      for (let k2 = -K; k2 <= K; k2++) {
        const idx = (k2 + M) % M;
        mult[this.at(k1, rev[idx])] = m[k1 * M + idx];
      }
  }

  /**
   * Row transforms of x into the half spectrum (columns k₁ = 0..K, rows in natural order), row
   * blocks [b0, b1) (rows b·blockRows … (b+1)·blockRows − 1 of x).
   */
  forwardRows(x: Float64Array, b0 = 0, b1 = this.rowBlocks): void {
    const { M, K, fft, lanes, laneBits, hRe, hIm } = this;
    const rev = fft.rev;
    const mask = M - 1;
    const lm = lanes - 1;
    for (let j0 = b0 * 2 * lanes; j0 < b1 * 2 * lanes; j0 += 2 * lanes) {
      const { re: bRe, im: bIm } = fftBlockArrays(fft, lanes, this.own);
      rowPairs(true, fft, lanes, x, j0 * M, bRe, bIm);
      fftBlock(true, fft, lanes, bRe, bIm);
      for (let k = 0; k <= K; k++) {
        const p = rev[k] * lanes;
        const m = rev[(M - k) & mask] * lanes;
        const h0 = ((k >> laneBits) * M + j0) * lanes + (k & lm);
        for (let s = 0; s < lanes; s++) {
          const zr = bRe[p + s];
          const zi = bIm[p + s];
          const cr = bRe[m + s];
          const ci = -bIm[m + s];
          // X_j = (Z + conj Z₋)/2, X_{j+1} = (Z − conj Z₋)/(2i)
          const a = h0 + 2 * s * lanes;
          hRe[a] = 0.5 * (zr + cr);
          hIm[a] = 0.5 * (zi + ci);
          hRe[a + lanes] = 0.5 * (zi - ci);
          hIm[a + lanes] = -0.5 * (zr - cr);
        }
      }
    }
  }

  /**
   * y = IDFT(multiplier · DFT(x)) (unnormalised inverse); x and y may alias. Returns
   * Σ_g x_g y_g = Σ_k multiplier_k |DFT(x)_k|² (computed on the spectrum, so y may overwrite x).
   */
  convolve(x: Float64Array, y: Float64Array): number {
    this.forwardRows(x);
    this.columns();
    this.inverseRows(y);
    return this.quadSum();
  }

  /**
   * Σ_k multiplier_k |DFT(x)_k|² alone, the same bits as convolve returns: without the inverse
   * transforms, half the work (an energy-only evaluation needs no potential on the grid).
   */
  quadForm(x: Float64Array): number {
    this.forwardRows(x);
    this.columns(0, this.blocks, false);
    return this.quadSum();
  }

  /** Σ_g x_g y_g of the last convolution: the column blocks' terms summed in block order. */
  quadSum(): number {
    let quad = 0;
    for (let b = 0; b < this.blocks; b++) quad += this.quad[b];
    return quad;
  }

  /**
   * Column blocks [b0, b1): transform along x₂, multiply (keeping each block's quadratic term),
   * back; with back false only the quadratic terms (the spectrum is left transformed, unmultiplied).
   */
  columns(b0 = 0, b1 = this.blocks, back = true): void {
    const { M, fft, lanes, mult } = this;
    const size = M * lanes;
    for (let b = b0; b < b1; b++) {
      const c0 = b * size;
      // both transforms and the product where the FFT runs: one copy in and one out
      const own = this.columnBlocks[b];
      const { re: bRe, im: bIm } = fftBlockArrays(fft, lanes, own);
      const copied = bRe !== own.re;
      if (copied) {
        bRe.set(own.re);
        bIm.set(own.im);
      }
      fftBlock(true, fft, lanes, bRe, bIm);
      // column k₁ = 0 stands for one mode, the others for ±k₁
      let edge = 0;
      let s = 0;
      for (let p = 0; p < size; p++) {
        const m = mult[c0 + p];
        const a = bRe[p];
        const v = bIm[p];
        const e = m * (a * a + v * v);
        if (b === 0 && (p & (lanes - 1)) === 0) edge += e;
        else s += e;
        if (!back) continue;
        bRe[p] = a * m;
        bIm[p] = v * m;
      }
      this.quad[b] = edge + 2 * s;
      if (back) fftBlock(false, fft, lanes, bRe, bIm);
      if (copied) {
        own.re.set(bRe.subarray(0, size));
        own.im.set(bIm.subarray(0, size));
      }
    }
  }

  /** Inverse rows of row blocks [b0, b1) into y, two at a time: Z = Y_j + i·Y_{j+1} over the full k₁ range (bit-reversed). */
  inverseRows(y: Float64Array, b0 = 0, b1 = this.rowBlocks): void {
    const { M, K, fft, lanes, laneBits, hRe, hIm } = this;
    const rev = fft.rev;
    const lm = lanes - 1;
    const size = M * lanes;
    for (let j0 = b0 * 2 * lanes; j0 < b1 * 2 * lanes; j0 += 2 * lanes) {
      const { re: bRe, im: bIm } = fftBlockArrays(fft, lanes, this.own);
      bRe.fill(0, 0, size);
      bIm.fill(0, 0, size);
      for (let k = 0; k <= K; k++) {
        const p = rev[k] * lanes;
        const q = rev[(M - k) & (M - 1)] * lanes;
        const h0 = ((k >> laneBits) * M + j0) * lanes + (k & lm);
        for (let s = 0; s < lanes; s++) {
          const a = h0 + 2 * s * lanes;
          const ar = hRe[a];
          const ai = hIm[a];
          const br = hRe[a + lanes];
          const bi = hIm[a + lanes];
          bRe[p + s] = ar - bi;
          bIm[p + s] = ai + br;
          if (k > 0) {
            // Z[−k] = conj A + i conj B
            bRe[q + s] = ar + bi;
            bIm[q + s] = br - ai;
          }
        }
      }
      fftBlock(false, fft, lanes, bRe, bIm);
      rowPairs(false, fft, lanes, y, j0 * M, bRe, bIm);
    }
  }

  /**
   * Forward DFT X[k₁, k₂] = Σ x[j·M + i] e^{−2πi(k₁i + k₂j)/M} for k₁ = 0..K, all k₂:
   * re/im[k₁·M + (k₂ mod M)].
   */
  forward(x: Float64Array, re: Float64Array, im: Float64Array): void {
    const { M, K, fft, lanes, blocks, hRe, hIm } = this;
    const rev = fft.rev;
    this.forwardRows(x);
    for (let b = 0; b < blocks; b++) {
      const c0 = b * M * lanes;
      fftColumns(true, hRe, hIm, lanes, fft, c0, c0 + lanes);
    }
    for (let k = 0; k <= K; k++)
      for (let q = 0; q < M; q++) {
        const p = this.at(k, rev[q]);
        re[k * M + q] = hRe[p];
        im[k * M + q] = hIm[p];
      }
  }
}
