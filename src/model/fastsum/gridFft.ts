import { Fft1D } from './fft1d';

/** Rows staged per transposition block (even). */
const BLOCK = 16;

/**
 * Real M×M periodic grids (M a power of two; flat index j·M + i, i the x₁ index) convolved with
 * a real multiplier that vanishes outside the square |k₁|, |k₂| ≤ K (K < M/2): the far-field
 * step of the NUFFT.
 *  - rows are transformed two at a time as one complex sequence (x_j + i·x_{j+1}) and split by
 *    Hermitian symmetry; only the columns k₁ = 0..K are kept (the multiplier kills the rest), and
 *    they are stored column-major so the column transforms run on contiguous data;
 *  - those K + 1 columns are transformed (bit-reversed out), multiplied (multiplier stored
 *    bit-reversed), and transformed back (bit-reversed in, natural out);
 *  - rows are rebuilt two at a time from their (Hermitian) spectra with one complex inverse.
 * Cost: about M/2 + 2(K + 1) + M/2 complex FFTs of length M. Unnormalised: the 1/M² is folded
 * into the multiplier. No allocation after construction; not re-entrant.
 */
export class GridConvolver {
  readonly M: number;
  readonly K: number;
  private readonly fft: Fft1D;
  private readonly tRe: Float64Array;
  private readonly tIm: Float64Array;
  /** Half spectrum, column-major: [k₁·M + row or (bit-reversed) k₂] for k₁ = 0..K. */
  private readonly hRe: Float64Array;
  private readonly hIm: Float64Array;
  /** Multiplier in the internal (bit-reversed k₂) order. */
  private readonly mult: Float64Array;
  /** Row-block staging for the transposition, [row in block·(K+1) + k₁]. */
  private readonly bRe: Float64Array;
  private readonly bIm: Float64Array;

  constructor(M: number, K: number) {
    if (!(M >= 4 && (M & (M - 1)) === 0))
      throw new Error(`GridConvolver: M must be a power of two ≥ 4, got ${M}`);
    if (!(K >= 0 && K < M / 2 && Number.isInteger(K))) throw new Error(`GridConvolver: bad cutoff ${K}`);
    this.M = M;
    this.K = K;
    this.fft = new Fft1D(M);
    this.tRe = new Float64Array(M);
    this.tIm = new Float64Array(M);
    this.hRe = new Float64Array((K + 1) * M);
    this.hIm = new Float64Array((K + 1) * M);
    this.mult = new Float64Array((K + 1) * M);
    this.bRe = new Float64Array(Math.min(BLOCK, M) * (K + 1));
    this.bIm = new Float64Array(Math.min(BLOCK, M) * (K + 1));
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
        mult[k1 * M + rev[idx]] = m[k1 * M + idx];
      }
  }

  /** Row transforms of x into the half spectrum (columns k₁ = 0..K, rows in natural order). */
  private forwardRows(x: Float64Array): void {
    const { M, K, fft, tRe, tIm, hRe, hIm, bRe, bIm } = this;
    const rev = fft.rev;
    const mask = M - 1;
    const W = K + 1;
    const block = Math.min(BLOCK, M);
    for (let j0 = 0; j0 < M; j0 += block) {
      for (let r = 0; r < block; r += 2) {
        const o0 = (j0 + r) * M;
        const o1 = o0 + M;
        for (let i = 0; i < M; i++) {
          tRe[i] = x[o0 + i];
          tIm[i] = x[o1 + i];
        }
        fft.forward(tRe, tIm, 0);
        const c0 = r * W;
        const c1 = c0 + W;
        for (let k = 0; k <= K; k++) {
          const p = rev[k];
          const m = rev[(M - k) & mask];
          const zr = tRe[p];
          const zi = tIm[p];
          const cr = tRe[m];
          const ci = -tIm[m];
          // X_j = (Z + conj Z₋)/2, X_{j+1} = (Z − conj Z₋)/(2i)
          bRe[c0 + k] = 0.5 * (zr + cr);
          bIm[c0 + k] = 0.5 * (zi + ci);
          bRe[c1 + k] = 0.5 * (zi - ci);
          bIm[c1 + k] = -0.5 * (zr - cr);
        }
      }
      for (let k = 0; k <= K; k++) {
        const c = k * M + j0;
        for (let r = 0; r < block; r++) {
          hRe[c + r] = bRe[r * W + k];
          hIm[c + r] = bIm[r * W + k];
        }
      }
    }
  }

  /**
   * y = IDFT(multiplier · DFT(x)) (unnormalised inverse); x and y may alias. Returns
   * Σ_g x_g y_g = Σ_k multiplier_k |DFT(x)_k|² (computed on the spectrum, so y may overwrite x).
   */
  convolve(x: Float64Array, y: Float64Array): number {
    const { M, K, fft, tRe, tIm, hRe, hIm, mult } = this;
    const rev = fft.rev;
    this.forwardRows(x);
    let quad = 0;
    for (let k = 0; k <= K; k++) {
      const c = k * M;
      fft.forward(hRe, hIm, c);
      let s = 0;
      for (let p = c; p < c + M; p++) {
        const m = mult[p];
        const a = hRe[p];
        const b = hIm[p];
        s += m * (a * a + b * b);
        hRe[p] = a * m;
        hIm[p] = b * m;
      }
      quad += k === 0 ? s : 2 * s;
      fft.inverse(hRe, hIm, c);
    }
    // Inverse rows two at a time: Z = Y_j + i·Y_{j+1} over the full k₁ range (bit-reversed).
    const W = K + 1;
    const block = Math.min(BLOCK, M);
    const { bRe, bIm } = this;
    for (let j0 = 0; j0 < M; j0 += block) {
      for (let k = 0; k <= K; k++) {
        const c = k * M + j0;
        for (let r = 0; r < block; r++) {
          bRe[r * W + k] = hRe[c + r];
          bIm[r * W + k] = hIm[c + r];
        }
      }
      for (let r = 0; r < block; r += 2) {
        tRe.fill(0);
        tIm.fill(0);
        const c0 = r * W;
        const c1 = c0 + W;
        for (let k = 0; k <= K; k++) {
          const ar = bRe[c0 + k];
          const ai = bIm[c0 + k];
          const br = bRe[c1 + k];
          const bi = bIm[c1 + k];
          let p = rev[k];
          tRe[p] = ar - bi;
          tIm[p] = ai + br;
          if (k > 0) {
            // Z[−k] = conj A + i conj B
            p = rev[M - k];
            tRe[p] = ar + bi;
            tIm[p] = br - ai;
          }
        }
        fft.inverse(tRe, tIm, 0);
        const o0 = (j0 + r) * M;
        const o1 = o0 + M;
        for (let i = 0; i < M; i++) {
          y[o0 + i] = tRe[i];
          y[o1 + i] = tIm[i];
        }
      }
    }
    return quad;
  }

  /**
   * Forward DFT X[k₁, k₂] = Σ x[j·M + i] e^{−2πi(k₁i + k₂j)/M} for k₁ = 0..K, all k₂:
   * re/im[k₁·M + (k₂ mod M)].
   */
  forward(x: Float64Array, re: Float64Array, im: Float64Array): void {
    const { M, K, fft, hRe, hIm } = this;
    const rev = fft.rev;
    this.forwardRows(x);
    for (let k = 0; k <= K; k++) {
      const c = k * M;
      fft.forward(hRe, hIm, c);
      for (let q = 0; q < M; q++) {
        re[c + q] = hRe[c + rev[q]];
        im[c + q] = hIm[c + rev[q]];
      }
    }
  }
}
