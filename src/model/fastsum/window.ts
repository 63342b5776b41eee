/**
 * The "exponential of semicircle" spreading window of Barnett, Magland & af Klinteberg (FINUFFT,
 * SIAM J. Sci. Comput. 41, 2019): φ(z) = exp(β(√(1 − z²) − 1)) on |z| ≤ 1, w grid points wide.
 * With upsampling σ = M/(2K) = 2 the NUFFT error is ≈ 10^{1−w} for FINUFFT's β = 2.30·w. We use
 * β = 2.8·w (see farField.ts): our multipliers are negligible near K, and the smaller edge value
 * e^{−β} matters because the gradient is gathered with the window's derivative. Measured on the
 * far-field gradient at w = 12: max error 1e-7 (β = 2.3w), 1e-8 (2.5w), 3e-10 (2.8w), 5e-10 (2.9w).
 */
export interface SpreadWindow {
  /** Width in grid points. */
  readonly w: number;
  readonly beta: number;
  /** φ̂_α(κ)·M, κ = 0..K (the 1D Fourier transform of the window in physical units, ×M). */
  readonly hat: Float64Array;
}

/** Gauss–Legendre nodes/weights on [−1, 1] (Newton on P_n), for the window transform. */
function gaussLegendre(n: number): { x: Float64Array; wt: Float64Array } {
  const x = new Float64Array(n);
  const wt = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    x[i] = z;
    wt[i] = 2 / ((1 - z * z) * dp * dp);
  }
  return { x, wt };
}

export function esWindow(w: number, M: number, K: number, beta = 2.8 * w): SpreadWindow {
  // φ̂_α(κ) = α ∫₋₁¹ φ(z) cos(2πκαz) dz with α = w/(2M); φ has √-type endpoint behaviour damped
  // by e^{−β}, so plain Gauss–Legendre with ~3w + 40 nodes is exact to rounding.
  const gl = gaussLegendre(Math.max(64, 3 * w + 40));
  const alpha = w / (2 * M);
  const hat = new Float64Array(K + 1);
  for (let k = 0; k <= K; k++) {
    let s = 0;
    for (let i = 0; i < gl.x.length; i++) {
      const z = gl.x[i];
      s += gl.wt[i] * Math.exp(beta * (Math.sqrt(1 - z * z) - 1)) * Math.cos(2 * Math.PI * k * alpha * z);
    }
    hat[k] = alpha * s * M;
  }
  return { w, beta, hat };
}
