import { expint1 } from '../../special/expint';

/**
 * The real-space profile of the ring core (MATH §2a), exact series and the universal table the
 * hot paths read.
 *
 * The core density is g = u_δ ∗ G_σ: the uniform measure on the circle of radius δ blurred by a
 * gaussian of standard deviation σ = δ/2. In the variable x = r²/2σ² = 2r²/δ², with λ = δ²/2σ² = 2,
 * the mass of g inside radius r is the noncentral χ² (2 degrees of freedom, noncentrality 2λ)
 * distribution function, a Poisson mixture of gamma distribution functions:
 *   M(x) = Σ_j w_j P_{j+1}(x),   w_j = e^{−λ}λ^j/j!,   P_l(x) = Σ_{i≥l} e^{−x}x^i/i!
 * (P_l the regularised lower incomplete gamma function; 1 − M is Marcum's Q₁(2, √(2x))). Every
 * profile of the kernel follows from M by Gauss's law and the biharmonic identity of the slip
 * kernel, and each is a series of positive terms (no cancellation, so a few ulps relative):
 *   Φ'(r) = −M/r, so with q = r² = δ²x/2:  Φ'/r = −M/q;
 *   B(q) = (1/q)∫₀^q M dq' (B of S_δ = ½ + Φ + B(x₁² − x₂²)/2r²; MATH §10), dB/dq = (M − B)/q;
 *   ∫₀^x M = Σ_j w_j Σ_{i≥j+2} P_i,  M − B = (1/x) Σ_j w_j (j+1) P_{j+2};
 *   Φ = −log δ + φ(x), φ(x) = −½E₁(2) − ½ Σ_j w_j Σ_{i≥j+1} P_i/i
 * (φ(0) = −½E₁(2): the gaussian-averaged −log max(|y|, δ) at the centre, since the circle average
 * of −log|·| is −log max(r, δ) by Newton's theorem). Beyond x = X_MAX the core is invisible
 * (1 − M < 1e-20): M = 1, Φ = −log r, B = 1 − M₂/q with M₂ = ∫|y|²g = δ² + 2σ² = 1.5δ², i.e. B = 1 − 3/x.
 */
export const RING_LAMBDA = 2;
/** x beyond which 1 − M(x) < 1e-20 (Q₁(2, 12) ≈ e^{−50}). */
export const RING_X_MAX = 72;
/** M₂/δ² of the ring core density (δ² from the circle, 2σ² = δ²/2 from the blur). */
export const RING_SECOND_MOMENT = 1.5;

/** The exact profile values at one x: M/x, B/x, (M − B)/x, φ, M. */
export interface RingExact {
  mq: number;
  bq: number;
  dq: number;
  phi: number;
  mass: number;
}

const J_TERMS = 40; // w_40 < 1e-36
const WEIGHTS = (() => {
  const w = new Float64Array(J_TERMS);
  w[0] = Math.exp(-RING_LAMBDA);
  for (let j = 1; j < J_TERMS; j++) w[j] = (w[j - 1] * RING_LAMBDA) / j;
  return w;
})();
const PHI0 = -0.5 * expint1(2);

/** The series above at x > 0 (build time and tests only: O(x + 12√x) terms). */
export function ringExact(x: number): RingExact {
  const L = Math.ceil(x + 12 * Math.sqrt(x) + 60);
  // e_i = e^{−x}x^i/i!, then the tails P_l, H_l = Σ_{i≥l} P_i/i, TT_l = Σ_{i≥l} P_i
  const P = new Float64Array(L + 2);
  const H = new Float64Array(L + 2);
  const TT = new Float64Array(L + 2);
  const e = new Float64Array(L + 1);
  e[0] = Math.exp(-x);
  for (let i = 1; i <= L; i++) e[i] = (e[i - 1] * x) / i;
  for (let l = L; l >= 1; l--) {
    P[l] = P[l + 1] + e[l];
    H[l] = H[l + 1] + P[l] / l;
    TT[l] = TT[l + 1] + P[l];
  }
  let mass = 0;
  let intM = 0;
  let mMinusB = 0;
  let intMq = 0;
  for (let j = 0; j < J_TERMS && j + 2 <= L; j++) {
    const w = WEIGHTS[j];
    mass += w * P[j + 1];
    intM += w * TT[j + 2];
    mMinusB += w * (j + 1) * P[j + 2];
    intMq += w * H[j + 1];
  }
  return {
    mq: mass / x,
    bq: intM / (x * x),
    dq: mMinusB / (x * x),
    phi: PHI0 - 0.5 * intMq,
    mass,
  };
}

