import { besselJ0 } from '../../special/besselJ0';
import type { CoreForms } from './forms';

/**
 * The ring core: m_δ(k) = J₀(2πδ|k|)·exp(−π²δ²|k|²/2), the transform of a ring of radius δ
 * blurred by a gaussian of standard deviation δ/2. OUTSIDE THE PAPER'S ASSUMPTION (V3): m_δ is not
 * positive (negative for 2πδ|k| between the first two zeros of J₀, 2.405…5.520), so V_δ is not
 * positive definite and the continuum energy is not convex; the uniform state is linearly unstable
 * at those wavelengths (tests/unit/pde.ring.test.ts measures the growth).
 */
export function ringMultiplier(delta: number, kSquared: number): number {
  const a = Math.PI * delta;
  return besselJ0(2 * a * Math.sqrt(kSquared)) * Math.exp(-0.5 * a * a * kSquared);
}

/** Shown wherever the ring core is offered or used. */
export const RING_LABEL = 'ring J₀(2πδ|k|)·exp(−π²δ²|k|²/2) — outside the paper’s assumption (V3)';

/**
 * The ring core has no real-space closed forms here yet (its Φ is an integral of a Marcum-Q type
 * mass profile), so the particle kernels and the fast sum cannot be built: only the PDE, which
 * needs the multiplier alone, runs with it. A clear one-line error rather than a wrong kernel.
 */
export function ringForms(_delta: number): CoreForms {
  throw new Error(
    'core "ring": particle kernels are not available for this core (no real-space profile yet); use the PDE engine',
  );
}
