import { CORES, pairRadialA, pairSlip } from '../kernels/cores';
import { type CompiledWasm, compileWasm } from '../wasmModule';
import { cellStartLength } from './cells';
import type { NearConfig, NearOutput } from './nearField';
import { NEAR_ISO_WASM } from './nearIsoWasm';
import { TABLE_COEFS } from './table';

/**
 * The near field's pair loops in WebAssembly SIMD (nearIso.wat): the same bits as nearBlocks.ts
 * isoBlock and energyBlock (isotropic) and slipBlock (the slip gradient), 1.3–1.9× faster (bench
 * section wasm). Written by hand because these loops are the fast sum's hottest and JavaScript has
 * no SIMD; the module is 5.9 kB, compiled synchronously once per thread (the fast sum runs in
 * workers and node). It works in a memory of its own (one per NearField, so per thread): a chunk
 * copies in the sorted particles its pairs read and copies out the gradients it wrote (O(n) per
 * evaluation, against O(pairs) of work). A chunk's gradient sweep, and its isotropic energy sweep,
 * is one call (the module walks the cells and their neighbour ranges as nearField.ts sweep does),
 * not one call per block: ~10% of the near field at n = 10³–10⁴. Used with the tabulated core (any core model), the
 * exact gaussian core, and the exact plummer and poisson cores' isotropic gradient (closed forms:
 * IEEE division and square root, so the same bits); the slip energy, those cores' energies and
 * slip profiles, the ring core, and any platform without WebAssembly SIMD run the JavaScript loops.
 */

/**
 * What the module computes of the configuration's core: the table alone ('table'), the exact
 * gaussian core (its own loops), the exact plummer or poisson core's isotropic gradient term
 * (their energies and slip profiles stay JavaScript); null: the module does not apply.
 */
type ModuleCore = 'table' | 'gaussian' | 'plummer' | 'poisson';

function moduleCore(cfg: NearConfig): ModuleCore | null {
  if (cfg.tabulatedCore) return 'table';
  const code = cfg.core.code;
  if (code === CORES.gaussian.code) return 'gaussian';
  if (cfg.slip) return null;
  if (code === CORES.plummer.code) return 'plummer';
  return code === CORES.poisson.code ? 'poisson' : null;
}

/** Whether NearFields built from now on may use the module (tests and the bench compare both). */
let enabled = true;

export function allowNearWasm(on: boolean): void {
  enabled = on;
}

let compiled: CompiledWasm | undefined;

/** The compiled module, or null where WebAssembly (with SIMD) is unavailable (compiled.why says so). */
function nearModule(): WebAssembly.Module | null {
  compiled ??= compileWasm(NEAR_ISO_WASM);
  return compiled.module;
}

/** One clause for the threads line (UI footer, CLI): where the near field's pair loops run. */
export function nearWasmStatus(): string {
  if (!enabled) return 'near field in JavaScript';
  return nearModule() ? 'near field in WebAssembly SIMD' : `near field in JavaScript (${compiled?.why})`;
}

/** A block's pairs (as nearBlocks.ts takes them; same 0/1): the arguments of both exports. */
type Pairs = [i0: number, i1: number, j0: number, j1: number, same: number, shx: number, shy: number];
/** j's terms into the arrays at byte offsets jx, jy; returns the pairs inside r₂. */
type Block = (...args: [...Pairs, jx: number, jy: number]) => number;
/** Returns the block's energy. */
type EnergyBlock = (...args: Pairs) => number;
/**
 * A chunk's sweep (kind 0: isotropic gradient, 1: slip gradient, 2: isotropic energy): rows,
 * cells, reach, alone, the cell starts and the gradients' offsets; the pairs inside r₂ or the energy.
 */
type Sweep = (
  kind: number,
  row0: number,
  row1: number,
  cells: number,
  reach: number,
  alone: number,
  cs: number,
  ox: number,
  oy: number,
  px: number,
  py: number,
) => number;

