import { type CompiledWasm, compileWasm } from '../wasmModule';
import { FAR_WINDOW_WASM } from './farWindowWasm';
import { TABLE_COEFS } from './table';

/**
 * The far field's particle side in WebAssembly SIMD (farWindow.wat): the window weights from
 * their polynomial table and the spread (farField.ts spread11/spreadAny) or the gather
 * (gather11/gatherAny) for windows of w ≤ 11 nodes, every grid node and every gradient through
 * the same operations in the same order as the JavaScript, so the same bits. Written by hand
 * because these loops are the far field's hottest (with the near field's the fast sum's) and
 * JavaScript has no SIMD; the module is 8 kB. Where WebAssembly SIMD is missing, farField.ts runs
 * its JavaScript loops, same results.
 *
 * Each FarField has an instance with a memory of its own (so one per thread): the particles a
 * call reads are copied in, the gradients it writes copied out; the spread adds into its copy of
 * the grid rows and copies them out, the gather copies the convolved grid in once per evaluation
 * (O(n + M²) per evaluation, against O(n·w²) of work). It needs no kept weights: it computes
 * the value weights again in the gather (the same numbers).
 */

/** Whether FarFields built from now on may use the module (tests and the bench compare both). */
let enabled = true;

export function allowFarWasm(on: boolean): void {
  enabled = on;
}

let compiled: CompiledWasm | undefined;

function farModule(): WebAssembly.Module | null {
  compiled ??= compileWasm(FAR_WINDOW_WASM);
  return compiled.module;
}

/** One clause for the threads line (UI footer, CLI): where the spread and the gather run. */
export function farWasmStatus(): string {
  if (!enabled) return 'spread and gather in JavaScript';
  return farModule()
    ? 'spread and gather in WebAssembly SIMD'
    : `spread and gather in JavaScript (${compiled?.why})`;
}

/** Window nodes per particle and axis in the module (farField.ts's stride). */
const S = 11;
const INTERVALS = 8;
/** Doubles of the module's tables: value pairs [k][6][c][2], (derivative, value) pairs [k][11][c][2]. */
const TAB_V = INTERVALS * 6 * TABLE_COEFS * 2;
const TAB_P = INTERVALS * S * TABLE_COEFS * 2;
/** Scratch doubles: a particle's y pairs and x pairs (the gather), its weights (the spread). */
const SCRATCH = 2 * S * 2;

type Spread = (j0: number, j1: number, r0: number, r1: number) => void;
type Gather = (i0: number, i1: number) => void;

export class FarWindowWasm {
  private readonly sx: Float64Array;
  private readonly sy: Float64Array;
  private readonly sb: Float64Array;
  private readonly fx: Float64Array;
  private readonly fy: Float64Array;
  private readonly grid: Float64Array;
  private readonly M: number;
  private readonly runSpread: Spread;
  private readonly runGather: Gather;

  /**
   * An instance for n particles on an M × M grid with a window of w ≤ 11 nodes (weight table
   * `coef` as window.ts builds it: 8 intervals, 2w functions, derivatives scaled by dscale), or
   * null where it does not apply or load.
   */
  static create(n: number, M: number, w: number, coef: Float64Array, dscale: number): FarWindowWasm | null {
    if (!enabled || w > S || TABLE_COEFS !== 8 || coef.length !== INTERVALS * 2 * w * TABLE_COEFS)
      return null;
    const module = farModule();
    if (!module) return null;
    try {
      return new FarWindowWasm(module, n, M, w, coef, dscale);
    } catch {
      return null; // no memory for it: the JavaScript loops
    }
  }

  private constructor(
    module: WebAssembly.Module,
    n: number,
    M: number,
    w: number,
    coef: Float64Array,
    dscale: number,
  ) {
    const even = (len: number) => 2 * Math.ceil(len / 2);
    const lengths = [TAB_V, TAB_P, SCRATCH, n, n, n, n, n, M * M];
    const bytes = 8 * lengths.reduce((s, len) => s + even(len), 0);
    const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
    let off = 0;
    const [tabV, tabP, scr, sx, sy, sb, fx, fy, grid] = lengths.map((len) => {
      const v = new Float64Array(memory.buffer, off, len);
      off += 8 * even(len);
      return v;
    });
    // coef[(k·2w + f)·8 + c]: value of node l at f = l, derivative at f = w + l (zero beyond w)
    const at = (k: number, f: number, c: number) => coef[(k * 2 * w + f) * TABLE_COEFS + c];
    for (let k = 0; k < INTERVALS; k++)
      for (let c = 0; c < TABLE_COEFS; c++) {
        for (let l = 0; l < 2 * 6; l++)
          tabV[((k * 6 + (l >> 1)) * TABLE_COEFS + c) * 2 + (l & 1)] = l < w ? at(k, l, c) : 0;
        for (let l = 0; l < S; l++) {
          const p = ((k * S + l) * TABLE_COEFS + c) * 2;
          tabP[p] = l < w ? at(k, w + l, c) : 0;
          tabP[p + 1] = l < w ? at(k, l, c) : 0;
        }
      }
    const x = new WebAssembly.Instance(module, { js: { mem: memory } }).exports;
    const init = x.init as (...args: number[]) => void;
    init(M, w, dscale, ...[tabV, tabP, sx, sy, sb, fx, fy, grid, scr].map((v) => v.byteOffset));
    this.runSpread = x.spread as Spread;
    this.runGather = x.gather as Gather;
    this.sx = sx;
    this.sy = sy;
    this.sb = sb;
    this.fx = fx;
    this.fy = fy;
    this.grid = grid;
    this.M = M;
  }

  private load(sx: Float64Array, sy: Float64Array, sb: Float64Array, from: number, to: number): void {
    this.sx.set(sx.subarray(from, to), from);
    this.sy.set(sy.subarray(from, to), from);
    this.sb.set(sb.subarray(from, to), from);
  }

  /**
   * Particles [from, to) added to rows [r0, r1) of `grid` (farField.ts spreadRows / the whole
   * spread): the rows are copied in (fresh: taken as zero), added to in particle order, and copied back.
   */
  spread(
    sx: Float64Array,
    sy: Float64Array,
    sb: Float64Array,
    grid: Float64Array,
    r0: number,
    r1: number,
    from: number,
    to: number,
    fresh = false,
  ): void {
    const { M } = this;
    this.load(sx, sy, sb, from, to);
    const rows = this.grid.subarray(r0 * M, r1 * M);
    if (fresh) rows.fill(0);
    else rows.set(grid.subarray(r0 * M, r1 * M));
    this.runSpread(from, to, r0, r1);
    grid.set(rows, r0 * M);
  }

  /** The convolved grid the gathers read, copied in. */
  gridIn(grid: Float64Array): void {
    this.grid.set(grid.subarray(0, this.M * this.M));
  }

  /** fx, fy of particles [from, to) (farField.ts gatherRange) from the grid of gridIn. */
  gather(
    sx: Float64Array,
    sy: Float64Array,
    sb: Float64Array,
    fx: Float64Array,
    fy: Float64Array,
    from: number,
    to: number,
  ): void {
    this.load(sx, sy, sb, from, to);
    this.runGather(from, to);
    fx.set(this.fx.subarray(from, to), from);
    fy.set(this.fy.subarray(from, to), from);
  }
}
