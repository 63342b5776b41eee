/**
 * Initial data on the circle (MATH §12): points at the quantiles of a density ρ◦ (W₁-error ~1/n,
 * the 1D counterpart of stratified sampling), and the paper's counterexample data of Thm 4.1 /
 * Cor. 4.2: n/2 short dipoles, centres at the quantiles of ρ◦ (spacing ≳ 1/(n‖ρ◦‖∞)), + at z_k + γδ
 * and − at z_k − γδ.
 */

/** A density on [0,1) by its cumulative distribution (increasing, F(0) = 0, F(1) = 1). */
export type Cumulative = (x: number) => number;

/** ρ◦ = 1 + a sin 2πx (|a| ≤ 1), mass 1, as its cumulative distribution. */
export function sineCumulative(a: number): Cumulative {
  if (!(Math.abs(a) <= 1)) throw new RangeError(`rho: amplitude must be in [−1, 1], got ${a}`);
  return (x) => x + (a * (1 - Math.cos(2 * Math.PI * x))) / (2 * Math.PI);
}

/** F⁻¹(u) by bisection to 1e-15. */
export function quantile(F: Cumulative, u: number): number {
  let lo = 0;
  let hi = 1;
  for (let it = 0; it < 60 && hi - lo > 1e-15; it++) {
    const mid = 0.5 * (lo + hi);
    if (F(mid) < u) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

export interface Particles1d {
  /** Positions in [0,1). */
  x: Float64Array;
  signs: Int8Array;
}

const wrap = (x: number) => x - Math.floor(x);

/** n/2 + at F⁻¹((i + ¼)/(n/2)) and n/2 − at F⁻¹((i + ¾)/(n/2)): ρ± = ρ◦/2 sampled, no pairs closer than ~1/(2n). */
export function quantileData1d(n: number, F: Cumulative): Particles1d {
  if (!(Number.isInteger(n) && n >= 2 && n % 2 === 0))
    throw new RangeError(`n: must be an even integer ≥ 2 in 1D, got ${n}`);
  const h = n / 2;
  const x = new Float64Array(n);
  const signs = new Int8Array(n);
  for (let i = 0; i < h; i++) {
    x[2 * i] = quantile(F, (i + 0.25) / h);
    signs[2 * i] = 1;
    x[2 * i + 1] = quantile(F, (i + 0.75) / h);
    signs[2 * i + 1] = -1;
  }
  return { x, signs };
}

/** The counterexample of Thm 4.1: n/2 dipoles of half-width γδ centred at F⁻¹((i + ½)/(n/2)). */
export function shortDipoles1d(n: number, F: Cumulative, delta: number, gamma = 0.5): Particles1d {
  if (!(Number.isInteger(n) && n >= 2 && n % 2 === 0))
    throw new RangeError(`n: must be an even integer ≥ 2 in 1D, got ${n}`);
  if (!(gamma >= 0 && gamma * delta < 0.25 / n))
    throw new RangeError(`gamma: need 0 ≤ γδ < 1/(4n), got γ = ${gamma}`);
  const h = n / 2;
  const x = new Float64Array(n);
  const signs = new Int8Array(n);
  for (let i = 0; i < h; i++) {
    const z = quantile(F, (i + 0.5) / h);
    x[2 * i] = wrap(z + gamma * delta);
    signs[2 * i] = 1;
    x[2 * i + 1] = wrap(z - gamma * delta);
    signs[2 * i + 1] = -1;
  }
  return { x, signs };
}

/** Cell averages of ρ◦/2 (both species) from the cumulative distribution: exact per cell. */
export function halfDensityCells(N: number, F: Cumulative): Float64Array {
  const out = new Float64Array(N);
  for (let c = 0; c < N; c++) out[c] = 0.5 * N * (F((c + 1) / N) - F(c / N));
  return out;
}
