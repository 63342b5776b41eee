import { FFT_PASSES_WASM } from './fftPassesWasm';
import { type CompiledWasm, compileWasm } from './wasmModule';

/**
 * fft1d.ts's batched radix-4 passes in WebAssembly SIMD (fftPasses.wat): difBatched and
 * ditBatched on a contiguous n × w block, two columns per f64x2, each column through the same
 * operations in the same order as the JavaScript, so the same bits. Written by hand because the
 * passes are the fast sum's and the PDE's transforms and JavaScript has no SIMD (no FFT library
 * has these batched, bit-reversed-order passes); the module is 5.6 kB. Where WebAssembly SIMD is
 * missing, fft1d.ts runs its JavaScript passes, same results.
 *
 * One instance per thread (module state). fftColumns copies a block into its memory, transforms
 * it, and copies it back (2 passes over the block against log₄n passes of butterflies); the grid
 * convolution instead packs its row pairs into the block here (the module transposes them:
 * pack, unpack) and reads the spectrum from here, with no copy of the block (block, runBlock:
 * 0.73–0.79× the time of the copying path at M = 128 … 1024, the same bits). Memory layout: the
 * block's re (capacity doubles), IM_SKEW bytes, its im (capacity doubles), the rows scratch of
 * pack and unpack (2·capacity doubles), then cos, sin for each length used so far.
 */

/**
 * Bytes between the end of the re array and the start of the im array. Without it, re and im
 * are a power of two apart and element r of both falls in the same L1 set, as do the butterfly
 * inputs a power of two rows apart: every radix-4 butterfly wants 8 lines from one 8-way set.
 * Half a 4 kB page moves im to the other half of the sets. Measured (grid convolution, the same
 * bits): M = 512 5.2 → 4.2 ms, 1024 26.8 → 18.7, 2048 131 → 84, 4096 812 → 501.
 */
const IM_SKEW = 2048;

/** Whether fftColumns may use the module (tests and the bench compare both). */
let enabled = true;

export function allowFftWasm(on: boolean): void {
  enabled = on;
}

let compiled: CompiledWasm | undefined;

function fftModule(): WebAssembly.Module | null {
  compiled ??= compileWasm(FFT_PASSES_WASM);
  return compiled.module;
}

/** One clause for the threads line (UI footer, CLI): where the FFT passes run. */
export function fftWasmStatus(): string {
  if (!enabled) return 'FFT in JavaScript';
  return fftModule() ? 'FFT in WebAssembly SIMD' : `FFT in JavaScript (${compiled?.why})`;
}

/** Tables cos, sin of 2πt/n as FftTables holds them (what the passes read). */
export interface TwiddleSource {
  readonly n: number;
  readonly cosT: Float64Array;
  readonly sinT: Float64Array;
}

/** The two arrays of a block to transform in place (fft1d.ts fftBlockArrays). */
export interface BlockArrays {
  re: Float64Array;
  im: Float64Array;
}

/** pack / unpack (fftPasses.wat): 2w rows of n doubles at rows ↔ the n × w block at re, im. */
type Transpose = (rows: number, re: number, im: number, n: number, w: number) => void;

type Passes = (
  re: number,
  im: number,
  n: number,
  stride: number,
  w: number,
  cos: number,
  sin: number,
) => void;

class FftPasses {
  private readonly memory: WebAssembly.Memory;
  private readonly dif: Passes;
  private readonly dit: Passes;
  private readonly pack: Transpose;
  private readonly unpack: Transpose;
  /** Doubles per matrix array. */
  private capacity = 0;
  /** Byte offset of each length's cos (its sin follows). */
  private tables = new Map<number, number>();
  private end = 0;
  private re!: Float64Array;
  private im!: Float64Array;
  /** Scratch for the rows of a block (2·capacity doubles), after im. */
  private rowsView!: Float64Array;
  /** re and im as block() hands them out (one object, its views replaced when the memory grows). */
  private readonly views: BlockArrays = { re: new Float64Array(0), im: new Float64Array(0) };

  constructor(module: WebAssembly.Module) {
    this.memory = new WebAssembly.Memory({ initial: 1 });
    const x = new WebAssembly.Instance(module, { js: { mem: this.memory } }).exports;
    this.dif = x.dif as Passes;
    this.dit = x.dit as Passes;
    this.pack = x.pack as Transpose;
    this.unpack = x.unpack as Transpose;
  }

  /** Room for `size` doubles per array (starting the tables over when that moves them). */
  private reserve(size: number): void {
    if (size <= this.capacity) return;
    this.capacity = Math.max(size, 2 * this.capacity);
    this.tables.clear();
    this.end = 32 * this.capacity + IM_SKEW;
    this.grow(this.end);
  }