/** The module's arrays (views of its memory) for n particles, 16-byte aligned. */
interface WasmArrays {
  readonly sx: Float64Array;
  readonly sy: Float64Array;
  readonly sb: Float64Array;
  readonly ox: Float64Array;
  readonly oy: Float64Array;
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly coef: Float64Array;
  readonly val: Float64Array;
  /** The exact gaussian core's running products and folded logarithms (RowLogs, nearBlocks.ts). */
  readonly plus: Float64Array;
  readonly minus: Float64Array;
  readonly acc: Float64Array;
  /** The cell starts a sweep reads (the rows it visits copied in). */
  readonly cs: Int32Array;
}

export class WasmNearBlocks {
  private readonly a: WasmArrays;
  private readonly run: Block;
  private readonly runEnergy: EnergyBlock;
  private readonly runSweep: Sweep;
  private readonly slip: boolean;
  /** The energy loop is the isotropic one: slip energies stay in nearBlocks.ts. */
  readonly energyLoop: boolean;

  /** A module instance for this configuration and n, or null where it does not apply or load. */
  static create(cfg: NearConfig, n: number): WasmNearBlocks | null {
    if (!enabled || TABLE_COEFS !== 8) return null;
    const kind = moduleCore(cfg);
    if (!kind) return null;
    const module = nearModule();
    if (!module) return null;
    try {
      return new WasmNearBlocks(module, cfg, kind, n);
    } catch {
      return null; // no memory for it: isoBlock
    }
  }

  private constructor(module: WebAssembly.Module, cfg: NearConfig, kind: ModuleCore, n: number) {
    const aligned = (len: number) => 2 * Math.ceil(len / 2);
    const starts = cellStartLength(n);
    const lengths = [
      n,
      n,
      n,
      n,
      n,
      n,
      n,
      cfg.grad.coef.length,
      cfg.val.coef.length,
      n,
      n,
      n,
      3,
      Math.ceil(starts / 2),
    ];
    const bytes = 8 * lengths.reduce((s, len) => s + aligned(len), 0);
    const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
    const core = cfg.core;
    let off = 0;
    const [sx, sy, sb, ox, oy, px, py, coef, val, plus, minus, acc, prof, cellRoom] = lengths.map((len) => {
      const v = new Float64Array(memory.buffer, off, len);
      off += 8 * aligned(len);
      return v;
    });
    const instance = new WebAssembly.Instance(module, {
      js: {
        mem: memory,
        radialA: (q: number) => pairRadialA(q, core),
        phi: cfg.forms.phi,
        log: Math.log,
        // the exact core's slip profile within s = 40, into the module's 3 doubles
        slip: (q: number) => pairSlip(q, core, prof),
      },
    });
    coef.set(cfg.grad.coef);
    val.set(cfg.val.coef);
    const cs = new Int32Array(memory.buffer, cellRoom.byteOffset, starts);
    this.a = { sx, sy, sb, ox, oy, px, py, coef, val, plus, minus, acc, cs };
    const init = instance.exports.init as (...args: number[]) => void;
    init(
      sx.byteOffset,
      sy.byteOffset,
      sb.byteOffset,
      ox.byteOffset,
      oy.byteOffset,
      coef.byteOffset,
      cfg.q2,
      cfg.grad.invH,
      core.inv2d2,
      kind === 'gaussian' ? 1 : 0,
    );
    const initEnergy = instance.exports.initEnergy as (...args: number[]) => void;
    initEnergy(val.byteOffset, plus.byteOffset, minus.byteOffset, acc.byteOffset, cfg.val.invH);
    (instance.exports.initSlip as (prof: number) => void)(prof.byteOffset);
    const initAlgebraic = instance.exports.initAlgebraic as (alg: number, d2: number, delta: number) => void;
    initAlgebraic(kind === 'plummer' ? 1 : kind === 'poisson' ? 2 : 0, core.d2, core.delta);
    this.energyLoop = !cfg.slip && (kind === 'table' || kind === 'gaussian');
    this.run = (cfg.slip ? instance.exports.slipBlock : instance.exports.block) as Block;
    this.runEnergy = instance.exports.energy as EnergyBlock;
    this.runSweep = instance.exports.sweep as Sweep;
    this.slip = cfg.slip;
  }

