import type { InteractionSpec } from '../types';
import type { PairKernel } from './pairKernel';
import { PeriodicKernel } from './periodicKernel';

export { coreMultiplier, interactionMultiplier, kernelMultiplier } from './multipliers';
export type { PairKernel } from './pairKernel';

/** Smallest core radius the kernels are tested at (tests/unit/kernels.smallDelta.test.ts). */
export const DELTA_MIN_KERNEL = 1e-12;

/** The production periodic kernel V_δ for a (geometry, core, δ). Building costs ~0.1–0.5 s. */
export function makeKernel(spec: InteractionSpec): PairKernel {
  if (!(spec.delta >= DELTA_MIN_KERNEL && spec.delta <= 0.5))
    throw new RangeError(`delta must lie in [${DELTA_MIN_KERNEL}, 0.5], got ${spec.delta}`);
  return new PeriodicKernel(spec);
}
