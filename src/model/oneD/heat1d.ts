/**
 * The noise's heat flow for the 1D PDE (MATH §13 on the circle: θ∂ₓ²ρ±) as an exact split step,
 * ρ ← exp(θ·h·Δ_h) ρ on the N cell averages, Δ_h the 3-point Laplacian with symbol
 *   λ_h(k) = −4N²·sin²(πk/N)   (→ −4π²k² as N → ∞; the 2D slip flow's symbol, pde/diffusion.ts).
 * Applied as a real DFT and its inverse, O(N²) like Pde1d's potential (N ≤ 4096). Exact in time,
 * mass-keeping (λ_h(0) = 0) and positive (Δ_h has nonnegative off-diagonal entries).
 */
export function laplacianSymbol1d(N: number, k: number): number {
  const s = Math.sin((Math.PI * k) / N);
  return -4 * N * N * s * s;
}

export class HeatFlow1d {
  /** cos/sin(2πm/N), m = 0..N−1: the DFT reads them at (k·j) mod N. */
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;

  constructor(readonly N: number) {
    this.cos = new Float64Array(N);
    this.sin = new Float64Array(N);
    for (let m = 0; m < N; m++) {
      this.cos[m] = Math.cos((2 * Math.PI * m) / N);
      this.sin[m] = Math.sin((2 * Math.PI * m) / N);
    }
    this.re = new Float64Array(N / 2 + 1);
    this.im = new Float64Array(N / 2 + 1);
  }

  /** rho ← exp(θh·Δ_h) rho in place (θh ≥ 0). */
  apply(rho: Float64Array, thetaH: number): void {
    if (!(thetaH >= 0)) throw new RangeError(`heat flow: θh = ${thetaH} < 0`);
    if (thetaH === 0) return;
    const { N, cos, sin, re, im } = this;
    const half = N / 2;
    for (let k = 0; k <= half; k++) {
      let a = 0;
      let b = 0;
      for (let j = 0, m = 0; j < N; j++, m = (m + k) % N) {
        a += rho[j] * cos[m];
        b += rho[j] * sin[m];
      }
      const g = Math.exp(thetaH * laplacianSymbol1d(N, k));
      // the real inverse counts 0 < k < N/2 twice (±k), k = 0 and the Nyquist mode once
      const w = k === 0 || k === half ? g / N : (2 * g) / N;
      re[k] = a * w;
      im[k] = b * w;
    }
    for (let j = 0; j < N; j++) {
      let v = 0;
      for (let k = 0, m = 0; k <= half; k++, m = (m + j) % N) v += re[k] * cos[m] + im[k] * sin[m];
      // Round-off can leave −1e-17 where ρ = 0: the exact flow is positive.
      rho[j] = Math.max(v, 0);
    }
  }
}
