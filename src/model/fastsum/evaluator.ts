import type { PairKernel } from '../kernels/pairKernel';
import { CellSort, cellGeometry } from './cells';
import { FarField } from './farField';
import { GridStage } from './gridShare';
import type { FastSum } from './index';
import { NearField } from './nearField';
import { buildPlan, type FastSumOptions, type Plan, preferredGrid } from './plan';
import {
  COMMAND,
  CTRL,
  farMemory,
  farRoom,
  GATHER_TASK,
  gatherTasks,
  runTasks,
  type SharedViews,
  sharedBytes,
  sharedViews,
  writeFarConfig,
  writeNearConfig,
} from './shared';
import { type FastSumThreads, HelperLink } from './threads';

/** Largest grid room (doubles: grid and spectrum) in the shared block beyond the first plan's: 64 MB. */
const GRID_ROOM = 1 << 23;

/**
 * One evaluation: sort; the far field (spread, FFT convolution, gather) and the near field's
 * chunks (nearField.ts), as tasks either thread claims (shared.ts runTasks): this thread starts
 * with the far field, the helper with the near chunks, and each goes on to what the other has
 * left — the far gather's tasks once the grid is convolved, the near chunks — so the two finish
 * within one task of each other whatever the split of the work, the configuration or the load.
 * When the plan shares the grid stage (plan.sharedGrid) and the spectrum fits in the block, both
 * threads take its tasks from the start (gridShare.ts), then the gather's, then the near chunks.
 * No task's numbers depend on who runs it (a chunk writes its own entries; the energies are summed
 * in chunk order), and without a running helper this thread runs every task itself: the result
 * depends on the plan only. Then raw = −((own + spill) + far).
 */
export class FastSumEvaluator implements FastSum {
  readonly n: number;
  private readonly kernel: PairKernel;
  private readonly options: FastSumOptions;
  private readonly shared: SharedViews;
  private readonly sorted: CellSort;
  private readonly link: HelperLink | null;
  private current!: Plan;
  private cells = 0;
  /** The near field, writing into the block (null: far-only plan). */
  private near!: NearField | null;
  private far!: FarField | null;
  private sinceReplan = 0;
  /** The far gradients (in the block), in cell order. */
  private readonly ffx: Float64Array;
  private readonly ffy: Float64Array;
  /** Whether the far grid lives in the shared block (so the helper can gather from it). */
  private farShared = false;
  /** The grid stage as tasks the helper can share (null: the spectrum is not in the block). */
  private stage: GridStage | null = null;

