/**
 * The project's one 1-D FFT kernel: in-place complex FFTs of length n (a power of two ≥ 2) along
 * the slow index of an n × W matrix in split re/im Float64Arrays (row stride W), for a batch of
 * columns at once ("batched" radix-4 butterflies whose inner loop runs over contiguous columns,
 * cache-blocked). A single contiguous sequence is the case W = 1 with one column.
 *
 *  - forward: decimation in frequency, natural order in, bit-reversed rows out, kernel e^{−2πi…};
 *  - inverse: decimation in time, bit-reversed rows in, natural order out, kernel e^{+2πi…},
 *    unnormalised.
 * A pointwise product between the two therefore needs no reordering (store the multiplier
 * bit-reversed). Radix-4 passes, one radix-2 pass when log₂n is odd. No allocation after the
 * tables are built.
 *
 * Used by the 2D real FFT (fft2.ts: the PDE solver and the diagnostics) and by the fast sum's grid
 * convolution (fastsum/gridFft.ts, on blocks of 8 interleaved sequences). (Our own rather than fft.js: fft.js runs 2–7× slower on
 * typed arrays, and its shared code goes polymorphic when other modules call it with plain arrays;
 * fft.js stays as a test oracle.) Blocks of two columns or more run the same passes in
 * WebAssembly SIMD (fftWasm.ts, the same bits) where it is available; these loops are the fallback
 * and the module's oracle.
 */
import { type BlockArrays, copyColumns, fftPasses } from './fftWasm';

/** Twiddles cos, sin of 2πt/n (t < n) and the output order of the forward transform. */
export class FftTables {
  readonly n: number;
  readonly cosT: Float64Array;
  readonly sinT: Float64Array;
  /** rev[p] = frequency held by row p after a forward transform (bit reversal, an involution). */
  readonly rev: Int32Array;
  /** Contiguous copy of one column block (fftColumns on wide matrices). */
  readonly blockRe: Float64Array;
  readonly blockIm: Float64Array;

  constructor(n: number) {
    if (!(Number.isInteger(n) && n >= 2 && (n & (n - 1)) === 0))
      throw new Error(`FftTables: n must be a power of two ≥ 2, got ${n}`);
    this.n = n;
    this.cosT = new Float64Array(n);
    this.sinT = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      this.cosT[t] = Math.cos((2 * Math.PI * t) / n);
      this.sinT[t] = Math.sin((2 * Math.PI * t) / n);
    }
    this.rev = outputPermutation(n);
    this.blockRe = new Float64Array(n * columnBlock(n, Number.POSITIVE_INFINITY));
    this.blockIm = new Float64Array(this.blockRe.length);
  }
}

/**
 * Row stride (in doubles) from which fftColumns works on a contiguous copy of each column block:
 * beyond it every row of a block sits on its own memory page, and the passes over the block thrash
 * the TLB (measured: the batched transform of a 2048 × 1024 matrix 2.6× slower in place).
 */
const WIDE = 512;

