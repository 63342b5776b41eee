/**
 * 2D FFT helper for real N×N fields on the torus (N a power of two, N ≥ 4).
 *
 * Layout of a field: flat index j·N + i, i the x₁ index (fast), j the x₂ index (slow).
 * DFT convention (unnormalised, forward): X[k₁,k₂] = Σ_{j,i} x[j·N+i] e^{−2πi(k₁ i + k₂ j)/N}.
 *
 * Implementation (no allocation after construction, everything in Float64Arrays):
 *  - the real field is packed as an N × N/2 complex matrix (columns c and c + N/2 as real and
 *    imaginary parts) and transformed along x₂ for all columns at once ("batched" radix-2/4
 *    butterflies whose inner loop runs over contiguous columns, cache-blocked);
 *  - the two real columns are separated by Hermitian symmetry, keeping k₂ = 0..N/2 only, and
 *    written transposed, so that the x₁ transform is batched the same way;
 *  - forward transforms are decimation in frequency (natural order in, bit-reversed out), inverse
 *    ones decimation in time (bit-reversed in, natural out): a convolution with a pointwise
 *    multiplier therefore never reorders anything (the multiplier is stored bit-reversed).
 * Cost of one real convolution: about 2N complex FFTs of length N (half of a complex 2D pair),
 * less when the multiplier is band-limited (k₂ columns beyond its last nonzero one are skipped).
 * Measured against a convolution built on fft.js (rows realTransform, columns complex, two rows per
 * inverse): this plan is 1.5–1.8× faster for N = 128…512 (no bit-reversal pass, no per-call
 * overhead, contiguous inner loops).
 */

/** Signed wavenumber of DFT index m on an N-grid: m for m < N/2, m − N otherwise (Nyquist → −N/2). */
export function signedWavenumber(m: number, N: number): number {
  return m < N / 2 ? m : m - N;
}

export function isPowerOfTwo(N: number): boolean {
  return Number.isInteger(N) && N >= 4 && (N & (N - 1)) === 0;
}

/** Column block for the batched butterflies: rows × block × 16 bytes stays within ~256 kB. */
function columnBlock(rows: number, width: number): number {
  const b = Math.max(8, Math.floor(16384 / rows));
  return Math.min(width, b);
}

/**
 * Batched forward DIF FFT along the slow index of an n × W complex matrix (row stride W), columns
 * [c0, c1): natural order in, bit-reversed rows out. Radix-4 passes, one radix-2 pass when log₂n is odd.
 * cosT/sinT: cos, sin of 2πt/n for t < n (sin with the + sign; the forward kernel uses −sin).
 */
