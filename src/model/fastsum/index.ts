import type { PairKernel } from '../kernels/pairKernel';
import { FastSumEvaluator } from './evaluator';
import type { FastSumOptions, Plan } from './plan';
import { fastSumThreads } from './threads';

export type { FastSumOptions, Plan } from './plan';
export { type FastSumThreads, fastSumThreadsStatus, installFastSumThreads } from './threads';

/**
 * From this n on the plan is a two-thread one (a helper takes near-field chunks and far-gather tasks).
 * Measured (same process, load 1.6, gaussian, δ = 1/n): one → two threads n = 1000 isotropic
 * 1.42 → 0.80 ms, slip 1.93 → 1.25 ms; n = 2000 2.83 → 2.11, 3.58 → 1.96 ms. At n = 500 the gain
 * was not reproducible (sync of a few µs against ~0.7 ms, and the plans' grids differ).
 */
export const PARALLEL_MIN_N = 1000;

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
  accumulate(pos: Float64Array, signs: Int8Array, raw: Float64Array, during?: () => void): void;
  /**
   * Σ_i Σ_j b_i b_j V_δ(x_i − x_j), diagonal included. `during` (here and in accumulate) runs on
   * this thread once the helper has started on its share (or first, without a helper), and must
   * not touch the sum.
   */
  pairEnergy(pos: Float64Array, signs: Int8Array, during?: () => void): number;
  /** Both at once (one far-field transform): fills raw as accumulate, returns pairEnergy. */
  accumulateWithEnergy(pos: Float64Array, signs: Int8Array, raw: Float64Array): number;
  readonly n: number;
  /** The parameters chosen (grid, window, split), for diagnostics and benchmarks. */
  readonly plan: Plan;
  /** Resolves true once a helper thread takes its share (false: this one computes alone). */
  whenParallel(timeoutMs?: number): Promise<boolean>;
}

export function createFastSum(kernel: PairKernel, n: number, options: FastSumOptions = {}): FastSum {
  if (!(Number.isInteger(n) && n >= 1))
    throw new RangeError(`createFastSum: n must be a positive integer, got ${n}`);
  const threads = fastSumThreads();
  // the plan (and so every bit of the result) must not depend on the environment: a run replays
  // the same with or without a helper thread, in node and in any browser
  const wanted = options.threads ?? (n >= PARALLEL_MIN_N ? 2 : 1);
  return new FastSumEvaluator(kernel, n, { ...options, threads: wanted }, threads);
}

/**
 * Whether one evaluation by the fast sum beats the direct O(n²) sum: measured crossover n ≈ 150–200
 * for every core and geometry (reference machine, both in the same process); 256 leaves a margin
 * of ~2×. Setup (createFastSum) is not included: it amortises after a few evaluations.
 */
export function fastSumPays(n: number): boolean {
  return n >= 256;
}
