/**
 * The H⁻² distance of MATH §8 on the circle (MATH §12):
 *   ‖μ − ρ‖ = (Σ_{|k|≤K} (1 + 4π²k²)^{−2} |μ̂_k − ρ̂_k|²)^{1/2},
 * μ̂_k = (1/n) Σ_{b_i = ±1} e^{−2πikx_i}, ρ̂_k from N cell averages as in 2D (MATH §11): the DFT over
 * the cell centres divided by sinc(πk/N); modes |k| ≥ N/2 count as zero.
 */
import { sinc } from '../pde/grid';

/** re/im of ĉ_k for k = −K…K at index k + K. */
export interface Coefficients1d {
  K: number;
  re: Float64Array;
  im: Float64Array;
}

/** (1/n) Σ_{i: b_i = sign} e^{−2πikx_i}, n = x.length (all particles). */
export function empiricalCoefficients1d(
  x: ArrayLike<number>,
  signs: ArrayLike<number>,
  sign: 1 | -1,
  K: number,
): Coefficients1d {
  const re = new Float64Array(2 * K + 1);
  const im = new Float64Array(2 * K + 1);
  const n = x.length;
  for (let i = 0; i < n; i++) {
    if (signs[i] !== sign) continue;
    for (let k = -K; k <= K; k++) {
      const a = 2 * Math.PI * k * x[i];
      re[k + K] += Math.cos(a) / n;
      im[k + K] -= Math.sin(a) / n;
    }
  }
  return { K, re, im };
}

/** ρ̂_k of N cell averages (MATH §11), |k| ≤ K. */
export function cellCoefficients1d(cells: ArrayLike<number>, K: number): Coefficients1d {
  const N = cells.length;
  const re = new Float64Array(2 * K + 1);
  const im = new Float64Array(2 * K + 1);
  for (let k = -K; k <= K; k++) {
    if (2 * Math.abs(k) >= N) continue;
    let r = 0;
    let s = 0;
    for (let c = 0; c < N; c++) {
      const a = (2 * Math.PI * k * (c + 0.5)) / N;
      r += cells[c] * Math.cos(a);
      s -= cells[c] * Math.sin(a);
    }
    const w = 1 / (N * sinc((Math.PI * k) / N));
    re[k + K] = r * w;
    im[k + K] = s * w;
  }
  return { K, re, im };
}

export function sobolevDistance1d(a: Coefficients1d, b: Coefficients1d, s = 2): number {
  if (a.K !== b.K) throw new Error('sobolevDistance1d: blocks must have the same K');
  let sum = 0;
  for (let k = -a.K; k <= a.K; k++) {
    const dr = a.re[k + a.K] - b.re[k + a.K];
    const di = a.im[k + a.K] - b.im[k + a.K];
    sum += (1 + 4 * Math.PI * Math.PI * k * k) ** -s * (dr * dr + di * di);
  }
  return Math.sqrt(sum);
}

/** ‖μ± − ρ±‖_{H⁻²} (K = 32 as in 2D). */
export function hMinusDistance1d(
  x: ArrayLike<number>,
  signs: ArrayLike<number>,
  rhoPlus: ArrayLike<number>,
  rhoMinus: ArrayLike<number>,
  K = 32,
): { plus: number; minus: number } {
  return {
    plus: sobolevDistance1d(empiricalCoefficients1d(x, signs, 1, K), cellCoefficients1d(rhoPlus, K)),
    minus: sobolevDistance1d(empiricalCoefficients1d(x, signs, -1, K), cellCoefficients1d(rhoMinus, K)),
  };
}