function difBatched(
  re: Float64Array,
  im: Float64Array,
  n: number,
  W: number,
  c0: number,
  c1: number,
  cosT: Float64Array,
  sinT: Float64Array,
): void {
  let len = n;
  // Radix-4 DIF passes while len ≥ 4 and an even number of bits remain, else a radix-2 first.
  let bits = Math.round(Math.log2(n));
  if (bits % 2 === 1) {
    // radix-2 pass at full length
    const half = len >> 1;
    const tstep = n / len;
    for (let start = 0; start < n; start += len) {
      for (let m = 0; m < half; m++) {
        const wr = cosT[m * tstep];
        const wi = -sinT[m * tstep];
        const a = (start + m) * W;
        const b = (start + m + half) * W;
        if (m === 0) {
          for (let c = c0; c < c1; c++) {
            const ar = re[a + c];
            const ai = im[a + c];
            const br = re[b + c];
            const bi = im[b + c];
            re[a + c] = ar + br;
            im[a + c] = ai + bi;
            re[b + c] = ar - br;
            im[b + c] = ai - bi;
          }
        } else {
          for (let c = c0; c < c1; c++) {
            const ar = re[a + c];
            const ai = im[a + c];
            const br = re[b + c];
            const bi = im[b + c];
            re[a + c] = ar + br;
            im[a + c] = ai + bi;
            const dr = ar - br;
            const di = ai - bi;
            re[b + c] = dr * wr - di * wi;
            im[b + c] = dr * wi + di * wr;
          }
        }
      }
    }
    len = half;
    bits--;
  }
  // Radix-4 DIF: for a block of length len, q = len/4, inputs x0..x3 at m, m+q, m+2q, m+3q.
  // y0 = x0+x1+x2+x3 → index m; y2 = (x0−x1+x2−x3)ω^{2m} → m+q (bit-reversed position);
  // y1 = (x0−ix1−x2+ix3)ω^m → m+2q; y3 = (x0+ix1−x2−ix3)ω^{3m} → m+3q. ω = e^{−2πi/len}.
  // Writing y1 to slot m+2q and y2 to slot m+q keeps the overall output in bit-reversed order.
  while (len >= 4) {
    const q = len >> 2;
    const tstep = n / len;
    for (let start = 0; start < n; start += len) {
      for (let m = 0; m < q; m++) {
        const r0 = (start + m) * W;
        const r1 = r0 + q * W;
        const r2 = r1 + q * W;
        const r3 = r2 + q * W;
        if (m === 0) {
          for (let c = c0; c < c1; c++) {
            const x0r = re[r0 + c];
            const x0i = im[r0 + c];
            const x1r = re[r1 + c];
            const x1i = im[r1 + c];
            const x2r = re[r2 + c];
            const x2i = im[r2 + c];
            const x3r = re[r3 + c];
            const x3i = im[r3 + c];
            const s02r = x0r + x2r;
            const s02i = x0i + x2i;
            const d02r = x0r - x2r;
            const d02i = x0i - x2i;
            const s13r = x1r + x3r;
            const s13i = x1i + x3i;
            const d13r = x1r - x3r;
            const d13i = x1i - x3i;
            re[r0 + c] = s02r + s13r;
            im[r0 + c] = s02i + s13i;
            re[r1 + c] = s02r - s13r;
            im[r1 + c] = s02i - s13i;
            // y1 = d02 − i d13
            re[r2 + c] = d02r + d13i;
            im[r2 + c] = d02i - d13r;
            // y3 = d02 + i d13
            re[r3 + c] = d02r - d13i;
            im[r3 + c] = d02i + d13r;
          }
        } else {
          const t1 = m * tstep;
          const w1r = cosT[t1];
          const w1i = -sinT[t1];
          const w2r = cosT[2 * t1];
          const w2i = -sinT[2 * t1];
          const t3 = (3 * t1) % n;
          const w3r = cosT[t3];
          const w3i = -sinT[t3];
          for (let c = c0; c < c1; c++) {
            const x0r = re[r0 + c];
            const x0i = im[r0 + c];
            const x1r = re[r1 + c];
            const x1i = im[r1 + c];
            const x2r = re[r2 + c];
            const x2i = im[r2 + c];
            const x3r = re[r3 + c];
            const x3i = im[r3 + c];
            const s02r = x0r + x2r;
            const s02i = x0i + x2i;
            const d02r = x0r - x2r;
            const d02i = x0i - x2i;
            const s13r = x1r + x3r;
            const s13i = x1i + x3i;
            const d13r = x1r - x3r;
            const d13i = x1i - x3i;
            re[r0 + c] = s02r + s13r;
            im[r0 + c] = s02i + s13i;
            const y2r = s02r - s13r;
            const y2i = s02i - s13i;
            re[r1 + c] = y2r * w2r - y2i * w2i;
            im[r1 + c] = y2r * w2i + y2i * w2r;
            const y1r = d02r + d13i;
            const y1i = d02i - d13r;
            re[r2 + c] = y1r * w1r - y1i * w1i;
            im[r2 + c] = y1r * w1i + y1i * w1r;
            const y3r = d02r - d13i;
            const y3i = d02i + d13r;
            re[r3 + c] = y3r * w3r - y3i * w3i;
            im[r3 + c] = y3r * w3i + y3i * w3r;
          }
        }
      }
    }
    len = q;
  }
}

