import { CORES, type CoreForms, type PairConstants } from '../kernels/cores';
import type { SortedParticles } from './cells';
import { bothBlock, energyBlock, isoBlock, type RowLogs, slipBlock } from './nearBlocks';
import { WasmNearBlocks } from './nearWasm';
import type { PiecewiseTable } from './table';

/**
 * The near field: Σ over pairs closer than r₂ (minimum image) of the compactly supported part
 * `near` of the pair potential, in profile form f(q) + β(q)(d₁² − d₂²) (profiles.ts), gradient
 * d·(a + b·u ± c). Two ways to evaluate it per pair:
 * - tabulated core: the whole profile (core included) from one piecewise table in q — when
 *   r₂²/δ² is moderate, so the table resolves the core with a few hundred intervals;
 * - exact core: near = P_δ + T, P_δ the closed-form R² kernel of the core evaluated per pair
 *   exactly as the direct sum does (a short dipole at r ≪ r₂ is treated identically; the
 *   gaussian core costs one division beyond r = 9δ) and T a smooth tabulated function.
 * Pairs are visited cell by cell (cells.ts), each unordered pair once, in chunks of cell rows
 * fixed by the configuration (nearChunks): a chunk's pairs add to its own particles and to the
 * first `reach` rows of the next chunk, which it keeps apart (its spill), so every output entry is
 * written by one chunk only and the gradient is own + spill, the energy the chunks' sum in chunk
 * order. Either thread can run any chunk (evaluator.ts): the same bits however they are shared.
 */
export interface NearConfig {
  readonly slip: boolean;
  readonly tabulatedCore: boolean;
  readonly core: PairConstants;
  readonly forms: CoreForms;
  /** r₂². */
  readonly q2: number;
  /** Gradient coefficients [a] (isotropic) or [a, b, c] (slip): the whole profile or T. */
  readonly grad: PiecewiseTable;
  /** Values [f] or [f, β]: the whole profile or T. */
  readonly val: PiecewiseTable;
  /** near(0): the diagonal term of the energy. */
  readonly selfValue: number;
  readonly cells: number;
  readonly reach: number;
}

/** Most chunks a sweep is cut into (slots in the shared block: shared.ts). */
export const MAX_NEAR_CHUNKS = 16;

/**
 * Chunks of a sweep over `rows` cell rows with neighbours `reach` rows away: as many as fit with
 * each chunk at least `reach` rows high (so a chunk's spill lies within the next chunk), at most
 * MAX_NEAR_CHUNKS; one when there are no cells.
 */
export function nearChunks(cells: number, reach: number): number {
  if (cells === 0 || reach === 0) return 1;
  return Math.max(1, Math.min(MAX_NEAR_CHUNKS, Math.floor(cells / reach)));
}

/**
 * Where the chunks write, in cell order: each chunk's own particles' gradients (ox, oy), what it
 * adds to the next chunk's particles (px, py), its energy and its pair count (per chunk).
 */
export interface NearOutput {
  readonly ox: Float64Array;
  readonly oy: Float64Array;
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly energy: Float64Array;
  readonly pairs: Int32Array;
}

export function nearOutput(n: number): NearOutput {
  return {
    ox: new Float64Array(n),
    oy: new Float64Array(n),
    px: new Float64Array(n),
    py: new Float64Array(n),
    energy: new Float64Array(MAX_NEAR_CHUNKS),
    pairs: new Int32Array(MAX_NEAR_CHUNKS),
  };
}

const ISO = 0;
const SLIP = 1;
const ENERGY = 2;
/** Gradient and energy in one sweep: the same bits as the two sweeps. */
const BOTH = 3;

export class NearField {
  /** Pairs found inside r₂ by the last accumulate (for the clustering check). */
  pairsInside = 0;
  /** Chunks of every sweep, and their first cell rows (chunkRow[chunks] = rows). */
  readonly chunks: number;
  private readonly chunkRow: Int32Array;
  private readonly grad: number;
  /** The slip core's profile per pair (0..2), and bothBlock's energy (3). */
  private readonly prof = new Float64Array(4);
  /** The current block's targets for j (own or spill) and its energy. */
  private jx!: Float64Array;
  private jy!: Float64Array;
  private energyAcc = 0;
  private pairCount = 0;
  /** The exact gaussian core's per-particle logarithms of the energy loops (nearBlocks.ts). */
  private readonly logs: RowLogs | null;
  /** isoBlock or slipBlock, and the isotropic energyBlock, in WebAssembly (nearWasm.ts; null: not for this configuration or platform). */
  private readonly wasm: WasmNearBlocks | null;

