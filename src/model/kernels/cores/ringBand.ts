import { ringMultiplier } from './ring';

/**
 * Where the ring core's multiplier is negative and how fast the uniform state ρ± = ½ grows there
 * (MATH §2a). Linearising the PDE about ρ± = ½ (U = 0) gives for mode k of κ the rate
 * γ(k) = −4π²|k|²·V̂_k·m_δ(k): −2π m_δ(k) isotropic, −4π (k₁²k₂²/|k|⁴)·m_δ(k) slip. m_δ depends on
 * z = 2πδ|k| alone, so the unstable band and the fastest rate scale with 1/δ and not at all.
 */

/** The first two zeros of J₀: m_δ < 0 for z = 2πδ|k| between them. */
export const J0_ZEROS: readonly [number, number] = [2.404825557695773, 5.520078110286311];

const m = (z: number) => ringMultiplier(1, (z / (2 * Math.PI)) ** 2);

/** argmin over the band of f (golden section; f is unimodal there). */
function bandMinimum(f: (z: number) => number): { z: number; value: number } {
  let [a, b] = J0_ZEROS;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 80; i++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (f(c) < f(d)) b = d;
    else a = c;
  }
  const z = 0.5 * (a + b);
  return { z, value: f(z) };
}

/** z = 2πδ|k| of the most negative m_δ (z = 3.2075, m = −0.0890), for the 2D rates. */
export const RING_FASTEST = (() => {
  const r = bandMinimum(m);
  return { z: r.z, m: r.value };
})();

/** The 1D rate −2π²|k|m_δ = −(π/δ)·z·m(z) is fastest at the minimum of z·m(z). */
const FASTEST_1D = bandMinimum((z) => z * m(z));

export type RingSetting = 'isotropic' | 'slip' | '1d';

export interface RingInstability {
  /** |k| between which m_δ < 0 (the first band; the next ones are e^{−z²/8} ≤ 1e-4 weaker). */
  band: [number, number];
  /** |k| of the fastest growth and its rate (slip: at 45° to the glide direction). */
  fastestK: number;
  fastestRate: number;
}

/**
 * Isotropic −2π·min m_δ = 0.559 and slip half of it, both independent of δ; on the circle
 * −2π²|k|m_δ, which scales with 1/δ.
 */
export function ringInstability(delta: number, setting: RingSetting = 'isotropic'): RingInstability {
  const s = 1 / (2 * Math.PI * delta);
  const band: [number, number] = [J0_ZEROS[0] * s, J0_ZEROS[1] * s];
  if (setting === '1d')
    return { band, fastestK: FASTEST_1D.z * s, fastestRate: (-Math.PI / delta) * FASTEST_1D.value };
  const rate = -2 * Math.PI * RING_FASTEST.m;
  return { band, fastestK: RING_FASTEST.z * s, fastestRate: setting === 'slip' ? rate / 2 : rate };
}