/**
 * Batched inverse DIT FFT (kernel e^{+2πi…}, unnormalised), exact mirror of difBatched:
 * bit-reversed rows in, natural order out.
 */
function ditBatched(
  re: Float64Array,
  im: Float64Array,
  n: number,
  W: number,
  c0: number,
  c1: number,
  cosT: Float64Array,
  sinT: Float64Array,
): void {
  const bits = Math.round(Math.log2(n));
  // Radix-4 passes from len = 4 upward over the even part, then a final radix-2 pass if odd.
  const r4limit = bits % 2 === 1 ? n >> 1 : n;
  for (let len = 4; len <= r4limit; len <<= 2) {
    const q = len >> 2;
    const tstep = n / len;
    for (let start = 0; start < n; start += len) {
      for (let m = 0; m < q; m++) {
        const r0 = (start + m) * W;
        const r1 = r0 + q * W;
        const r2 = r1 + q * W;
        const r3 = r2 + q * W;
        if (m === 0) {
          for (let c = c0; c < c1; c++) {
            const y0r = re[r0 + c];
            const y0i = im[r0 + c];
            const y2r = re[r1 + c];
            const y2i = im[r1 + c];
            const y1r = re[r2 + c];
            const y1i = im[r2 + c];
            const y3r = re[r3 + c];
            const y3i = im[r3 + c];
            const s02r = y0r + y2r;
            const s02i = y0i + y2i;
            const d02r = y0r - y2r;
            const d02i = y0i - y2i;
            const s13r = y1r + y3r;
            const s13i = y1i + y3i;
            const d13r = y1r - y3r;
            const d13i = y1i - y3i;
            re[r0 + c] = s02r + s13r;
            im[r0 + c] = s02i + s13i;
            re[r2 + c] = s02r - s13r;
            im[r2 + c] = s02i - s13i;
            // x1 = d02 + i d13 ; x3 = d02 − i d13
            re[r1 + c] = d02r - d13i;
            im[r1 + c] = d02i + d13r;
            re[r3 + c] = d02r + d13i;
            im[r3 + c] = d02i - d13r;
          }
        } else {
          const t1 = m * tstep;
          const w1r = cosT[t1];
          const w1i = sinT[t1];
          const w2r = cosT[2 * t1];
          const w2i = sinT[2 * t1];
          const t3 = (3 * t1) % n;
          const w3r = cosT[t3];
          const w3i = sinT[t3];
          for (let c = c0; c < c1; c++) {
            const a0r = re[r0 + c];
            const a0i = im[r0 + c];
            const b2r = re[r1 + c];
            const b2i = im[r1 + c];
            const b1r = re[r2 + c];
            const b1i = im[r2 + c];
            const b3r = re[r3 + c];
            const b3i = im[r3 + c];
            // undo the twiddles (conjugate of the forward ones)
            const y2r = b2r * w2r - b2i * w2i;
            const y2i = b2r * w2i + b2i * w2r;
            const y1r = b1r * w1r - b1i * w1i;
            const y1i = b1r * w1i + b1i * w1r;
            const y3r = b3r * w3r - b3i * w3i;
            const y3i = b3r * w3i + b3i * w3r;
            const s02r = a0r + y2r;
            const s02i = a0i + y2i;
            const d02r = a0r - y2r;
            const d02i = a0i - y2i;
            const s13r = y1r + y3r;
            const s13i = y1i + y3i;
            const d13r = y1r - y3r;
            const d13i = y1i - y3i;
            re[r0 + c] = s02r + s13r;
            im[r0 + c] = s02i + s13i;
            re[r2 + c] = s02r - s13r;
            im[r2 + c] = s02i - s13i;
            re[r1 + c] = d02r - d13i;
            im[r1 + c] = d02i + d13r;
            re[r3 + c] = d02r + d13i;
            im[r3 + c] = d02i - d13r;
          }
        }
      }
    }
  }
  if (bits % 2 === 1) {
    const len = n;
    const half = len >> 1;
    for (let m = 0; m < half; m++) {
      const wr = cosT[m];
      const wi = sinT[m];
      const a = m * W;
      const b = (m + half) * W;
      for (let c = c0; c < c1; c++) {
        const ar = re[a + c];
        const ai = im[a + c];
        const br0 = re[b + c];
        const bi0 = im[b + c];
        const br = br0 * wr - bi0 * wi;
        const bi = br0 * wi + bi0 * wr;
        re[a + c] = ar + br;
        im[a + c] = ai + bi;
        re[b + c] = ar - br;
        im[b + c] = ai - bi;
      }
    }
  }
}