  constructor(
    readonly config: NearConfig,
    private readonly p: SortedParticles,
    readonly out: NearOutput = nearOutput(p.n),
  ) {
    this.grad = config.slip ? SLIP : ISO;
    const n = p.n;
    this.wasm = WasmNearBlocks.create(config, n);
    this.logs =
      !config.tabulatedCore && config.core.code === CORES.gaussian.code
        ? {
            ...(this.wasm?.logArrays ?? {
              plus: new Float64Array(n),
              minus: new Float64Array(n),
              acc: new Float64Array(n),
            }),
            inv2d2: config.core.inv2d2,
          }
        : null;
    this.chunks = nearChunks(config.cells, config.reach);
    const rows = this.rows;
    this.chunkRow = Int32Array.from({ length: this.chunks + 1 }, (_, k) =>
      Math.floor((k * rows) / this.chunks),
    );
  }

  /** Cell rows in the sweep. */
  get rows(): number {
    return this.config.cells === 0 ? 1 : this.config.cells;
  }

  /** Chunk k of a sweep: its gradients (own and spill, zeroed first) and/or its energy and pairs. */
  runChunk(gradient: boolean, energy: boolean, k: number): void {
    const kind = gradient ? (energy ? BOTH : this.grad) : ENERGY;
    // the module has no fused loop: BOTH runs as its gradient sweep, then the energy sweep (the
    // module's, or nearBlocks.ts energyBlock for slip), the same bits as bothBlock (which matches the two)
    const wasm = this.wasm;
    const [a, b] = this.particles(k);
    const [c, d] = this.particles((k + 1) % this.chunks);
    if (gradient) zeroGradients(wasm ? wasm.gradients : this.out, a, b, c, d);
    if (wasm) this.loadChunk(wasm, k);
    this.energyAcc = 0;
    this.pairCount = 0;
    if (wasm && kind === BOTH) {
      this.sweep(this.grad, k);
      this.sweep(ENERGY, k);
    } else this.sweep(kind, k);
    if (wasm && gradient) wasm.store(this.out, a, b, c, d);
    this.out.energy[k] = this.energyAcc;
    this.out.pairs[k] = this.pairCount;
  }

  /** Every chunk, in order (one thread). */
  run(gradient: boolean, energy: boolean): void {
    for (let k = 0; k < this.chunks; k++) this.runChunk(gradient, energy, k);
  }

  /** Σ b_i b_j near(x_i − x_j) over ordered pairs i ≠ j (no diagonal) of the last run: the chunks' sum in order. */
  energySum(): number {
    let e = 0;
    for (let k = 0; k < this.chunks; k++) e += this.out.energy[k];
    return 2 * e;
  }

  /** Pairs inside r₂ of the last gradient run. */
  pairSum(): number {
    let s = 0;
    for (let k = 0; k < this.chunks; k++) s += this.out.pairs[k];
    return s;
  }

  /** fx, fy (cell order) = Σ_j b_i b_j ∇near(x_i − x_j): own + spill of the last gradient run. */
  gradientInto(fx: Float64Array, fy: Float64Array): void {
    const { ox, oy, px, py } = this.out;
    for (let i = 0; i < this.p.n; i++) {
      fx[i] = ox[i] + px[i];
      fy[i] = oy[i] + py[i];
    }
  }

  /** The gradient on one thread (run, gradientInto); returns the pair count. */
  accumulate(fx: Float64Array, fy: Float64Array): number {
    this.run(true, false);
    this.gradientInto(fx, fy);
    this.pairsInside = this.pairSum();
    return this.pairsInside;
  }

  /** Σ b_i b_j near(x_i − x_j) over ordered pairs i ≠ j (no diagonal), on one thread. */
  energy(): number {
    this.run(false, true);
    return this.energySum();
  }

