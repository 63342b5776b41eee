import type { InteractionSpec } from '../types';
import type { PairKernel } from './pairKernel';
import { PeriodicKernel } from './periodicKernel';

export { coreMultiplier, interactionMultiplier, kernelMultiplier } from './multipliers';
export type { PairKernel } from './pairKernel';

/** The production periodic kernel V_δ for a (geometry, core, δ). Building costs ~0.1–0.5 s. */
export function makeKernel(spec: InteractionSpec): PairKernel {
  if (!(spec.delta >= 1e-9 && spec.delta <= 0.5))
    throw new RangeError(`delta must lie in [1e-9, 0.5], got ${spec.delta}`);
  return new PeriodicKernel(spec);
}
