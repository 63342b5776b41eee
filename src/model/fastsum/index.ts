import type { PeriodicKernel } from '../kernels/periodicKernel';
import { FarField } from './farField';
import { NearField } from './nearField';
import { buildPlan, type FastSumOptions, type Plan } from './plan';

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
  readonly n: number;
  /** The parameters chosen (grid, window, split), for diagnostics and benchmarks. */
  readonly plan: Plan;
}

class FastSumImpl implements FastSum {
  readonly n: number;
  readonly plan: Plan;
  private readonly near: NearField;
  private readonly far: FarField | null;

  constructor(kernel: PeriodicKernel, n: number, options: FastSumOptions) {
    this.n = n;
    const plan = buildPlan(kernel, n, options);
    this.plan = plan;
    this.near = new NearField(
      kernel.spec.geometry,
      kernel.spec.core,
      kernel.spec.delta,
      n,
      plan.r2,
      plan.gradTable,
      plan.valueTable,
      plan.nearSelf,
    );
    this.far = plan.M > 0 ? new FarField(n, plan.M, plan.K, plan.window, plan.fhat) : null;
  }

  accumulate(pos: Float64Array, signs: Int8Array, raw: Float64Array): void {
    const near = this.near;
    near.sort(pos, signs);
    if (this.plan.r2 > 0) near.accumulate();
    if (this.far) {
      this.far.spreadAndConvolve(near.sx, near.sy, near.sb);
      this.far.gatherGradient(near.sb, near.fx, near.fy);
    }
    const { order, fx, fy } = near;
    for (let s = 0; s < this.n; s++) {
      const i = order[s];
      raw[2 * i] = -fx[s];
      raw[2 * i + 1] = -fy[s];
    }
  }

  pairEnergy(pos: Float64Array, signs: Int8Array): number {
    const near = this.near;
    near.sort(pos, signs);
    let e = this.plan.r2 > 0 ? near.energy() : 0;
    if (this.far) {
      this.far.spreadAndConvolve(near.sx, near.sy, near.sb);
      e += this.far.energy();
    }
    return e;
  }
}

export function createFastSum(kernel: PeriodicKernel, n: number, options: FastSumOptions = {}): FastSum {
  if (!(Number.isInteger(n) && n >= 1))
    throw new RangeError(`createFastSum: n must be a positive integer, got ${n}`);
  return new FastSumImpl(kernel, n, options);
}
