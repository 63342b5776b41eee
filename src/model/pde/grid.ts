/**
 * Cell averages on the N×N grid and the smooth densities they stand for (MATH §11).
 *
 * A grid field holds cell averages: value[j·N + i] = N² ∫_{cell} ρ over the cell
 * [i/N, (i+1)/N) × [j/N, (j+1)/N), i along x₁. It is read as the band-limited density whose
 * Fourier coefficients are
 *     ρ̂_k = N⁻² · DFT_k · e^{−iπ(k₁+k₂)/N} / (sinc(πk₁/N) · sinc(πk₂/N)),   sinc(s) = sin(s)/s,
 * for |k₁|, |k₂| < N/2: the DFT over cell indices, the half-cell phase of the cell centres
 * x_c = ((i+½)/N, (j+½)/N), and the sinc factors that turn point values into cell averages.
 * (Cell average of e^{2πik·x} = e^{2πik·x_c}·sinc(πk₁/N)·sinc(πk₂/N).) Modes with |k_d| ≥ N/2 are
 * not resolved by the grid and count as zero.
 */
import { type RealFFT2D, sharedPlan } from '../fft2';

/** sin(s)/s with sinc(0) = 1. */
export function sinc(s: number): number {
  if (Math.abs(s) < 1e-8) return 1 - (s * s) / 6;
  return Math.sin(s) / s;
}

/** Fourier coefficients for |k|∞ ≤ K: re/im[(k₁+K)·(2K+1) + (k₂+K)] (the oracle files' [k₁+K][k₂+K]). */
export interface FourierBlock {
  K: number;
  re: Float64Array;
  im: Float64Array;
}

export function coefficientIndex(K: number, k1: number, k2: number): number {
  return (k1 + K) * (2 * K + 1) + (k2 + K);
}

/** The smooth density's coefficients ρ̂_k (|k|∞ ≤ K, K < N/2) from cell averages (MATH §11). */
export function cellAverageCoefficients(
  N: number,
  data: ArrayLike<number>,
  K: number,
  plan?: RealFFT2D,
): FourierBlock {
  if (K >= N / 2) throw new Error(`cellAverageCoefficients: need K < N/2 (K = ${K}, N = ${N})`);
  const p = plan && plan.N === N ? plan : sharedPlan(N);
  const x = data instanceof Float64Array ? data : Float64Array.from(data);
  const Re = new Float64Array(N * N);
  const Im = new Float64Array(N * N);
  p.forward(x, Re, Im);
  const W = 2 * K + 1;
  const re = new Float64Array(W * W);
  const im = new Float64Array(W * W);
  const h2 = 1 / (N * N);
  for (let k1 = -K; k1 <= K; k1++) {
    const s1 = sinc((Math.PI * k1) / N);
    for (let k2 = -K; k2 <= K; k2++) {
      const t = ((k2 + N) % N) * N + ((k1 + N) % N);
      const ph = (-Math.PI * (k1 + k2)) / N;
      const c = Math.cos(ph);
      const s = Math.sin(ph);
      const f = h2 / (s1 * sinc((Math.PI * k2) / N));
      const o = coefficientIndex(K, k1, k2);
      re[o] = (Re[t] * c - Im[t] * s) * f;
      im[o] = (Re[t] * s + Im[t] * c) * f;
    }
  }
  return { K, re, im };
}

/**
 * Cell averages on an M×M grid of the trigonometric polynomial Σ_{|k|∞≤K} ĉ_k e^{2πik·x} (real part;
 * ĉ should be Hermitian, ĉ_{−k} = conj ĉ_k). Separable sums, O(M²K + MK²); needs K < M/2.
 */
export function cellAveragesFromCoefficients(c: FourierBlock, M: number): Float64Array {
  const { K } = c;
  if (K >= M / 2) throw new Error(`cellAveragesFromCoefficients: need K < M/2 (K = ${K}, M = ${M})`);
  const W = 2 * K + 1;
  // tmp[(k1+K)·M + j] = Σ_k2 ĉ(k1,k2)·sinc(πk2/M)·e^{2πi k2 (j+½)/M}
  const tr = new Float64Array(W * M);
  const ti = new Float64Array(W * M);
  for (let k1 = -K; k1 <= K; k1++)
    for (let j = 0; j < M; j++) {
      let sr = 0;
      let si = 0;
      for (let k2 = -K; k2 <= K; k2++) {
        const o = coefficientIndex(K, k1, k2);
        const a = (2 * Math.PI * k2 * (j + 0.5)) / M;
        const f = sinc((Math.PI * k2) / M);
        const cr = Math.cos(a) * f;
        const ci = Math.sin(a) * f;
        sr += c.re[o] * cr - c.im[o] * ci;
        si += c.re[o] * ci + c.im[o] * cr;
      }
      tr[(k1 + K) * M + j] = sr;
      ti[(k1 + K) * M + j] = si;
    }
  const out = new Float64Array(M * M);
  const er = new Float64Array(W * M);
  const ei = new Float64Array(W * M);
  for (let k1 = -K; k1 <= K; k1++) {
    const f = sinc((Math.PI * k1) / M);
    for (let i = 0; i < M; i++) {
      const a = (2 * Math.PI * k1 * (i + 0.5)) / M;
      er[(k1 + K) * M + i] = Math.cos(a) * f;
      ei[(k1 + K) * M + i] = Math.sin(a) * f;
    }
  }
  for (let j = 0; j < M; j++)
    for (let i = 0; i < M; i++) {
      let s = 0;
      for (let q = 0; q < W; q++) s += tr[q * M + j] * er[q * M + i] - ti[q * M + j] * ei[q * M + i];
      out[j * M + i] = s;
    }
  return out;
}

/**
 * Spectral re-gridding of cell averages from N×N to M×M through the smooth density of MATH §11
 * (modes |k_d| < min(N, M)/2 kept). Exact for band-limited data; it may undershoot below zero next
 * to sharp features, so use it on smooth data (it preserves the total mass exactly).
 */
export function resampleCellAverages(data: ArrayLike<number>, N: number, M: number): Float64Array {
  const K = Math.min(N, M) / 2 - 1;
  return cellAveragesFromCoefficients(cellAverageCoefficients(N, data, K), M);
}

/** h²·Σ value: the integral of a grid field. */
export function gridIntegral(N: number, data: ArrayLike<number>): number {
  let s = 0;
  for (let t = 0; t < N * N; t++) s += data[t];
  return s / (N * N);
}