/**
 * Output order of difBatched: plain binary bit reversal over log₂n bits. (A radix-4 DIF pass puts
 * the sub-sequence of frequencies ≡ r (mod 4) into slot bitrev₂(r) — y₁ and y₂ swapped — which is
 * exactly binary bit reversal of the two low frequency bits; a leading radix-2 pass likewise.)
 */
function outputPermutation(n: number): Int32Array {
  const bits = Math.round(Math.log2(n));
  const rev = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    let r = 0;
    for (let b = 0; b < bits; b++) if (p & (1 << b)) r |= 1 << (bits - 1 - b);
    rev[p] = r;
  }
  return rev;
}

/**
 * Batched transform of the columns [0, cols) of an n × W matrix (row stride W), cache-blocked;
 * forward DIF or inverse DIT.
 */
function batched(
  forward: boolean,
  re: Float64Array,
  im: Float64Array,
  n: number,
  W: number,
  cosT: Float64Array,
  sinT: Float64Array,
  cols = W,
): void {
  const cb = columnBlock(n, cols);
  for (let c0 = 0; c0 < cols; c0 += cb) {
    const c1 = Math.min(cols, c0 + cb);
    if (forward) difBatched(re, im, n, W, c0, c1, cosT, sinT);
    else ditBatched(re, im, n, W, c0, c1, cosT, sinT);
  }
}

/** Pack a real N×N field as N × N/2 complex: columns c (real part) and c + N/2 (imaginary part). */
function packColumns(x: Float64Array, N: number, aRe: Float64Array, aIm: Float64Array): void {
  const H = N >> 1;
  for (let j = 0; j < N; j++) {
    const o = j * N;
    const r = j * H;
    for (let c = 0; c < H; c++) {
      aRe[r + c] = x[o + c];
      aIm[r + c] = x[o + H + c];
    }
  }
}

/** Inverse of packColumns, adding the field `add` if given (saves a pass over y). */
function unpackColumns(
  aRe: Float64Array,
  aIm: Float64Array,
  N: number,
  y: Float64Array,
  add?: Float64Array,
): void {
  const H = N >> 1;
  for (let j = 0; j < N; j++) {
    const o = j * N;
    const r = j * H;
    if (add)
      for (let c = 0; c < H; c++) {
        y[o + c] = aRe[r + c] + add[o + c];
        y[o + H + c] = aIm[r + c] + add[o + H + c];
      }
    else
      for (let c = 0; c < H; c++) {
        y[o + c] = aRe[r + c];
        y[o + H + c] = aIm[r + c];
      }
  }
}

/**
 * After the x₂ transform of the packed columns (rows bit-reversed in k₂): separate the two real
 * columns by Hermitian symmetry, X_c = (Z + conj Z')/2, X_{c+H} = (Z − conj Z')/(2i) with
 * Z' = Z(N − k₂), keep k₂ = 0..N/2, and write transposed: B[i][k₂] (row stride N/2 + 1).
 */
function separateTranspose(
  aRe: Float64Array,
  aIm: Float64Array,
  N: number,
  rev: Int32Array,
  bRe: Float64Array,
  bIm: Float64Array,
  kb: number,
): void {
  const H = N >> 1;
  const W = H + 1;
  for (let k2 = 0; k2 <= kb; k2++) {
    const p = rev[k2] * H;
    const q = rev[(N - k2) & (N - 1)] * H;
    for (let c = 0; c < H; c++) {
      const zr = aRe[p + c];
      const zi = aIm[p + c];
      const yr = aRe[q + c];
      const yi = -aIm[q + c];
      bRe[c * W + k2] = 0.5 * (zr + yr);
      bIm[c * W + k2] = 0.5 * (zi + yi);
      bRe[(c + H) * W + k2] = 0.5 * (zi - yi);
      bIm[(c + H) * W + k2] = -0.5 * (zr - yr);
    }
  }
}

