import type { PairKernel } from '../kernels/pairKernel';
import { GridConvolver } from './gridFft';

/**
 * Fourier coefficients of the far field far = V_δ − near by sampling on the M×M grid and one FFT,
 * for splittings whose far part has no closed-form multiplier (plummer/poisson cores).
 *
 * V_δ = P_δ(x*) + R(x*) on the cell (periodicKernel.ts), R the smooth periodic remainder. R is
 * taken as kernel.value − P_δ (public API only; its value tables are quintic, ~1e-12 absolute),
 * and far = R + (far − R) is assembled without cancellation: `inner(x₁, x₂, q)` returns far − R
 * on the near support q < r₂² (P_scr + χ·(P_δ − P₀)); outside it, far − R = P_δ = `outer`. far is even in x₁ and in x₂ (both geometries), so one
 * quadrant is evaluated and mirrored. Returns F̂_k for k₁ = 0..K, |k₂| ≤ K in the layout
 * fhat[k₁·M + (k₂ mod M)], and the largest |F̂_k|·2π|k|² outside that square (k₁ ≤ 1.5K, all
 * k₂): the relative truncation error of the far field, reported in the plan.
 */
export function sampleFarCoefficients(
  kernel: PairKernel,
  M: number,
  K: number,
  r2: number,
  inner: (x: number, y: number, q: number) => number,
  outer: (x: number, y: number, q: number) => number,
): { fhat: Float64Array; tail: number } {
  const H = M / 2;
  const grid = new Float64Array(M * M);
  const q2 = r2 * r2;
  for (let j = 0; j <= H; j++) {
    const y = j / M;
    for (let i = 0; i <= H; i++) {
      const x = i / M;
      const q = x * x + y * y;
      const pOut = outer(x, y, q);
      // R = V_δ − P_δ on the cell (kernel.value reduces to the minimum image itself)
      const r = kernel.value(x, y) - pOut;
      const val = r + (q < q2 ? inner(x, y, q) : pOut);
      // mirror into the four quadrants (indices mod M)
      const i2 = (M - i) % M;
      const j2 = (M - j) % M;
      grid[j * M + i] = val;
      grid[j * M + i2] = val;
      grid[j2 * M + i] = val;
      grid[j2 * M + i2] = val;
    }
  }
  // columns k₁ ≤ 1.5K: the kept square plus a band in which to measure the tail
  const Kf = Math.min(H - 1, K + (K >> 1));
  const conv = new GridConvolver(M, Kf);
  const re = new Float64Array((Kf + 1) * M);
  const im = new Float64Array((Kf + 1) * M);
  conv.forward(grid, re, im);
  const fhat = new Float64Array((K + 1) * M);
  const inv = 1 / (M * M);
  let tail = 0;
  for (let k1 = 0; k1 <= Kf; k1++)
    for (let k2 = -(H - 1); k2 < H; k2++) {
      const idx = k1 * M + ((k2 + M) % M);
      const f = re[idx] * inv;
      if (k1 <= K && Math.abs(k2) <= K) fhat[idx] = f;
      else tail = Math.max(tail, Math.abs(f) * 2 * Math.PI * (k1 * k1 + k2 * k2));
    }
  return { fhat, tail };
}
