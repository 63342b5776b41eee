import type { Geometry, InteractionSpec } from '../types';
import { coreMultiplier } from './cores';

export { coreMultiplier } from './cores';

const PI = Math.PI;

/** Unregularised multiplier V̂_k (MATH §2); V̂_0 = 0. */
export function kernelMultiplier(geometry: Geometry, k1: number, k2: number): number {
  const kk = k1 * k1 + k2 * k2;
  if (kk === 0) return 0;
  return geometry === 'isotropic' ? 1 / (2 * PI * kk) : (k2 * k2) / (PI * kk * kk);
}

/** V̂_k·m_δ(k): the Fourier coefficient of V_δ, the definition of the interaction. */
export function interactionMultiplier(spec: InteractionSpec, k1: number, k2: number): number {
  const kk = k1 * k1 + k2 * k2;
  if (kk === 0) return 0;
  return kernelMultiplier(spec.geometry, k1, k2) * coreMultiplier(spec.core, spec.delta, kk);
}
