import type { SortedParticles } from './cells';
import type { FarField } from './farField';
import { awaitTasks, CTRL, GRID_PHASES, runTasks } from './shared';

/** Particles per task of the weight phase; row blocks per task of the spread phase. */
const WEIGHT_TASK = 4096;
const BAND_BLOCKS = 4;

/**
 * The far field's grid stage (spread and FFT convolution) on two threads, the same bits as on one
 * (farField.ts spreadAndConvolve), as four phases of independent tasks:
 *  0. (kept weights only) the window weights, WEIGHT_TASK particles a task;
 *  1. ρ on a band of BAND_BLOCKS row blocks: zeroed, spread (each grid node sums the same terms in
 *     the same particle order whichever band it is in: spread.ts; the band's particles are found
 *     from the cell sort), then the band's forward row transforms (whole row blocks, so its rows
 *     are complete when they are transformed);
 *  2. one column block (transform along x₂, multiply, transform back), its quadratic term kept
 *     apart and summed in block order at the end (gridFft.ts);
 *  3. the inverse row transforms of one row block.
 * Each thread claims tasks with an atomic counter per phase and starts a phase once every task of
 * the one before is done; both threads start on it at once (the near chunks come after), so the
 * stage balances itself. No task depends on who runs it. The counters live
 * in the shared block's control ints (reset by the main thread before each command); on one
 * thread (a plain ArrayBuffer or no helper) the same loop simply runs every task.
 */
export class GridStage {
  private readonly tasks: Int32Array;
  /** Tasks of the last run that this side did not run itself (the other side's: diagnostics, tests). */
  helperTasks = 0;

  constructor(
    private readonly far: FarField,
    private readonly ctrl: Int32Array,
  ) {
    const conv = far.conv!;
    this.tasks = Int32Array.of(
      far.cached ? Math.ceil(far.n / WEIGHT_TASK) : 0,
      Math.ceil(conv.rowBlocks / BAND_BLOCKS),
      conv.blocks,
      conv.rowBlocks,
    );
  }

  /** Whether the stage has a weight phase (both sides must agree: CTRL.GRID_KEPT). */
  get kept(): boolean {
    return this.tasks[0] > 0;
  }

  /** Before a command (main thread): no task claimed or done; the helper's checks. */
  reset(cells: number): void {
    this.ctrl[CTRL.GRID_CELLS] = cells;
    this.ctrl[CTRL.GRID_KEPT] = this.kept ? 1 : 0;
    for (let p = 0; p < GRID_PHASES; p++) {
      this.ctrl[CTRL.GRID_CLAIM + p] = 0;
      this.ctrl[CTRL.GRID_DONE + p] = 0;
    }
  }

  /**
   * Take tasks until every phase is done (cells: of the sort of s). The main thread then sets the
   * far field's energy (finish); the helper just returns. With potential false (an energy-only
   * command: both threads read it from the command) the columns keep their quadratic terms only
   * and phase 3 is skipped (GridConvolver.quadForm's work; the same energy bits).
   */
  run(s: SortedParticles, cells: number, potential = true): void {
    const { ctrl, tasks } = this;
    let others = 0;
    for (let p = 0; p < GRID_PHASES; p++) {
      const total = p === 3 && !potential ? 0 : tasks[p];
      others +=
        total -
        runTasks(ctrl, CTRL.GRID_CLAIM + p, CTRL.GRID_DONE + p, total, (t) =>
          this.task(p, t, s, cells, potential),
        );
      awaitTasks(ctrl, CTRL.GRID_DONE + p, total);
    }
    this.helperTasks = others;
  }

  /** After run on the main thread: Σ_g ρ_g u_g for the far field's energy. */
  finish(): void {
    this.far.setConvolved(this.far.conv!.quadSum());
  }

  private task(p: number, t: number, s: SortedParticles, cells: number, potential: boolean): void {
    const far = this.far;
    const conv = far.conv!;
    if (p === 0) far.keepWeights(s.sx, s.sy, t * WEIGHT_TASK, Math.min(far.n, (t + 1) * WEIGHT_TASK));
    else if (p === 1) {
      const b0 = t * BAND_BLOCKS;
      const b1 = Math.min(conv.rowBlocks, b0 + BAND_BLOCKS);
      const r0 = b0 * conv.blockRows;
      const r1 = b1 * conv.blockRows;
      const M = far.M;
      far.grid.fill(0, r0 * M, r1 * M);
      this.spreadBand(s, cells, r0, r1);
      conv.forwardRows(far.grid, b0, b1);
    } else if (p === 2) conv.columns(t, t + 1, potential);
    else conv.inverseRows(far.grid, t, t + 1);
  }

  /**
   * Spread the particles whose windows may meet rows [r0, r1): those in the cell rows within a
   * window of the band (periodically), in increasing particle order (spreadRows keeps the exact ones).
   */
  private spreadBand(s: SortedParticles, cells: number, r0: number, r1: number): void {
    const far = this.far;
    const { M, w, n } = far;
    const c = cells === 0 ? 1 : cells;
    const lo = Math.floor(((r0 - w) / M) * c) - 1;
    const hi = Math.floor(((r1 + w) / M) * c) + 1;
    const start = (row: number) => s.cellStart[row * c];
    const add = (from: number, to: number) => far.spreadRows(s.sx, s.sy, s.sb, r0, r1, from, to);
    if (hi - lo + 1 >= c) add(0, n);
    else if (lo < 0) {
      add(0, start(hi + 1));
      add(start(lo + c), n);
    } else if (hi >= c) {
      add(0, start(hi - c + 1));
      add(start(lo), n);
    } else add(start(lo), start(hi + 1));
  }
}