/** Column block for the batched butterflies: rows × block × 16 bytes stays within ~256 kB. */
function columnBlock(rows: number, width: number): number {
  const b = Math.max(1, Math.floor(16384 / rows));
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
    for (let m = 0; m < q; m++) {
      // twiddles ω^m, ω^{2m}, ω^{3m} (3m·tstep < n: no wrap), shared by all blocks of this pass
      const t1 = m * tstep;
      const w1r = cosT[t1];
      const w1i = -sinT[t1];
      const w2r = cosT[2 * t1];
      const w2i = -sinT[2 * t1];
      const t3 = 3 * t1;
      const w3r = cosT[t3];
      const w3i = -sinT[t3];
      for (let start = 0; start < n; start += len) {
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
    for (let m = 0; m < q; m++) {
      // twiddles ω^m, ω^{2m}, ω^{3m} (3m·tstep < n: no wrap), shared by all blocks of this pass
      const t1 = m * tstep;
      const w1r = cosT[t1];
      const w1i = sinT[t1];
      const w2r = cosT[2 * t1];
      const w2i = sinT[2 * t1];
      const t3 = 3 * t1;
      const w3r = cosT[t3];
      const w3i = sinT[t3];
      for (let start = 0; start < n; start += len) {
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
 * Transform the columns [c0, c1) of an n × W matrix (row stride W, n = t.n) in place,
 * cache-blocked: forward (DIF, bit-reversed rows out) or inverse (DIT, bit-reversed rows in).
 */
export function fftColumns(
  forward: boolean,
  re: Float64Array,
  im: Float64Array,
  W: number,
  t: FftTables,
  c0 = 0,
  c1 = W,
): void {
  const { n, cosT, sinT, blockRe, blockIm } = t;
  const cb = columnBlock(n, c1 - c0);
  // the module pairs columns: a single one (the 1-D transforms) stays here
  const wasm = cb >= 2 ? fftPasses() : null;
  if (wasm) {
    wasm.columns(forward, re, im, W, t, c0, c1, cb, WIDE);
    return;
  }
  for (let b0 = c0; b0 < c1; b0 += cb) {
    const b1 = Math.min(c1, b0 + cb);
    if (W < WIDE) {
      if (forward) difBatched(re, im, n, W, b0, b1, cosT, sinT);
      else ditBatched(re, im, n, W, b0, b1, cosT, sinT);
      continue;
    }
    const w = b1 - b0;
    copyColumns(re, im, W, b0, blockRe, blockIm, w, n, true);
    if (forward) difBatched(blockRe, blockIm, n, w, 0, w, cosT, sinT);
    else ditBatched(blockRe, blockIm, n, w, 0, w, cosT, sinT);
    copyColumns(re, im, W, b0, blockRe, blockIm, w, n, false);
  }
}

/**
 * The arrays to fill with a contiguous n × w block for fftBlock: the WebAssembly module's own
 * when it runs, so the caller packs straight into the module and reads the result from there
 * (fftColumns copies each block in and out); otherwise `own`, the caller's. Valid until the
 * next transform of another length or a larger block on this thread. No allocation.
 */
export function fftBlockArrays(t: FftTables, w: number, own: BlockArrays): BlockArrays {
  const wasm = blockModule(t.n, w);
  return wasm ? wasm.block(t, w) : own;
}

/**
 * The module that transforms, packs and unpacks n × w blocks (fftBlockArrays, fftBlock,
 * rowPairs: one condition, so the three agree on where a block lives), or null: blocks of a
 * single column stay JavaScript (fftColumns), and the module transposes lanes two at a time.
 */
function blockModule(n: number, w: number) {
  return columnBlock(n, w) >= 2 && w % 2 === 0 ? fftPasses() : null;
}

/**
 * fftColumns on the whole n × w block of fftBlockArrays(t, w, …), in place (re, im: the arrays
 * it returned): the same operations, so the same bits.
 */
export function fftBlock(
  forward: boolean,
  t: FftTables,
  w: number,
  re: Float64Array,
  im: Float64Array,
): void {
  const wasm = blockModule(t.n, w);
  if (wasm) wasm.runBlock(forward, t, w, columnBlock(t.n, w));
  else fftColumns(forward, re, im, w, t);
}

/**
 * Row pairs ↔ the block of fftBlockArrays(t, w, …) (re, im: its arrays): with pack, rows
 * x[o + r·n …], r < 2w, into the block, lane s taking row 2s as re and row 2s + 1 as im (element i
 * at i·w + s); without, the inverse, from the block into those rows of x. With the module the rows
 * move as one contiguous span and are transposed there, two lanes and two elements per SIMD step.
 */
export function rowPairs(
  pack: boolean,
  t: FftTables,
  w: number,
  x: Float64Array,
  o: number,
  re: Float64Array,
  im: Float64Array,
): void {
  const n = t.n;
  const wasm = blockModule(n, w);
  if (wasm && pack) {
    wasm.rows().set(x.subarray(o, o + 2 * w * n));
    wasm.packRows(n, w);
  } else if (wasm) {
    wasm.unpackRows(n, w);
    x.set(wasm.rows().subarray(0, 2 * w * n), o);
  } else
    for (let s = 0; s < w; s++) {
      const o0 = o + 2 * s * n;
      const o1 = o0 + n;
      for (let i = 0; i < n; i++) {
        const b = i * w + s;
        if (pack) {
          re[b] = x[o0 + i];
          im[b] = x[o1 + i];
        } else {
          x[o0 + i] = re[b];
          x[o1 + i] = im[b];
        }
      }
    }
}