/** Panels of width 1 in x on [0, X_MAX], degree 13: interpolation error < 1e-15 (ring.profile test). */
export const RING_PANELS = RING_X_MAX;
export const RING_DEGREE = 13;
const COEFS = RING_DEGREE + 1;
/** Functions per panel, interleaved: 0 M/x, 1 B/x, 2 (M − B)/x, 3 φ. */
export const RING_FUNCTIONS = 4;
/** Stride of one panel in the table. */
export const RING_STRIDE = RING_FUNCTIONS * COEFS;

/**
 * coef[k·STRIDE + f·COEFS + i]: coefficient of t^i of function f on panel k, t = 2(x − k) − 1 ∈
 * [−1, 1]. Chebyshev interpolation at interior points, converted to monomials in t (stable here:
 * the coefficients decay like 2^{−i}/i!, the functions being entire with O(1) derivatives in x).
 */
function buildRingTable(): Float64Array {
  const n = COEFS;
  const nodes = new Float64Array(n);
  for (let j = 0; j < n; j++) nodes[j] = Math.cos((Math.PI * (j + 0.5)) / n);
  // monomial coefficients of T_0..T_{n−1}
  const mono = new Float64Array(n * n);
  mono[0] = 1;
  mono[n + 1] = 1;
  for (let k = 2; k < n; k++)
    for (let i = 0; i < n; i++)
      mono[k * n + i] = (i > 0 ? 2 * mono[(k - 1) * n + i - 1] : 0) - mono[(k - 2) * n + i];
  const coef = new Float64Array(RING_PANELS * RING_STRIDE);
  const vals = new Float64Array(n * RING_FUNCTIONS);
  for (let k = 0; k < RING_PANELS; k++) {
    for (let j = 0; j < n; j++) {
      const ex = ringExact(k + 0.5 * (nodes[j] + 1));
      vals[j * RING_FUNCTIONS] = ex.mq;
      vals[j * RING_FUNCTIONS + 1] = ex.bq;
      vals[j * RING_FUNCTIONS + 2] = ex.dq;
      vals[j * RING_FUNCTIONS + 3] = ex.phi;
    }
    for (let f = 0; f < RING_FUNCTIONS; f++)
      for (let m = 0; m < n; m++) {
        // Chebyshev coefficient c_m, spread onto the monomials
        let c = 0;
        for (let j = 0; j < n; j++)
          c += vals[j * RING_FUNCTIONS + f] * Math.cos((Math.PI * m * (j + 0.5)) / n);
        c *= (m === 0 ? 1 : 2) / n;
        for (let i = 0; i <= m; i++) coef[k * RING_STRIDE + f * n + i] += c * mono[m * n + i];
      }
  }
  return coef;
}

let table: Float64Array | null = null;

/** The universal table (δ-free: every profile scales with δ), built once on first use (~20 ms). */
export function ringTable(): Float64Array {
  if (!table) table = buildRingTable();
  return table;
}

/** Function f of the table at 0 ≤ x < X_MAX (the hot paths inline this for f = 0..2). */
export function ringTableValue(t: Float64Array, x: number, f: number): number {
  const k = Math.floor(x);
  const u = 2 * (x - k) - 1;
  const o = k * RING_STRIDE + f * COEFS;
  let s = t[o + RING_DEGREE];
  for (let i = RING_DEGREE - 1; i >= 0; i--) s = s * u + t[o + i];
  return s;
}

/** d/dx of function f of the table (for D²Φ, not on a hot path). */
export function ringTableDerivative(t: Float64Array, x: number, f: number): number {
  const k = Math.floor(x);
  const u = 2 * (x - k) - 1;
  const o = k * RING_STRIDE + f * COEFS;
  let s = RING_DEGREE * t[o + RING_DEGREE];
  for (let i = RING_DEGREE - 1; i >= 1; i--) s = s * u + i * t[o + i];
  return 2 * s;
}
