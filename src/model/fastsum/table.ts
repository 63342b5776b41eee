/**
 * Piecewise polynomial tables of a few smooth functions of q on [0, qMax]: `intervals` equal
 * intervals, degree 7 on each (Chebyshev interpolation at 8 points, stored as monomials in the
 * local variable t ∈ [−1, 1]), the functions of one interval interleaved so one lookup touches
 * one or two cache lines. Error ~ (h/2)⁸ f⁽⁸⁾/(8!·2⁷) per interval: far below 1e-13 for the
 * near-field profiles at the sizes used (checked by `maxError`).
 */
export const TABLE_DEGREE = 7;
export const TABLE_COEFS = TABLE_DEGREE + 1;

export interface PiecewiseTable {
  readonly qMax: number;
  readonly intervals: number;
  readonly functions: number;
  /** intervals / qMax. */
  readonly invH: number;
  /** coef[(k·functions + f)·8 + i]: coefficient of t^i of function f on interval k. */
  readonly coef: Float64Array;
}

const CHEB_T = (() => {
  const t = new Float64Array(TABLE_COEFS);
  for (let j = 0; j < TABLE_COEFS; j++) t[j] = Math.cos((Math.PI * (j + 0.5)) / TABLE_COEFS);
  return t;
})();

/** Monomial coefficients (in t) of the Chebyshev polynomials T_0..T_7. */
const CHEB_MONO = (() => {
  const n = TABLE_COEFS;
  const m = new Float64Array(n * n); // m[k·n + i] = coefficient of t^i in T_k
  m[0] = 1;
  m[n + 1] = 1;
  for (let k = 2; k < n; k++)
    for (let i = 0; i < n; i++) {
      let v = -m[(k - 2) * n + i];
      if (i > 0) v += 2 * m[(k - 1) * n + i - 1];
      m[k * n + i] = v;
    }
  return m;
})();

/** cos(πm(j + ½)/n) at [m·n + j]: the Chebyshev transform of one interval (8 × 8). */
const CHEB_COS = (() => {
  const n = TABLE_COEFS;
  const c = new Float64Array(n * n);
  for (let m = 0; m < n; m++)
    for (let j = 0; j < n; j++) c[m * n + j] = Math.cos((Math.PI * m * (j + 0.5)) / n);
  return c;
})();

/**
 * fn(q, out) writes the `functions` values at q into out[0..functions−1]. Nodes are interior
 * Chebyshev points, so fn is never called at an interval end (in particular not at q = 0 unless
 * it is an interior point, which it is not).
 */
export function buildTable(
  qMax: number,
  intervals: number,
  functions: number,
  fn: (q: number, out: Float64Array) => void,
): PiecewiseTable {
  const n = TABLE_COEFS;
  const h = qMax / intervals;
  const coef = new Float64Array(intervals * functions * n);
  const vals = new Float64Array(n * functions);
  const out = new Float64Array(functions);
  const cheb = new Float64Array(n);
  for (let k = 0; k < intervals; k++) {
    for (let j = 0; j < n; j++) {
      const q = (k + 0.5 * (CHEB_T[j] + 1)) * h;
      fn(q, out);
      for (let f = 0; f < functions; f++) vals[j * functions + f] = out[f];
    }
    for (let f = 0; f < functions; f++) {
      for (let m = 0; m < n; m++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += vals[j * functions + f] * CHEB_COS[m * n + j];
        cheb[m] = ((m === 0 ? 1 : 2) / n) * s;
      }
      const o = (k * functions + f) * n;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let m = i; m < n; m++) s += cheb[m] * CHEB_MONO[m * n + i];
        coef[o + i] = s;
      }
    }
  }
  return { qMax, intervals, functions, invH: intervals / qMax, coef };
}

/** Functions [first, first + count) of a table, as a table of their own (coefficients copied). */
export function tableFunctions(t: PiecewiseTable, first: number, count: number): PiecewiseTable {
  const n = TABLE_COEFS;
  const coef = new Float64Array(t.intervals * count * n);
  for (let k = 0; k < t.intervals; k++)
    coef.set(
      t.coef.subarray((k * t.functions + first) * n, (k * t.functions + first + count) * n),
      k * count * n,
    );
  return { qMax: t.qMax, intervals: t.intervals, functions: count, invH: t.invH, coef };
}

/**
 * Σ_i c[o + i]·t^i (degree 7) by Estrin's scheme: a dependency chain of depth 3 instead of
 * Horner's 7, which the pair loops (one or three of these per pair) feel directly.
 */
export function poly7(c: Float64Array, o: number, t: number): number {
  const t2 = t * t;
  const t4 = t2 * t2;
  return (
    c[o] +
    t * c[o + 1] +
    t2 * (c[o + 2] + t * c[o + 3]) +
    t4 * (c[o + 4] + t * c[o + 5] + t2 * (c[o + 6] + t * c[o + 7]))
  );
}

/** Value of function f at q (0 ≤ q < qMax); the hot loops inline this. */
export function tableValue(t: PiecewiseTable, f: number, q: number): number {
  const tq = q * t.invH;
  let k = Math.floor(tq);
  if (k >= t.intervals) k = t.intervals - 1;
  return poly7(t.coef, (k * t.functions + f) * TABLE_COEFS, 2 * (tq - k) - 1);
}

/** Max |table − fn| / scale over `samples` random-ish points (a build-time self check). */
export function maxError(
  t: PiecewiseTable,
  fn: (q: number, out: Float64Array) => void,
  scale: (q: number, f: number) => number,
  samples = 4000,
): number {
  const out = new Float64Array(t.functions);
  let worst = 0;
  for (let s = 0; s < samples; s++) {
    const q = t.qMax * ((s + 0.5 + 0.37 * Math.sin(s * 12.9898)) / samples);
    fn(q, out);
    for (let f = 0; f < t.functions; f++) {
      const e = Math.abs(tableValue(t, f, q) - out[f]) / scale(q, f);
      if (e > worst) worst = e;
    }
  }
  return worst;
}