  constructor(kernel: PairKernel, n: number, options: FastSumOptions, threads: FastSumThreads | null) {
    this.n = n;
    this.kernel = kernel;
    this.options = options;
    const parallel = threads !== null && options.threads === 2 && typeof SharedArrayBuffer !== 'undefined';
    const plan = buildPlan(kernel, n, options);
    // room for re-plans to a grid twice as fine, within GRID_ROOM (a larger one is not shared)
    const room = plan.M > 0 ? farRoom(plan.M, plan.K) : 0;
    const bytes = sharedBytes(n, parallel ? Math.max(room, Math.min(4 * room, GRID_ROOM)) : 0);
    this.shared = sharedViews(parallel ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes), n);
    const v = this.shared;
    this.sorted = new CellSort(n, v.sx, v.sy, v.sb, v.cellStart);
    this.ffx = v.ffx;
    this.ffy = v.ffy;
    this.install(plan);
    this.link = parallel ? new HelperLink(v, threads) : null;
  }

  get plan(): Plan {
    return this.current;
  }

  /** Resolves true once a helper thread serves this evaluator (false if it never will). */
  whenParallel(timeoutMs?: number): Promise<boolean> {
    return this.link ? this.link.whenReady(timeoutMs) : Promise.resolve(false);
  }

  private install(plan: Plan): void {
    this.current = plan;
    this.cells = plan.near ? plan.near.cells : cellGeometry(0, this.n).cells;
    if (plan.near) writeNearConfig(this.shared, plan.near);
    this.near = plan.near ? new NearField(plan.near, this.sorted, this.shared.near) : null;
    const v = this.shared;
    this.farShared = plan.M > 0 && plan.M * plan.M <= v.grid.length;
    const mem = farMemory(v, plan.M, plan.K);
    this.far = plan.M > 0 ? new FarField(this.n, plan.M, plan.K, plan.window, plan.fhat, mem) : null;
    if (this.farShared && this.far)
      writeFarConfig(v, plan.M, plan.K, plan.window.w, plan.window.beta, this.far.cached);
    // the helper spreads too: the kept weights (if kept) must be the block's
    const far = this.far;
    const gridOk =
      plan.sharedGrid && far !== null && mem.spectrum !== undefined && (!far.cached || far.sharedWeights);
    this.stage = gridOk ? new GridStage(far, v.ctrl) : null;
    this.sinceReplan = 0;
  }

  /**
   * The plan assumes uniformly spread particles; a clustered configuration has proportionally
   * more near pairs (the count is a by-product of the pair loop). When the measured factor
   * departs from the assumed one by more than 1.5× (and 10 evaluations have passed since the last
   * change, to amortise the setup), re-plan with it: a finer grid and a smaller near radius.
   * Results change only at the level of the tolerance.
   */
  private checkClustering(pairs: number): void {
    const plan = this.current;
    if (this.options.adaptive === false || this.options.grid || !(plan.uniformPairs > 0)) return;
    if (++this.sinceReplan < 10) return;
    const c = Math.max(0.25, pairs / plan.uniformPairs);
    if (c < 1.5 * plan.clustering && c > plan.clustering / 1.5) return;
    this.sinceReplan = 0;
    if (preferredGrid(this.kernel, this.n, this.options, c) === plan.M) return;
    this.install(buildPlan(this.kernel, this.n, this.options, c));
  }

  private evaluate(
    pos: Float64Array,
    signs: Int8Array,
    gradient: boolean,
    energy: boolean,
    during?: () => void,
  ): number {
    const s = this.sorted;
    s.sort(pos, signs, this.cells);
    const { near, far, link, n } = this;
    const ctrl = this.shared.ctrl;
    const ready = link?.ready ?? false;
    const gathers = gradient && far !== null ? gatherTasks(n) : 0;
    const helpGather = gathers > 0 && this.farShared && ready;
    const grid = ready ? this.stage : null;
    for (const slot of [CTRL.NEAR_CLAIM, CTRL.NEAR_DONE, CTRL.GATHER_CLAIM, CTRL.GATHER_DONE]) ctrl[slot] = 0;
    let remote = false;
    if (ready && (near || helpGather || grid)) {
      const kind =
        (gradient ? COMMAND.GRADIENT : 0) |
        (energy ? COMMAND.ENERGY : 0) |
        (near ? COMMAND.NEAR : 0) |
        (helpGather ? COMMAND.GATHER : 0) |
        (grid ? COMMAND.GRID : 0);
      grid?.reset(this.cells);
      remote = link!.start(kind);
    }
    // the caller's own work, while the helper (if it started) takes tasks: it claims whatever
    // this thread has not reached, so the split of the tasks moves and their numbers do not
    during?.();
    const nearTasks = () => {
      if (near)
        runTasks(ctrl, CTRL.NEAR_CLAIM, CTRL.NEAR_DONE, near.chunks, (k) =>
          near.runChunk(gradient, energy, k),
        );
    };
    // while this thread spreads and transforms alone, the helper takes near chunks and then the
    // gather's tasks: this thread takes what is left of the near chunks first, so that both end on
    // the gather's short tasks, not on a near chunk (~0.3 ms at n = 4000). No bit depends on the order.
    const nearFirst = remote && !grid;
    if (far) {
      if (remote && grid) {
        grid.run(s, this.cells, gradient);
        grid.finish();
      } else far.spreadAndConvolve(s.sx, s.sy, s.sb, gradient);
      if (remote && helpGather) link!.gridReady();
      if (nearFirst) nearTasks();
      const { sx, sy, sb } = s;
      runTasks(ctrl, CTRL.GATHER_CLAIM, CTRL.GATHER_DONE, gathers, (t) =>
        far.gatherRange(sx, sy, sb, this.ffx, this.ffy, t * GATHER_TASK, Math.min(n, (t + 1) * GATHER_TASK)),
      );
    }
    if (!(far && nearFirst)) nearTasks();
    // every task is claimed: wait for the helper's last one (or take back a command it never started)
    if (remote) link!.finish();
    let e = 0;
    if (near && energy) e += near.energySum() + near.selfEnergy();
    if (far && energy) e += far.energy();
    if (near && gradient) this.checkClustering(near.pairSum());
    return e;
  }

  accumulate(pos: Float64Array, signs: Int8Array, raw: Float64Array, during?: () => void): void {
    this.evaluate(pos, signs, true, false, during);
    this.scatter(raw);
  }

  pairEnergy(pos: Float64Array, signs: Int8Array, during?: () => void): number {
    return this.evaluate(pos, signs, false, true, during);
  }

  accumulateWithEnergy(pos: Float64Array, signs: Int8Array, raw: Float64Array): number {
    const e = this.evaluate(pos, signs, true, true);
    this.scatter(raw);
    return e;
  }

  /** raw (original order) = −((own + spill) + far) in cell order: kernel.accumulate's sign. */
  private scatter(raw: Float64Array): void {
    const { ffx, ffy } = this;
    const { ox, oy, px, py } = this.shared.near;
    const order = this.sorted.order;
    const hasNear = this.near !== null;
    const hasFar = this.far !== null;
    for (let s = 0; s < this.n; s++) {
      const i = order[s];
      const nx = hasNear ? ox[s] + px[s] : 0;
      const ny = hasNear ? oy[s] + py[s] : 0;
      raw[2 * i] = -(nx + (hasFar ? ffx[s] : 0));
      raw[2 * i + 1] = -(ny + (hasFar ? ffy[s] : 0));
    }
  }
}
