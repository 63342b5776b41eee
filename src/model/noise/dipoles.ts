/**
 * Whether thermal noise can break a ± dipole (MATH §13): the pair separation moves in the
 * potential (2/n)·log s with diffusion 2θ, so escaping from δ to the spacing ℓ costs
 * ΔE = (2/n)·log(ℓ/δ) and the Arrhenius factor is exp(−ΔE/(2θ)) = (δ/ℓ)^{1/(nθ)}.
 */
export interface DipoleBreaking {
  /** ΔE = (2/n)·log(ℓ/δ) (0 when δ ≥ ℓ: no barrier). */
  barrier: number;
  /** exp(−ΔE/(2θ)); 0 at θ = 0 with a barrier, 1 without one. */
  factor: number;
}

/** spacing: ℓ = n^{-1/2} on T² (n^{-1} on T¹) unless given. */
export function dipoleBreakFactor(
  n: number,
  theta: number,
  delta: number,
  spacing = 1 / Math.sqrt(n),
): DipoleBreaking {
  const barrier = delta < spacing ? (2 / n) * Math.log(spacing / delta) : 0;
  if (barrier === 0) return { barrier, factor: 1 };
  if (!(theta > 0)) return { barrier, factor: 0 };
  return { barrier, factor: Math.exp(-barrier / (2 * theta)) };
}