  /** accumulate and energy in one sweep (the same bits as the two): returns the energy. */
  accumulateWithEnergy(fx: Float64Array, fy: Float64Array): number {
    this.run(true, true);
    this.gradientInto(fx, fy);
    this.pairsInside = this.pairSum();
    return this.energySum();
  }

  /** The diagonal Σ_i near(0). */
  selfEnergy(): number {
    const sb = this.p.sb;
    let self = 0;
    for (let i = 0; i < this.p.n; i++) self += sb[i] * sb[i];
    return self * this.config.selfValue;
  }

  /** Into the module: the particles chunk k's pairs read, its own rows and `reach` rows above (wrapping). */
  private loadChunk(wasm: WasmNearBlocks, k: number): void {
    const { sx, sy, sb, n } = this.p;
    const c = this.config.cells;
    if (c === 0) {
      wasm.load(sx, sy, sb, 0, n);
      return;
    }
    const cs = this.p.cellStart;
    const top = this.chunkRow[k + 1] + this.config.reach;
    wasm.load(sx, sy, sb, cs[this.chunkRow[k] * c], cs[Math.min(top, c) * c]);
    if (top > c) wasm.load(sx, sy, sb, 0, cs[(top - c) * c]);
  }

  /** Particles [first, end) of chunk k's rows (cell order). */
  private particles(k: number): [number, number] {
    const c = this.config.cells;
    if (c === 0) return [0, this.p.n];
    const cs = this.p.cellStart;
    return [cs[this.chunkRow[k] * c], cs[this.chunkRow[k + 1] * c]];
  }

  /**
   * Visit every unordered pair of cells within reach once, for the cells of chunk k's rows: the
   * cell itself and those to its right in its own row, and the 2·reach + 1 cells of each of the
   * next `reach` rows (those beyond the chunk's last row are the next chunk's: into the spill).
   * Cells of a row are contiguous in cell order, so each of these is one range of particles (two
   * where it wraps around the torus, each with its period shift): a few long inner loops per cell
   * instead of one short loop per cell pair.
   */
  private sweep(kind: number, chunk: number): void {
    const { cells, reach } = this.config;
    const cs = this.p.cellStart;
    const { ox: ownX, oy: ownY, px: spillX, py: spillY } = this.out;
    this.jx = ownX;
    this.jy = ownY;
    const logs = kind === ENERGY || kind === BOTH ? this.logs : null;
    if (cells === 0) {
      // r₂ < ½: of the 9 period shifts of a pair, at most one is within r₂
      const n = this.p.n;
      if (logs) startLogs(logs, 0, n);
      for (let oy = -1; oy <= 1; oy++)
        for (let ox = -1; ox <= 1; ox++) this.block(kind, 0, n, 0, n, true, ox, oy);
      if (logs) this.energyAcc += flushLogs(logs, this.p.sb, 0, n);
      return;
    }
    const c = cells;
    const row1 = this.chunkRow[chunk + 1];
    const alone = this.chunks === 1;
    // the module's sweeps: the same blocks in one call per chunk (a call per block costs about
    // what its ~10 pairs do at n = 10⁴)
    const row0 = this.chunkRow[chunk];
    if (this.wasm && (kind === ISO || kind === SLIP)) {
      this.pairCount += this.wasm.sweep(cs, row0, row1, c, reach, alone);
      return;
    }
    if (this.wasm?.energyLoop && kind === ENERGY) {
      this.energyAcc += this.wasm.energySweep(cs, row0, row1, c, reach);
      return;
    }
    for (let cy = row0; cy < row1; cy++)
      for (let cx = 0; cx < c; cx++) {
        const k = cy * c + cx;
        const i0 = cs[k];
        const i1 = cs[k + 1];
        if (i0 === i1) continue;
        if (logs) startLogs(logs, i0, i1);
        this.jx = ownX;
        this.jy = ownY;
        // own row: j > i through the cells up to cx + reach
        const row = cy * c;
        this.block(kind, i0, i1, i0, cs[row + Math.min(cx + reach, c - 1) + 1], true, 0, 0);
        if (cx + reach >= c) this.block(kind, i0, i1, cs[row], cs[row + cx + reach - c + 1], false, -1, 0);
        for (let oy = 1; oy <= reach; oy++) {
          let ny = cy + oy;
          let shy = 0;
          if (ny >= c) {
            ny -= c;
            shy = -1;
          }
          const spill = !alone && (shy !== 0 || ny >= row1);
          this.jx = spill ? spillX : ownX;
          this.jy = spill ? spillY : ownY;
          const nrow = ny * c;
          const lo = cx - reach;
          const hi = cx + reach;
          this.block(
            kind,
            i0,
            i1,
            cs[nrow + Math.max(lo, 0)],
            cs[nrow + Math.min(hi, c - 1) + 1],
            false,
            0,
            shy,
          );
          if (lo < 0) this.block(kind, i0, i1, cs[nrow + c + lo], cs[nrow + c], false, 1, shy);
          if (hi >= c) this.block(kind, i0, i1, cs[nrow], cs[nrow + hi - c + 1], false, -1, shy);
        }
        if (logs) this.energyAcc += flushLogs(logs, this.p.sb, i0, i1);
      }
  }

