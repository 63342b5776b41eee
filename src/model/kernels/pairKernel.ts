import type { InteractionSpec } from '../types';

/**
 * The periodic pair potential V_δ of MATH §2 for one (geometry, core, δ), evaluated at a
 * displacement d = x_i − x_j. Displacements may be any reals: implementations reduce them to the
 * minimum image themselves. This is the one place that knows the multiplier-defined kernel.
 */
export interface PairKernel {
  readonly spec: InteractionSpec;
  /** V_δ(d). */
  value(dx: number, dy: number): number;
  /** ∇V_δ(d) into out[o], out[o+1]. */
  gradient(dx: number, dy: number, out: Float64Array, o: number): void;
  /** D²V_δ(d) as [∂₁₁, ∂₁₂, ∂₂₂] into out[o..o+2]. */
  hessian(dx: number, dy: number, out: Float64Array, o: number): void;
  /** V_δ(0): finite for δ > 0; the diagonal term of E_n. */
  readonly selfValue: number;
  /** raw[i] = −Σ_{j≠i} b_i b_j ∇V_δ(x_i − x_j) for every i: the O(n²) hot loop, done once per pair. */
  accumulate(pos: Float64Array, signs: Int8Array, raw: Float64Array): void;
  /** Σ_{i<j} b_i b_j V_δ(x_i − x_j): the energy's O(n²) loop. */
  pairEnergy(pos: Float64Array, signs: Int8Array): number;
  /** λ_δ = ‖D²V_δ‖_∞ (MATH §2), computed, not assumed. */
  readonly lambda: number;
}