/**
 * Inverse of separateTranspose after the inverse x₁ transform: Z = Y_c + i·Y_{c+H} for all k₂
 * (Y(k₂) = conj Y(N − k₂) above N/2), rows placed bit-reversed for the inverse DIT. Columns
 * k₂ > kb (outside the multiplier's band) are zero.
 */
function combineTranspose(
  bRe: Float64Array,
  bIm: Float64Array,
  N: number,
  rev: Int32Array,
  aRe: Float64Array,
  aIm: Float64Array,
  kb: number,
): void {
  const H = N >> 1;
  const W = H + 1;
  for (let k2 = 0; k2 < N; k2++) {
    const p = rev[k2] * H;
    const kk = k2 <= H ? k2 : N - k2;
    if (kk > kb) {
      aRe.fill(0, p, p + H);
      aIm.fill(0, p, p + H);
      continue;
    }
    const sg = k2 <= H ? 1 : -1;
    for (let c = 0; c < H; c++) {
      const ar = bRe[c * W + kk];
      const ai = sg * bIm[c * W + kk];
      const br = bRe[(c + H) * W + kk];
      const bi = sg * bIm[(c + H) * W + kk];
      aRe[p + c] = ar - bi;
      aIm[p + c] = ai + br;
    }
  }
}

/** B ← M·B on the columns [0, kb] of an n × W matrix. */
function multiplyReal(
  re: Float64Array,
  im: Float64Array,
  mult: Float64Array,
  n: number,
  W: number,
  kb: number,
): void {
  for (let r = 0; r < n; r++) {
    const o = r * W;
    for (let c = 0; c <= kb; c++) {
      const m = mult[o + c];
      re[o + c] *= m;
      im[o + c] *= m;
    }
  }
}

/**
 * A plan for real N×N fields: forward spectra and convolutions with real, even multipliers.
 * One instance per grid size; not re-entrant (owns its work arrays).
 */
export class RealFFT2D {
  readonly N: number;
  private readonly H: number;
  private readonly cosT: Float64Array;
  private readonly sinT: Float64Array;
  /** rev[p] = frequency held by row p after a DIF (bit reversal, an involution). */
  readonly rev: Int32Array;
  private readonly aRe: Float64Array;
  private readonly aIm: Float64Array;
  private readonly bRe: Float64Array;
  private readonly bIm: Float64Array;
  /** Last nonzero k₂ column of each tabulated multiplier. */
  private readonly bands = new WeakMap<Float64Array, number>();

  constructor(N: number) {
    if (!isPowerOfTwo(N)) throw new Error(`RealFFT2D: N must be a power of two ≥ 4, got ${N}`);
    this.N = N;
    const H = N >> 1;
    this.H = H;
    this.cosT = new Float64Array(N);
    this.sinT = new Float64Array(N);
    for (let t = 0; t < N; t++) {
      this.cosT[t] = Math.cos((2 * Math.PI * t) / N);
      this.sinT[t] = Math.sin((2 * Math.PI * t) / N);
    }
    this.rev = outputPermutation(N);
    this.aRe = new Float64Array(N * H);
    this.aIm = new Float64Array(N * H);
    this.bRe = new Float64Array(N * (H + 1));
    this.bIm = new Float64Array(N * (H + 1));
  }