  /** Pairs (i in [i0, i1), j in [j0, j1)), j > i if same; displacement x_i + shift − x_j. */
  private block(
    kind: number,
    i0: number,
    i1: number,
    j0: number,
    j1: number,
    same: boolean,
    shx: number,
    shy: number,
  ): void {
    if (j0 >= j1) return;
    const { sx, sy, sb } = this.p;
    const cfg = this.config;
    const { ox, oy } = this.out;
    const { jx, jy } = this;
    switch (kind) {
      case ISO:
        if (this.wasm) this.pairCount += this.wasm.block(i0, i1, j0, j1, same, shx, shy, jx !== ox);
        else this.pairCount += isoBlock(sx, sy, sb, ox, oy, jx, jy, i0, i1, j0, j1, same, shx, shy, cfg);
        return;
      case SLIP:
        if (this.wasm) {
          this.pairCount += this.wasm.block(i0, i1, j0, j1, same, shx, shy, jx !== ox);
          return;
        }
        this.pairCount += slipBlock(
          sx,
          sy,
          sb,
          ox,
          oy,
          jx,
          jy,
          i0,
          i1,
          j0,
          j1,
          same,
          shx,
          shy,
          cfg,
          this.prof,
        );
        return;
      case ENERGY:
        if (this.wasm?.energyLoop) this.energyAcc += this.wasm.energy(i0, i1, j0, j1, same, shx, shy);
        else
          this.energyAcc += energyBlock(
            sx,
            sy,
            sb,
            i0,
            i1,
            j0,
            j1,
            same,
            shx,
            shy,
            cfg,
            this.prof,
            this.logs,
          );
        return;
      default: {
        const e = this.prof;
        this.pairCount += bothBlock(
          sx,
          sy,
          sb,
          ox,
          oy,
          jx,
          jy,
          i0,
          i1,
          j0,
          j1,
          same,
          shx,
          shy,
          cfg,
          e,
          this.logs,
        );
        this.energyAcc += e[3];
      }
    }
  }
}

/** Before the blocks of particles [i0, i1) (as i): empty products. */
/** Zero a chunk's own gradients [a, b) and its spill [c, d) before its sweep writes them. */
function zeroGradients(
  g: Pick<NearOutput, 'ox' | 'oy' | 'px' | 'py'>,
  a: number,
  b: number,
  c: number,
  d: number,
): void {
  g.ox.fill(0, a, b);
  g.oy.fill(0, a, b);
  g.px.fill(0, c, d);
  g.py.fill(0, c, d);
}

function startLogs(logs: RowLogs, i0: number, i1: number): void {
  logs.plus.fill(1, i0, i1);
  logs.minus.fill(1, i0, i1);
  logs.acc.fill(0, i0, i1);
}

/** After them: Σ_i b_i · (−½ Σ_j b_j ln q_ij) over the pairs the products took. */
function flushLogs(logs: RowLogs, sb: Float64Array, i0: number, i1: number): number {
  const { plus, minus, acc } = logs;
  let e = 0;
  for (let i = i0; i < i1; i++) {
    const p = plus[i];
    const m = minus[i];
    let l = acc[i];
    if (p !== 1) l += Math.log(p);
    if (m !== 1) l -= Math.log(m);
    e += sb[i] * (-0.5 * l);
  }
  return e;
}