  private grow(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / 65536));
    // views of the (possibly new) buffer
    this.re = new Float64Array(this.memory.buffer, 0, this.capacity);
    this.im = new Float64Array(this.memory.buffer, this.imAt(), this.capacity);
    this.rowsView = new Float64Array(this.memory.buffer, this.rowsAt(), 2 * this.capacity);
    this.views.re = this.re;
    this.views.im = this.im;
  }

  /** Byte offset of the rows scratch. */
  private rowsAt(): number {
    return this.imAt() + 8 * this.capacity;
  }

  /** Byte offset of the im array. */
  private imAt(): number {
    return 8 * this.capacity + IM_SKEW;
  }

  private twiddles(t: TwiddleSource): number {
    let at = this.tables.get(t.n);
    if (at === undefined) {
      at = this.end;
      this.end += 16 * t.n;
      this.grow(this.end);
      new Float64Array(this.memory.buffer, at, t.n).set(t.cosT);
      new Float64Array(this.memory.buffer, at + 8 * t.n, t.n).set(t.sinT);
      this.tables.set(t.n, at);
    }
    return at;
  }

  /**
   * Views of the module's re and im with room for a contiguous n × w block (t's twiddles already
   * placed, so the views hold until another length or a larger block grows the memory): a caller
   * that fills them and calls runBlock transforms without copying the block in or out.
   */
  block(t: TwiddleSource, w: number): BlockArrays {
    this.reserve(t.n * w);
    this.twiddles(t);
    return this.views;
  }

  /**
   * The row scratch beside block(t, w)'s arrays (same validity): room for the 2w rows of n doubles
   * that packRows takes and unpackRows gives.
   */
  rows(): Float64Array {
    return this.rowsView;
  }

  /** The 2w rows of n doubles in rows() to the block: lane s gets row 2s as re, row 2s + 1 as im. */
  packRows(n: number, w: number): void {
    this.pack(this.rowsAt(), 0, this.imAt(), n, w);
  }

  /** The inverse of packRows: lane s of the block to rows 2s and 2s + 1 of rows(). */
  unpackRows(n: number, w: number): void {
    this.unpack(this.rowsAt(), 0, this.imAt(), n, w);
  }

  /** The passes over the n × w block at the start of the module's arrays, in place, cb columns at a time. */
  runBlock(forward: boolean, t: TwiddleSource, w: number, cb: number): void {
    const run = forward ? this.dif : this.dit;
    const tw = this.twiddles(t);
    for (let b0 = 0; b0 < w; b0 += cb) {
      const at = 8 * b0;
      run(at, this.imAt() + at, t.n, 8 * w, Math.min(w, b0 + cb) - b0, tw, tw + 8 * t.n);
    }
  }

  /**
   * fftColumns on columns [c0, c1) of the n × W matrix, in blocks of cb columns. Narrow rows
   * (W < wide) mostly transformed: the span of rows the columns occupy is copied in once and every
   * block runs in place there. Wide rows, or a band of a quarter of the columns or less (the PDE's
   * transforms along x₁ of its multiplier's band: the span would copy the whole matrix for a
   * tenth of it): each block is copied into a contiguous n × cb block (as the JS path does for
   * wide rows: rows a page apart thrash the TLB).
   */
  columns(
    forward: boolean,
    re: Float64Array,
    im: Float64Array,
    W: number,
    t: TwiddleSource,
    c0: number,
    c1: number,
    cb: number,
    wide: number,
  ): void {
    const { n } = t;
    const run = forward ? this.dif : this.dit;
    if (W < wide && 4 * (c1 - c0) > W) {
      const span = (n - 1) * W + (c1 - c0);
      this.reserve(span);
      const tw = this.twiddles(t);
      this.re.set(re.subarray(c0, c0 + span));
      this.im.set(im.subarray(c0, c0 + span));
      for (let b0 = c0; b0 < c1; b0 += cb) {
        const at = 8 * (b0 - c0);
        run(at, this.imAt() + at, n, 8 * W, Math.min(c1, b0 + cb) - b0, tw, tw + 8 * n);
      }
      re.set(this.re.subarray(0, span), c0);
      im.set(this.im.subarray(0, span), c0);
      return;
    }
    this.reserve(n * cb);
    const tw = this.twiddles(t);
    for (let b0 = c0; b0 < c1; b0 += cb) {
      const w = Math.min(c1, b0 + cb) - b0;
      copyColumns(re, im, W, b0, this.re, this.im, w, n, true);
      run(0, this.imAt(), n, 8 * w, w, tw, tw + 8 * n);
      copyColumns(re, im, W, b0, this.re, this.im, w, n, false);
    }
  }
}

/**
 * Columns [b0, b0 + w) of the n × W matrix to (gather) or from the contiguous n × w block; one
 * copy when they are the whole rows (W = w).
 */
export function copyColumns(
  re: Float64Array,
  im: Float64Array,
  W: number,
  b0: number,
  bRe: Float64Array,
  bIm: Float64Array,
  w: number,
  n: number,
  gather: boolean,
): void {
  if (W === w) {
    if (gather) {
      bRe.set(re.subarray(b0, b0 + n * w));
      bIm.set(im.subarray(b0, b0 + n * w));
    } else {
      re.set(bRe.subarray(0, n * w), b0);
      im.set(bIm.subarray(0, n * w), b0);
    }
    return;
  }
  for (let r = 0; r < n; r++) {
    const o = r * W + b0;
    const p = r * w;
    if (gather)
      for (let c = 0; c < w; c++) {
        bRe[p + c] = re[o + c];
        bIm[p + c] = im[o + c];
      }
    else
      for (let c = 0; c < w; c++) {
        re[o + c] = bRe[p + c];
        im[o + c] = bIm[p + c];
      }
  }
}

let passes: FftPasses | null | undefined;

/** This thread's module instance, or null (disabled, unavailable, or no memory for it). */
export function fftPasses(): FftPasses | null {
  if (!enabled) return null;
  if (passes !== undefined) return passes;
  const module = fftModule();
  try {
    passes = module ? new FftPasses(module) : null;
  } catch {
    passes = null;
  }
  return passes;
}
