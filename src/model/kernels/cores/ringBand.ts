import { ringMultiplier } from './ring';

/**
 * Where the ring core's multiplier is negative and how fast the uniform state ρ± = ½ grows there
 * (MATH §2a). Linearising the PDE about ρ± = ½ (U = 0) gives for mode k of κ the rate
 * γ(k) = −4π²|k|²·V̂_k·m_δ(k): −2π m_δ(k) isotropic, −4π (k₁²k₂²/|k|⁴)·m_δ(k) slip. m_δ depends on
 * z = 2πδ|k| alone, so the unstable band and the fastest rate scale with 1/δ and not at all.
 */

/** The first two zeros of J₀: m_δ < 0 for z = 2πδ|k| between them. */
export const J0_ZEROS: readonly [number, number] = [2.404825557695773, 5.520078110286311];

/** z = 2πδ|k| of the most negative m_δ and that value (golden-section search on the band). */
export const RING_FASTEST = (() => {
  const f = (z: number) => ringMultiplier(1, (z / (2 * Math.PI)) ** 2);
  let [a, b] = J0_ZEROS;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 80; i++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (f(c) < f(d)) b = d;
    else a = c;
  }
  const z = 0.5 * (a + b);
  return { z, m: f(z) };
})();

export interface RingInstability {
  /** |k| between which m_δ < 0 (the first band; the next ones are e^{−z²/8} ≤ 1e-4 weaker). */
  band: [number, number];
  /** |k| of the fastest isotropic growth and its rate −2π·min m_δ (slip: at 45°, half of it). */
  fastestK: number;
  fastestRate: number;
}

export function ringInstability(delta: number): RingInstability {
  const s = 1 / (2 * Math.PI * delta);
  return {
    band: [J0_ZEROS[0] * s, J0_ZEROS[1] * s],
    fastestK: RING_FASTEST.z * s,
    fastestRate: -2 * Math.PI * RING_FASTEST.m,
  };
}
