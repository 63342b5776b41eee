import type { PairKernel } from '../kernels/pairKernel';
import type { ExternalField, Geometry } from '../types';

/**
 * A particle system ready to be integrated: fixed signs, kernel and loading. Positions are the
 * integrator's business and are passed in (interleaved [x₀, y₀, x₁, y₁, …], any reals: the
 * dynamics is periodic, so unwrapped positions are fine).
 */
export interface ParticleSystem {
  readonly n: number;
  readonly signs: Int8Array;
  readonly geometry: Geometry;
  readonly kernel: PairKernel;
  readonly field: ExternalField;
  /**
   * dx_i/dt of MATH §3 into out (length 2n); for `slip` every y-velocity is exactly 0. `during`:
   * work that needs neither the result nor the sum's memory, which the system may run (at most
   * once) on this thread while a helper thread computes its share of the sum; a caller that needs
   * it done runs it afterwards if it did not run (multirate.ts alongside).
   */
  velocities(pos: Float64Array, out: Float64Array, during?: () => void): void;
  /** E_n of MATH §3 (diagonal kept; F does not enter); `during` as for velocities. */
  energy(pos: Float64Array, during?: () => void): number;
  /** velocities(pos, out) and energy(pos) in one pass; present only where that is cheaper (fast sums). */
  velocitiesAndEnergy?(pos: Float64Array, out: Float64Array): number;
}