  /**
   * Tabulate a multiplier M(k₁, k₂) (signed wavenumbers, −N/2 ≤ k < N/2) in the plan's internal
   * order, with the 1/N² of the inverse DFT folded in. M must be even in k₁ and in k₂ separately
   * (true for every kernel of MATH §2), so the Nyquist rows/columns are unambiguous and a real
   * field stays real.
   */
  tabulateMultiplier(M: (k1: number, k2: number) => number): Float64Array {
    const { N, H, rev } = this;
    const W = H + 1;
    const out = new Float64Array(N * W);
    const s = 1 / (N * N);
    let max = 0;
    for (let p = 0; p < N; p++) {
      const k1 = signedWavenumber(rev[p], N);
      for (let k2 = 0; k2 <= H; k2++) {
        const v = M(k1, k2 === H ? -H : k2) * s;
        out[p * W + k2] = v;
        max = Math.max(max, Math.abs(v));
      }
    }
    // Band: entries below 1e-17 of the largest are set to 0 (they change results below round-off),
    // and the columns k₂ beyond the last nonzero one are skipped by convolve (a gaussian core
    // with δ = 0.05 needs |k₂| ≤ 28 only).
    let kb = 0;
    for (let t = 0; t < out.length; t++) {
      if (Math.abs(out[t]) < 1e-17 * max) out[t] = 0;
      else kb = Math.max(kb, t % W);
    }
    this.bands.set(out, kb);
    return out;
  }

  /** Forward transform into the internal half spectrum (B[p₁][k₂], p₁ bit-reversed k₁, k₂ = 0..N/2). */
  private forwardHalf(x: Float64Array, kb: number): void {
    const { N, H, aRe, aIm, bRe, bIm, rev, cosT, sinT } = this;
    packColumns(x, N, aRe, aIm);
    batched(true, aRe, aIm, N, H, cosT, sinT);
    separateTranspose(aRe, aIm, N, rev, bRe, bIm, kb);
    batched(true, bRe, bIm, N, H + 1, cosT, sinT, kb + 1);
  }

  /**
   * y = IDFT(M · DFT(x)) (+ add, if given) for a tabulated multiplier (tabulateMultiplier). x and
   * y may alias; add must not alias y.
   */
  convolve(x: Float64Array, mult: Float64Array, y: Float64Array, add?: Float64Array): void {
    const { N, H, aRe, aIm, bRe, bIm, rev, cosT, sinT } = this;
    const kb = this.bands.get(mult) ?? H;
    this.forwardHalf(x, kb);
    multiplyReal(bRe, bIm, mult, N, H + 1, kb);
    batched(false, bRe, bIm, N, H + 1, cosT, sinT, kb + 1);
    combineTranspose(bRe, bIm, N, rev, aRe, aIm, kb);
    batched(false, aRe, aIm, N, H, cosT, sinT);
    unpackColumns(aRe, aIm, N, y, add);
  }

  /**
   * Full forward DFT of a real field in natural order: re/im[k₂·N + k₁] = X[k₁, k₂] (indices mod N).
   */
  forward(x: Float64Array, re: Float64Array, im: Float64Array): void {
    const { N, H, bRe, bIm, rev } = this;
    this.forwardHalf(x, H);
    const W = H + 1;
    for (let p = 0; p < N; p++) {
      const k1 = rev[p];
      const nk1 = (N - k1) & (N - 1);
      for (let k2 = 0; k2 <= H; k2++) {
        const vr = bRe[p * W + k2];
        const vi = bIm[p * W + k2];
        re[k2 * N + k1] = vr;
        im[k2 * N + k1] = vi;
        if (k2 > 0 && k2 < H) {
          re[(N - k2) * N + nk1] = vr;
          im[(N - k2) * N + nk1] = -vi;
        }
      }
    }
  }
}

const sharedPlans = new Map<number, RealFFT2D>();

/**
 * A plan per grid size shared within this thread (each worker has its own module instance). For
 * one-off diagnostics that should not rebuild tables on every call; plans are not re-entrant, which
 * is fine for synchronous callers.
 */
export function sharedPlan(N: number): RealFFT2D {
  let p = sharedPlans.get(N);
  if (!p) {
    p = new RealFFT2D(N);
    sharedPlans.set(N, p);
  }
  return p;
}
