/**
 * Tensor Chebyshev interpolation on the cell [−½, ½]² (first-kind points). Used once per kernel
 * to turn a few hundred expensive exact evaluations of a smooth function into coefficients.
 */
export function chebyshevPoints(count: number): Float64Array {
  const t = new Float64Array(count);
  for (let k = 0; k < count; k++) t[k] = 0.5 * Math.cos((Math.PI * (k + 0.5)) / count);
  return t;
}

/** Coefficients c[i·N + j] of Σ c_ij T_i(2x) T_j(2y) from samples f[a·N + b] = f(x_a, y_b). */
export function chebyshevCoefficients(samples: Float64Array, count: number): Float64Array {
  const n = count;
  const cosTable = new Float64Array(n * n);
  for (let j = 0; j < n; j++)
    for (let k = 0; k < n; k++) cosTable[j * n + k] = Math.cos((Math.PI * j * (k + 0.5)) / n);
  const half = new Float64Array(n * n); // transform along the first index
  for (let i = 0; i < n; i++)
    for (let b = 0; b < n; b++) {
      let s = 0;
      for (let a = 0; a < n; a++) s += cosTable[i * n + a] * samples[a * n + b];
      half[i * n + b] = ((i === 0 ? 1 : 2) / n) * s;
    }
  const coef = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let b = 0; b < n; b++) s += cosTable[j * n + b] * half[i * n + b];
      coef[i * n + j] = ((j === 0 ? 1 : 2) / n) * s;
    }
  return coef;
}

/** Chebyshev basis values T_j(2x) for j < count at each x: row-major [x index][j]. */
export function chebyshevBasis(xs: ArrayLike<number>, count: number): Float64Array {
  const out = new Float64Array(xs.length * count);
  for (let a = 0; a < xs.length; a++) {
    const t = 2 * xs[a];
    let p0 = 1;
    let p1 = t;
    out[a * count] = 1;
    if (count > 1) out[a * count + 1] = t;
    for (let j = 2; j < count; j++) {
      const p2 = 2 * t * p1 - p0;
      out[a * count + j] = p2;
      p0 = p1;
      p1 = p2;
    }
  }
  return out;
}

/** Values of the series on the tensor grid xs × ys, row-major [x index][y index]. */
export function chebyshevOnGrid(
  coef: Float64Array,
  count: number,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
) {
  const bx = chebyshevBasis(xs, count);
  const by = chebyshevBasis(ys, count);
  const tmp = new Float64Array(xs.length * count); // Σ_i c_ij T_i(x_a)
  for (let a = 0; a < xs.length; a++)
    for (let j = 0; j < count; j++) {
      let s = 0;
      for (let i = 0; i < count; i++) s += bx[a * count + i] * coef[i * count + j];
      tmp[a * count + j] = s;
    }
  const out = new Float64Array(xs.length * ys.length);
  for (let a = 0; a < xs.length; a++)
    for (let b = 0; b < ys.length; b++) {
      let s = 0;
      for (let j = 0; j < count; j++) s += tmp[a * count + j] * by[b * count + j];
      out[a * ys.length + b] = s;
    }
  return out;
}

/** ∫∫ over [−½, ½]² of the series: ¼ Σ c_ij W_i W_j with W_j = ∫₋₁¹ T_j = 2/(1 − j²), j even. */
export function chebyshevCellIntegral(coef: Float64Array, count: number): number {
  const w = (j: number) => (j % 2 === 1 ? 0 : 2 / (1 - j * j));
  let s = 0;
  for (let i = 0; i < count; i += 2)
    for (let j = 0; j < count; j += 2) s += coef[i * count + j] * w(i) * w(j);
  return s / 4;
}

/**
 * chebyshevOnGrid on xs × xs for nodes symmetric about 0 (xs[L − 1 − a] = −xs[a] exactly) and a
 * series of definite parity in each variable (px, py: +1 even, −1 odd): the coefficients of the
 * other parity (rounding noise of the transform) are dropped, which makes the values exactly
 * symmetric, so one quadrant is summed and mirrored (a quarter of the work). Values go to
 * out[(a·L + b)·stride + offset] (stride 2: one component of an interleaved table).
 */
export function chebyshevOnSymmetricGrid(
  coef: Float64Array,
  count: number,
  xs: Float64Array,
  px: 1 | -1,
  py: 1 | -1,
  out = new Float64Array(xs.length * xs.length),
  stride = 1,
  offset = 0,
): Float64Array {
  const L = xs.length;
  const half = Math.ceil(L / 2);
  const xsHalf = xs.subarray(L - half);
  // chebyshevOnGrid on xsHalf² with the other parity's coefficients zero, skipping the zeros
  // (adding ±0 changes no sum): a quarter of its multiplications
  const i0 = px === 1 ? 0 : 1;
  const j0 = py === 1 ? 0 : 1;
  const bx = chebyshevBasis(xsHalf, count);
  const tmp = new Float64Array(half * count);
  for (let a = 0; a < half; a++)
    for (let j = j0; j < count; j += 2) {
      let s = 0;
      for (let i = i0; i < count; i += 2) s += bx[a * count + i] * coef[i * count + j];
      tmp[a * count + j] = s;
    }
  const q = new Float64Array(half * half);
  for (let a = 0; a < half; a++)
    for (let b = 0; b < half; b++) {
      let s = 0;
      for (let j = j0; j < count; j += 2) s += tmp[a * count + j] * bx[b * count + j];
      q[a * half + b] = s;
    }
  for (let a = 0; a < half; a++)
    for (let b = 0; b < half; b++) {
      const v = q[a * half + b];
      const a1 = L - half + a;
      const b1 = L - half + b;
      const a0 = half - 1 - a;
      const b0 = half - 1 - b;
      out[(a1 * L + b1) * stride + offset] = v;
      out[(a0 * L + b1) * stride + offset] = px * v;
      out[(a1 * L + b0) * stride + offset] = py * v;
      out[(a0 * L + b0) * stride + offset] = px * py * v;
    }
  return out;
}
