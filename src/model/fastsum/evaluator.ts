import type { PairKernel } from '../kernels/pairKernel';
import { CellSort, cellGeometry } from './cells';
import { FarField } from './farField';
import type { FastSum } from './index';
import { NearField } from './nearField';
import { buildPlan, type FastSumOptions, type Plan, preferredGrid } from './plan';
import {
  COMMAND,
  CTRL,
  getEnergy,
  type SharedViews,
  setEnergy,
  sharedBytes,
  sharedViews,
  writeNearConfig,
} from './shared';
import { type FastSumThreads, HelperLink } from './threads';

/**
 * One evaluation: sort; the near field's rows [0, R) (the helper's share, in the shared block)
 * and, meanwhile, the far field and rows [R, rows) here; then raw = −((share + rest) + far).
 * Without a running helper this thread computes the share itself, into the same arrays in the
 * same order: the result depends on the plan only.
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
  /** This thread's near rows and the far gradients, in cell order. */
  private readonly mfx: Float64Array;
  private readonly mfy: Float64Array;
  private readonly ffx: Float64Array;
  private readonly ffy: Float64Array;

  constructor(kernel: PairKernel, n: number, options: FastSumOptions, threads: FastSumThreads | null) {
    this.n = n;
    this.kernel = kernel;
    this.options = options;
    const parallel = threads !== null && options.threads === 2 && typeof SharedArrayBuffer !== 'undefined';
    const bytes = sharedBytes(n);
    this.shared = sharedViews(parallel ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes), n);
    const v = this.shared;
    this.sorted = new CellSort(n, v.sx, v.sy, v.sb, v.cellStart);
    this.mfx = new Float64Array(n);
    this.mfy = new Float64Array(n);
    this.ffx = new Float64Array(n);
    this.ffy = new Float64Array(n);
    this.install(buildPlan(kernel, n, options));
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
    this.far = plan.M > 0 ? new FarField(this.n, plan.M, plan.K, plan.window, plan.fhat) : null;
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
    const v = this.shared;
    if (kind & COMMAND.GRADIENT) v.ctrl[CTRL.PAIRS] = this.share!.accumulate(v.hfx, v.hfy, 0, row1);
    if (kind & COMMAND.ENERGY) setEnergy(v, this.share!.energy(0, row1));
  }

  private evaluate(pos: Float64Array, signs: Int8Array, gradient: boolean, energy: boolean): number {
    const s = this.sorted;
    const plan = this.current;
    s.sort(pos, signs, this.cells);
    const kind = (gradient ? COMMAND.GRADIENT : 0) | (energy ? COMMAND.ENERGY : 0);
    const R = plan.helperRows;
    let e = 0;
    let pairs = 0;
    const share = this.share;
    let remote = false;
    if (share && R > 0) {
      remote = this.link?.start(kind, 0, R) ?? false;
      if (!remote) this.shareHere(kind, R);
    }
    if (this.far) {
      this.far.spreadAndConvolve(s.sx, s.sy, s.sb);
      if (gradient) this.far.gatherGradient(s.sx, s.sy, s.sb, this.ffx, this.ffy);
    }
    let restEnergy = 0;
    if (this.rest) {
      if (gradient) pairs += this.rest.accumulate(this.mfx, this.mfy, R, this.rest.rows);
      if (energy) restEnergy = this.rest.energy(R, this.rest.rows);
    }
    if (remote && !this.link!.finish()) this.shareHere(kind, R);
    if (share && R > 0) {
      if (gradient) pairs += this.shared.ctrl[CTRL.PAIRS];
      if (energy) e += getEnergy(this.shared);
    }
    if (share && energy) e += restEnergy + share.selfEnergy();
    if (this.far && energy) e += this.far.energy();
    if (gradient) this.checkClustering(pairs);
    return e;
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
