/**
 * The regime map's lines on the circle (MATH §12), the 1D counterparts of diagnostics/regime.ts:
 *  - non-convergence with short dipoles, Thm 4.1: n³δ → 0 (line δ = n^{−3}); for the model potential
 *    (our `poisson` core, V_δ ∈ C³ with |V_δ'''| ≲ 1/s³) Remark 4.3 weakens this to n^{3/2}δ → 0;
 *  - the typical spacing δ = 1/n;
 *  - the stability criterion exp(3λ_δT)·W(μ◦, ρ◦) < 1 with W ~ 1/n (quantile data) and λ_δ = 1/δ²
 *    (the 1D model potential), i.e. δ > √(3T/log n). The paper proves its convergence theorems on T²;
 *    the estimate behind them uses only λ_δ and W, so the line is drawn as the same criterion, labelled
 *    as such, not as a theorem of the paper in 1D.
 */
import { regimeLines } from '../diagnostics/regime';

export interface RegimeLines1d {
  convergence: number;
  /** δ = n^{−3/2} (Remark 4.3, model potential). */
  remark43: number;
  /** δ = n^{−3} (Thm 4.1). */
  thm41: number;
  /** δ = 1/n. */
  spacing: number;
}

export function regimeLines1d(n: number, T: number): RegimeLines1d {
  // 3T/δ² < log n (1D: λ = 1/δ², W ~ 1/n) is the 2D line's 3T/(2δ²) < ½ log n: the same δ
  const { convergence } = regimeLines(n, T);
  return { convergence, remark43: n ** -1.5, thm41: n ** -3, spacing: 1 / n };
}

/** Which side of the lines (n, δ) lies on in 1D. */
export function classifyRegime1d(
  n: number,
  delta: number,
  T: number,
): 'convergent' | 'non-convergent' | 'open' {
  const l = regimeLines1d(n, T);
  if (delta >= l.convergence) return 'convergent';
  if (delta <= l.thm41) return 'non-convergent';
  return 'open';
}
