import { xBesselK1 } from '../special/besselK1';
import type { CoreModel, Geometry, InteractionSpec } from '../types';

const PI = Math.PI;

/**
 * Core multiplier m_δ(k) of MATH §2 as a function of |k|² (the regularisation: V̂_k·m_δ(k)).
 * δ = 0 gives 1 (the unregularised kernel).
 */
export function coreMultiplier(core: CoreModel, delta: number, kSquared: number): number {
  if (delta === 0) return 1;
  switch (core) {
    case 'gaussian':
      return Math.exp(-2 * PI * PI * delta * delta * kSquared);
    case 'plummer':
      return xBesselK1(2 * PI * delta * Math.sqrt(kSquared));
    case 'poisson':
      return Math.exp(-2 * PI * delta * Math.sqrt(kSquared));
  }
}

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
