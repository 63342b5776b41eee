import { type CompiledWasm, compileWasm } from '../wasmModule';
import { STAGE_PASS_WASM } from './stagePassWasm';

/**
 * The stage pass (stage.ts runStage) in WebAssembly SIMD (stagePass.wat): both species in one
 * f64x2, every value through the same operations in the same order as stageRows.ts, so the same
 * bits (the min of a stage's outputs may differ in the sign of a zero: it is only compared with 0).
 * Written by hand because the pass is the PDE solver's hot loop (two thirds of a step at N = 512)
 * and JavaScript has no SIMD; the module is 3.1 kB. It reads and writes the fields in place, so a
 * solver allocates them in the module's memory (alloc) instead of copying 9 N² doubles per stage.
 * Where WebAssembly SIMD is missing (or the memory cannot be had), alloc returns ordinary arrays
 * and runStage runs the JavaScript rows, same results. The module also runs the potential's
 * measure pass (ξ + U, the energy and the face differences: scalar, in the JavaScript's order).
 */

/** Whether new solvers may use the module (tests and the bench compare both). */
let enabled = true;

export function allowStageWasm(on: boolean): void {
  enabled = on;
}

let compiled: CompiledWasm | undefined;

type MeasureFn = (
  xi: number,
  kappa: number,
  p: number,
  m: number,
  uc: number,
  N: number,
  slip: number,
  stats: number,
) => void;

type StageFn = (
  u0: number,
  s: number,
  xi: number,
  out: number,
  kappa: number,
  rb: number,
  stats: number,
  N: number,
  slip: number,
  hth: number,
  invh: number,
  F1: number,
  F2: number,
  a: number,
  b: number,
  c: number,
) => void;

/**
 * A bump allocator of doubles in one module instance's memory, sized once (views stay valid: the
 * memory never grows), and the stage pass over arrays it allocated.
 */
export class StageMemory {
  private readonly memory: WebAssembly.Memory | null = null;
  private readonly pass: StageFn | null = null;
  private readonly measurePass: MeasureFn | null = null;
  private next = 0;
  private readonly capacity: number;
  /** [min, max sum] of the last stage pass, or the six sums and extremes of the last measure. */
  private readonly out: Float64Array;
  private readonly outAt: number;

  /** Room for `doubles` doubles of fields (and the passes' own six); 0: no module, ordinary arrays. */
  constructor(doubles: number) {
    this.capacity = doubles + 6;
    if (doubles > 0 && enabled) compiled ??= compileWasm(STAGE_PASS_WASM);
    if (doubles > 0 && enabled && compiled?.module) {
      try {
        const memory = new WebAssembly.Memory({ initial: Math.ceil((8 * this.capacity) / 65536) });
        const x = new WebAssembly.Instance(compiled.module, { js: { mem: memory } }).exports;
        this.memory = memory;
        this.pass = x.stage as StageFn;
        this.measurePass = x.measure as MeasureFn;
      } catch {
        // no memory of that size here: ordinary arrays and the JavaScript rows
      }
    }
    this.out = this.alloc(6);
    this.outAt = this.out.byteOffset;
  }

  /** Whether the pass runs in the module. */
  get active(): boolean {
    return this.pass !== null;
  }

  /** A zeroed array of len doubles (in the module's memory when active). */
  alloc(len: number): Float64Array {
    if (!this.memory) return new Float64Array(len);
    if (this.next + len > this.capacity) throw new Error('StageMemory: out of room');
    const a = new Float64Array(this.memory.buffer, 8 * this.next, len);
    this.next += len;
    return a;
  }

  private owns(a: Float64Array): boolean {
    return a.buffer === this.memory?.buffer;
  }

  /**
   * runStage's pass, if every array is in this memory (else false: the caller runs the
   * JavaScript rows). stats[0..1] as runStage leaves them.
   */
  run(
    N: number,
    slip: boolean,
    hth: number,
    F: readonly [number, number],
    arrays: readonly [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array],
    abc: readonly [number, number, number],
    stats: Float64Array,
  ): boolean {
    const pass = this.pass;
    if (!pass || !arrays.every((a) => this.owns(a))) return false;
    const [u0, s, xi, out, kappa, rb] = arrays;
    pass(
      u0.byteOffset,
      s.byteOffset,
      xi.byteOffset,
      out.byteOffset,
      kappa.byteOffset,
      rb.byteOffset,
      this.outAt,
      N,
      slip ? 1 : 0,
      hth,
      N,
      F[0],
      F[1],
      abc[0],
      abc[1],
      abc[2],
    );
    stats[0] = this.out[0];
    stats[1] = this.out[1];
    return true;
  }

  /**
   * potentialEvaluator.ts addFieldAndMeasure in the module, if every array is in this memory (else
   * false): ξ ← ξ + U and stats[2..7], the same bits.
   */
  measure(
    arrays: readonly [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array],
    N: number,
    slip: boolean,
    stats: Float64Array,
  ): boolean {
    const run = this.measurePass;
    if (!run || !arrays.every((a) => this.owns(a))) return false;
    const [xi, kappa, p, m, uc] = arrays;
    run(
      xi.byteOffset,
      kappa.byteOffset,
      p.byteOffset,
      m.byteOffset,
      uc.byteOffset,
      N,
      slip ? 1 : 0,
      this.outAt,
    );
    const h2 = 1 / (N * N);
    const o = this.out;
    stats[2] = o[0] * h2;
    stats[3] = o[1] * h2;
    for (let k = 2; k < 6; k++) stats[k + 2] = o[k];
    return true;
  }
}