  /** The running products and logarithms the energy loop keeps here (NearField's RowLogs arrays). */
  get logArrays(): { plus: Float64Array; minus: Float64Array; acc: Float64Array } {
    const { plus, minus, acc } = this.a;
    return { plus, minus, acc };
  }

  /** energyBlock over the module's arrays (the products into logArrays). */
  energy(i0: number, i1: number, j0: number, j1: number, same: boolean, shx: number, shy: number): number {
    return this.runEnergy(i0, i1, j0, j1, same ? 1 : 0, shx, shy);
  }

  /** Copy the sorted particles [from, to) in. */
  load(sx: Float64Array, sy: Float64Array, sb: Float64Array, from: number, to: number): void {
    if (to <= from) return;
    this.a.sx.set(sx.subarray(from, to), from);
    this.a.sy.set(sy.subarray(from, to), from);
    this.a.sb.set(sb.subarray(from, to), from);
  }

  /** The module's own and spill gradients (NearOutput's shape), written by block. */
  get gradients(): Pick<NearOutput, 'ox' | 'oy' | 'px' | 'py'> {
    return this.a;
  }

  /** isoBlock (slipBlock for the slip geometry) over the module's arrays, j's terms into the spill or the own gradients. */
  block(
    i0: number,
    i1: number,
    j0: number,
    j1: number,
    same: boolean,
    shx: number,
    shy: number,
    spill: boolean,
  ): number {
    const { ox, oy, px, py } = this.a;
    const jx = spill ? px.byteOffset : ox.byteOffset;
    const jy = spill ? py.byteOffset : oy.byteOffset;
    return this.run(i0, i1, j0, j1, same ? 1 : 0, shx, shy, jx, jy);
  }

  /**
   * nearField.ts sweep of a gradient over chunk rows [row0, row1) in one call (the same blocks in
   * the same order, so the same bits). Returns the pairs inside r₂.
   */
  sweep(
    cellStart: Int32Array,
    row0: number,
    row1: number,
    cells: number,
    reach: number,
    alone: boolean,
  ): number {
    return this.runSweep(
      this.slip ? 1 : 0,
      row0,
      row1,
      cells,
      reach,
      alone ? 1 : 0,
      ...this.cellsAnd(cellStart, row0, row1, cells, reach),
    );
  }

  /** The isotropic energy sweep over chunk rows [row0, row1) in one call (energyLoop only): its energy. */
  energySweep(cellStart: Int32Array, row0: number, row1: number, cells: number, reach: number): number {
    return this.runSweep(
      2,
      row0,
      row1,
      cells,
      reach,
      1,
      ...this.cellsAnd(cellStart, row0, row1, cells, reach),
    );
  }

  /** cellsIn, then the byte offsets of the cell starts and of ox, oy, px, py (the sweep's last arguments). */
  private cellsAnd(
    cellStart: Int32Array,
    row0: number,
    row1: number,
    c: number,
    reach: number,
  ): [number, number, number, number, number] {
    const { ox, oy, px, py } = this.a;
    const cs = this.cellsIn(cellStart, row0, row1, c, reach);
    return [cs, ox.byteOffset, oy.byteOffset, px.byteOffset, py.byteOffset];
  }

  /** Copy in the cell starts of rows [row0, row1) and of the `reach` rows above (wrapping); their byte offset. */
  private cellsIn(cellStart: Int32Array, row0: number, row1: number, c: number, reach: number): number {
    const cs = this.a.cs;
    const top = row1 + reach;
    cs.set(cellStart.subarray(row0 * c, Math.min(top, c) * c + 1), row0 * c);
    if (top > c) cs.set(cellStart.subarray(0, (top - c) * c + 1), 0);
    return cs.byteOffset;
  }

  /** Copy the own gradients [a, b) and the spill [c, d) out. */
  store(out: NearOutput, a: number, b: number, c: number, d: number): void {
    const { ox, oy, px, py } = this.a;
    out.ox.set(ox.subarray(a, b), a);
    out.oy.set(oy.subarray(a, b), a);
    out.px.set(px.subarray(c, d), c);
    out.py.set(py.subarray(c, d), c);
  }
}
