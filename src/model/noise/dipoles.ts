/**
 * Whether thermal noise can break a ± dipole (MATH §13). The separation r ∈ R^d moves in the
 * potential Φ(r) = (2/n)·log|r| with diffusion 2θ. Escaping from δ to the spacing ℓ costs
 * ΔΦ = (2/n)·log(ℓ/δ): the Arrhenius part exp(−ΔΦ/(2θ)) = (δ/ℓ)^a, a = 1/(nθ). But the pair also
 * gains the room r^{d−1}dr it finds out there, (ℓ/δ)^d, because a log barrier is only
 * logarithmically high: the mean escape time is ≈ (ℓ²/2θ)·(ℓ/δ)^{a−d}/((a−d)(a−d+2)) for a > d,
 * and of the order of the free diffusion time ℓ²/2θ for a ≤ d, where the attraction cannot hold a
 * pair at all. So the rate factor is (δ/ℓ)^{a−d} for nθ < 1/d and 1 beyond.
 */
export interface DipoleBreaking {
  /** ΔΦ = (2/n)·log(ℓ/δ) (0 when δ ≥ ℓ: no barrier). */
  barrier: number;
  /** a − d = 1/(nθ) − d: the power of δ/ℓ in the rate (≤ 0: no bound state). */
  exponent: number;
  /** (δ/ℓ)^{max(a−d, 0)}; 0 at θ = 0 with a barrier, 1 without one. */
  factor: number;
}

/** spacing: ℓ = n^{-1/2} on T² (n^{-1} on T¹) unless given; dimension d of the separation. */
export function dipoleBreakFactor(
  n: number,
  theta: number,
  delta: number,
  spacing = 1 / Math.sqrt(n),
  dimension = 2,
): DipoleBreaking {
  const barrier = delta < spacing ? (2 / n) * Math.log(spacing / delta) : 0;
  const exponent = theta > 0 ? 1 / (n * theta) - dimension : Number.POSITIVE_INFINITY;
  if (barrier === 0) return { barrier, exponent, factor: 1 };
  if (!(theta > 0)) return { barrier, exponent, factor: 0 };
  if (exponent <= 0) return { barrier, exponent, factor: 1 };
  return { barrier, exponent, factor: (delta / spacing) ** exponent };
}
