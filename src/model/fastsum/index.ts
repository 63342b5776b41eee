import type { PairKernel } from '../kernels/pairKernel';
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
  private current!: Plan;
  private near!: NearField;
  private far!: FarField | null;
  private sinceReplan = 0;

  constructor(kernel: PairKernel, n: number, options: FastSumOptions) {
    this.n = n;
    this.kernel = kernel;
    this.options = options;
    this.install(buildPlan(kernel, n, options));
  }

  get plan(): Plan {
    return this.current;
  }

  private install(plan: Plan): void {
    const { geometry, core, delta } = this.kernel.spec;
    this.current = plan;
    this.near = new NearField(
      geometry,
      core,
      delta,
      this.n,
      plan.r2,
      plan.gradTable,
      plan.valueTable,
      plan.nearSelf,
    );
    this.far = plan.M > 0 ? new FarField(this.n, plan.M, plan.K, plan.window, plan.fhat) : null;
    this.sinceReplan = 0;
  }

  /**
   * The plan assumes uniformly spread particles; a clustered configuration has proportionally
   * more near pairs (the count is a by-product of the pair loop). When the measured factor
   * departs from the assumed one by more than 1.5× (and 10 evaluations have passed since the last
   * change, to amortise the setup), re-plan with it: a finer grid and a smaller near radius.
   * Results change only at the level of the tolerance.
   */
  private checkClustering(): void {
    const plan = this.current;
    if (this.options.adaptive === false || this.options.grid || !(plan.uniformPairs > 0)) return;
    if (++this.sinceReplan < 10) return;
    const c = Math.max(0.25, this.near.pairsInside / plan.uniformPairs);
    if (c < 1.5 * plan.clustering && c > plan.clustering / 1.5) return;
    this.sinceReplan = 0;
    if (preferredGrid(this.kernel, this.n, this.options, c) === plan.M) return;
    this.install(buildPlan(this.kernel, this.n, this.options, c));
  }

  accumulate(pos: Float64Array, signs: Int8Array, raw: Float64Array): void {
    const near = this.near;
    near.sort(pos, signs);
    if (this.current.r2 > 0) near.accumulate();
    if (this.far) {
      this.far.spreadAndConvolve(near.sx, near.sy, near.sb);
      this.far.gatherGradient(near.sb, near.fx, near.fy);
    }
    this.scatter(raw);
    this.checkClustering();
  }

  pairEnergy(pos: Float64Array, signs: Int8Array): number {
    const near = this.near;
    near.sort(pos, signs);
    let e = this.current.r2 > 0 ? near.energy() : 0;
    if (this.far) {
      this.far.spreadAndConvolve(near.sx, near.sy, near.sb, false);
      e += this.far.energy();
    }
    return e;
  }

  accumulateWithEnergy(pos: Float64Array, signs: Int8Array, raw: Float64Array): number {
    const near = this.near;
    near.sort(pos, signs);
    let e = 0;
    if (this.current.r2 > 0) {
      near.accumulate();
      e = near.energy();
    }
    if (this.far) {
      this.far.spreadAndConvolve(near.sx, near.sy, near.sb);
      e += this.far.energy();
      this.far.gatherGradient(near.sb, near.fx, near.fy);
    }
    this.scatter(raw);
    this.checkClustering();
    return e;
  }

  /** raw (original order) = −(accumulated gradients in cell order): kernel.accumulate's sign. */
  private scatter(raw: Float64Array): void {
    const { order, fx, fy } = this.near;
    for (let s = 0; s < this.n; s++) {
      const i = order[s];
      raw[2 * i] = -fx[s];
      raw[2 * i + 1] = -fy[s];
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
