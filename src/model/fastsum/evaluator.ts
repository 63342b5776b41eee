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
  getEnergy,
  helperTimes,
  nearCommand,
  type SharedViews,
  sharedBytes,
  sharedClock,
  sharedViews,
  writeFarConfig,
  writeNearConfig,
} from './shared';
import { type FastSumThreads, HelperLink } from './threads';

/** Largest grid room (doubles: grid and spectrum) in the shared block beyond the first plan's: 64 MB. */
const GRID_ROOM = 1 << 23;

/**
 * One evaluation: sort; the near field's rows [0, R) (the helper's share, in the shared block)
 * and, meanwhile, the far field and rows [R, rows) here; then raw = −((share + rest) + far).
 * With a helper, the far gradient of particles [h, n) is gathered there too, from the convolved
 * grid in the shared block (the helper starts once this thread's FFT is done): h follows the
 * measured times of both threads, so that they finish together. When the plan shares the grid
 * stage (plan.sharedGrid) and the spectrum fits in the block, both threads take its tasks from the
 * start (gridShare.ts), then gather, then compute their near rows. Each particle's far gradient is
 * the same bits whoever gathers it; without a running helper this thread computes the share
 * itself, into the same arrays in the same order: the result depends on the plan only.
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
  /** Two views of the same near configuration: the helper's share and this thread's rows. */
  private share!: NearField | null;
  private rest!: NearField | null;
  private far!: FarField | null;
  private sinceReplan = 0;
  /** This thread's near rows and the far gradients (in the block), in cell order. */
  private readonly mfx: Float64Array;
  private readonly mfy: Float64Array;
  private readonly ffx: Float64Array;
  private readonly ffy: Float64Array;
  /** Whether the far grid lives in the shared block (so the helper can gather from it). */
  private farShared = false;
  /** The grid stage as tasks the helper can share (null: the spectrum is not in the block). */
  private stage: GridStage | null = null;
  /** This thread gathers particles [0, split) when the helper gathers. */
  private split = 0;

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
    this.mfx = new Float64Array(n);
    this.mfy = new Float64Array(n);
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
    if (plan.near) {
      writeNearConfig(this.shared, plan.near);
      this.share = new NearField(plan.near, this.sorted);
      this.rest = plan.helperRows < this.share.rows ? new NearField(plan.near, this.sorted) : null;
    } else {
      this.share = null;
      this.rest = null;
    }
    const v = this.shared;
    this.farShared = plan.M > 0 && plan.M * plan.M <= v.grid.length;
    const mem = farMemory(v, plan.M, plan.K);
    this.far = plan.M > 0 ? new FarField(this.n, plan.M, plan.K, plan.window, plan.fhat, mem) : null;
    if (this.farShared) writeFarConfig(v, plan.M, plan.K, plan.window.w, plan.window.beta);
    // the helper spreads too: the kept weights (if kept) must be the block's
    const far = this.far;
    const gridOk =
      plan.sharedGrid && far !== null && mem.spectrum !== undefined && (!far.cached || far.sharedWeights);
    this.stage = gridOk ? new GridStage(far, v.ctrl) : null;
    this.split = Math.round(this.n / 2);
    this.shared.hfx.fill(0);
    this.shared.hfy.fill(0);
    this.mfx.fill(0);
    this.mfy.fill(0);
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

  /** The helper's share, here: the same computation the helper would do. */
  private shareHere(kind: number, row1: number): void {
    nearCommand(this.share!, this.shared, kind, row1);
  }

  private evaluate(pos: Float64Array, signs: Int8Array, gradient: boolean, energy: boolean): number {
    const s = this.sorted;
    const plan = this.current;
    s.sort(pos, signs, this.cells);
    const kind = (gradient ? COMMAND.GRADIENT : 0) | (energy ? COMMAND.ENERGY : 0);
    const R = plan.helperRows;
    const n = this.n;
    let e = 0;
    let pairs = 0;
    const share = this.share;
    const far = this.far;
    const hasShare = share !== null && R > 0;
    const ready = this.link?.ready ?? false;
    const helpGather = gradient && far !== null && this.farShared && ready;
    const grid = ready ? this.stage : null;
    let remote = false;
    if (hasShare || helpGather || grid) {
      const k = kind | (helpGather ? COMMAND.GATHER : 0) | (grid ? COMMAND.GRID : 0);
      grid?.reset(this.cells);
      remote = this.link?.start(k, 0, hasShare ? R : 0, helpGather ? this.split : n) ?? false;
    }
    if (hasShare && !remote) this.shareHere(kind, R);
    const h = remote && helpGather ? this.split : n;
    let tGather = 0;
    if (far) {
      if (remote && grid) {
        grid.run(s, this.cells);
        grid.finish();
      } else far.spreadAndConvolve(s.sx, s.sy, s.sb);
      if (remote && helpGather) this.link!.gridReady();
      const t1 = performance.now();
      if (gradient) far.gatherRange(s.sx, s.sy, s.sb, this.ffx, this.ffy, 0, h);
      tGather = performance.now() - t1;
    }
    let restEnergy = 0;
    const rest = this.rest;
    if (rest) {
      if (gradient && energy) {
        restEnergy = rest.accumulateWithEnergy(this.mfx, this.mfy, R, rest.rows);
        pairs += rest.pairsInside;
      } else if (gradient) pairs += rest.accumulate(this.mfx, this.mfy, R, rest.rows);
      else restEnergy = rest.energy(R, rest.rows);
    }
    const tMain = sharedClock();
    if (remote && !this.link!.finish()) {
      if (hasShare) this.shareHere(kind, R);
      if (h < n) far!.gatherRange(s.sx, s.sy, s.sb, this.ffx, this.ffy, h, n);
    } else if (remote && helpGather) this.balance(tMain, tGather, h);
    if (share && R > 0) {
      if (gradient) pairs += this.shared.ctrl[CTRL.PAIRS];
      if (energy) e += getEnergy(this.shared);
    }
    if (share && energy) e += restEnergy + share.selfEnergy();
    if (this.far && energy) e += this.far.energy();
    if (gradient) this.checkClustering(pairs);
    return e;
  }

  /**
   * Move the gather split so that both threads finish together (the helper's gather starts after
   * this thread's FFT, whatever its near share): by the difference of their end times over the
   * cost per particle gathered here and there, each measured; while one side has no measurement
   * yet it is taken as 1.4× (helper) or 1/1.4× the other, a prior from when the helper recomputed
   * the window values it now reads from the block. Half a step at a time: the times are noisy on
   * a shared machine.
   */
  private balance(tMain: number, tGather: number, h: number): void {
    const n = this.n;
    const helper = helperTimes(this.shared);
    let pm = h > 0 ? tGather / h : 0;
    let ph = h < n ? helper.gather / (n - h) : 0;
    if (!(pm > 0)) pm = ph / 1.4;
    if (!(ph > 0)) ph = 1.4 * pm;
    if (!(pm + ph > 0)) return;
    const move = (0.5 * (tMain - helper.end)) / (pm + ph);
    this.split = Math.max(0, Math.min(n, Math.round(h - move)));
  }

  accumulate(pos: Float64Array, signs: Int8Array, raw: Float64Array): void {
    this.evaluate(pos, signs, true, false);
    this.scatter(raw);
  }

  pairEnergy(pos: Float64Array, signs: Int8Array): number {
    return this.evaluate(pos, signs, false, true);
  }

  accumulateWithEnergy(pos: Float64Array, signs: Int8Array, raw: Float64Array): number {
    const e = this.evaluate(pos, signs, true, true);
    this.scatter(raw);
    return e;
  }

  /** raw (original order) = −((share + rest) + far) in cell order: kernel.accumulate's sign. */
  private scatter(raw: Float64Array): void {
    const { mfx, mfy, ffx, ffy } = this;
    const { hfx, hfy } = this.shared;
    const order = this.sorted.order;
    const plan = this.current;
    const hasShare = this.share !== null && plan.helperRows > 0;
    const hasRest = this.rest !== null;
    const hasFar = this.far !== null;
    for (let s = 0; s < this.n; s++) {
      const i = order[s];
      const nx = (hasShare ? hfx[s] : 0) + (hasRest ? mfx[s] : 0);
      const ny = (hasShare ? hfy[s] : 0) + (hasRest ? mfy[s] : 0);
      raw[2 * i] = -(nx + (hasFar ? ffx[s] : 0));
      raw[2 * i + 1] = -(ny + (hasFar ? ffy[s] : 0));
    }
  }
}
