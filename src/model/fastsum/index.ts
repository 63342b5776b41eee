import type { PairKernel } from '../kernels/pairKernel';
import { CellSort, cellGeometry, cellStartLength } from './cells';
import { FarField } from './farField';
import { NearField } from './nearField';
import { buildPlan, type FastSumOptions, type Plan, preferredGrid } from './plan';

export type { FastSumOptions } from './plan';

/**
 * O(n log n) evaluation of the pair sums of a PeriodicKernel (same contract as kernel.accumulate):
 * V_δ = near + far, near compactly supported (r < r₂ < ½) and summed over pairs with a cell list,
 * far smooth and summed by NUFFT (see plan.ts for the splitting, farField.ts for the NUFFT).
 */
export interface FastSum {
  /**
   * raw[i] = −Σ_{j≠i} b_i b_j ∇V_δ(x_i − x_j) (positions interleaved, any reals): exactly what
   * PeriodicKernel.accumulate returns (its doc comment drops the minus sign; velocities are raw/n).
   */
  accumulate(pos: Float64Array, signs: Int8Array, raw: Float64Array): void;
  /** Σ_i Σ_j b_i b_j V_δ(x_i − x_j), diagonal included. */
  pairEnergy(pos: Float64Array, signs: Int8Array): number;
  /** Both at once (one far-field transform): fills raw as accumulate, returns pairEnergy. */
  accumulateWithEnergy(pos: Float64Array, signs: Int8Array, raw: Float64Array): number;
  readonly n: number;
  /** The parameters chosen (grid, window, split), for diagnostics and benchmarks. */
  readonly plan: Plan;
}

class FastSumImpl implements FastSum {
  readonly n: number;
  private readonly kernel: PairKernel;
  private readonly options: FastSumOptions;
  private readonly sorted: CellSort;
  private current!: Plan;
  private cells = 0;
  private near!: NearField | null;
  private far!: FarField | null;
  private sinceReplan = 0;
  /** Near and far gradients in cell order, kept apart and added last (same bits on any thread). */
  private readonly nfx: Float64Array;
  private readonly nfy: Float64Array;
  private readonly ffx: Float64Array;
  private readonly ffy: Float64Array;

  constructor(kernel: PairKernel, n: number, options: FastSumOptions) {
    this.n = n;
    this.kernel = kernel;
    this.options = options;
    this.sorted = new CellSort(
      n,
      new Float64Array(n),
      new Float64Array(n),
      new Float64Array(n),
      new Int32Array(cellStartLength(n)),
    );
    this.nfx = new Float64Array(n);
    this.nfy = new Float64Array(n);
    this.ffx = new Float64Array(n);
    this.ffy = new Float64Array(n);
    this.install(buildPlan(kernel, n, options));
  }

  get plan(): Plan {
    return this.current;
  }

  private install(plan: Plan): void {
    this.current = plan;
    this.cells = plan.near ? plan.near.cells : cellGeometry(0, this.n).cells;
    this.near = plan.near ? new NearField(plan.near, this.sorted) : null;
    this.far = plan.M > 0 ? new FarField(this.n, plan.M, plan.K, plan.window, plan.fhat) : null;
    this.nfx.fill(0);
    this.nfy.fill(0);
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

  /** Sort, then the near gradients (nfx, nfy) and, unless energyOnly, the far ones (ffx, ffy). */
  private evaluate(pos: Float64Array, signs: Int8Array, gradient: boolean, energy: boolean): number {
    const s = this.sorted;
    s.sort(pos, signs, this.cells);
    let e = 0;
    let pairs = 0;
    if (this.near) {
      if (gradient) pairs = this.near.accumulate(this.nfx, this.nfy);
      if (energy) e += this.near.energy() + this.near.selfEnergy();
    }
    if (this.far) {
      this.far.spreadAndConvolve(s.sx, s.sy, s.sb, gradient);
      if (energy) e += this.far.energy();
      if (gradient) this.far.gatherGradient(s.sx, s.sy, s.sb, this.ffx, this.ffy);
    }
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

  /** raw (original order) = −(near + far gradients in cell order): kernel.accumulate's sign. */
  private scatter(raw: Float64Array): void {
    const { nfx, nfy, ffx, ffy } = this;
    const order = this.sorted.order;
    const far = this.far !== null;
    const near = this.near !== null;
    for (let s = 0; s < this.n; s++) {
      const i = order[s];
      raw[2 * i] = -((near ? nfx[s] : 0) + (far ? ffx[s] : 0));
      raw[2 * i + 1] = -((near ? nfy[s] : 0) + (far ? ffy[s] : 0));
    }
  }
}

export function createFastSum(kernel: PairKernel, n: number, options: FastSumOptions = {}): FastSum {
  if (!(Number.isInteger(n) && n >= 1))
    throw new RangeError(`createFastSum: n must be a positive integer, got ${n}`);
  return new FastSumImpl(kernel, n, options);
}

/**
 * Whether one evaluation by the fast sum beats the direct O(n²) sum: measured crossover n ≈ 150–200
 * for every core and geometry (reference machine, both in the same process); 256 leaves a margin
 * of ~2×. Setup (createFastSum) is not included: it amortises after a few evaluations.
 */
export function fastSumPays(n: number): boolean {
  return n >= 256;
}
