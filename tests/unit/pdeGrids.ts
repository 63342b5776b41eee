/** Cell-average helpers shared by the finite-volume solver's tests. */

/** Block-average restriction of cell averages from N to M (exact for cell averages). */
export function restrict(f: Float64Array, N: number, M: number): Float64Array {
  const r = N / M;
  const out = new Float64Array(M * M);
  for (let j = 0; j < N; j++)
    for (let i = 0; i < N; i++) out[Math.floor(j / r) * M + Math.floor(i / r)] += f[j * N + i] / (r * r);
  return out;
}

/** Mean absolute difference of two grids (the L¹ norm of cell averages). */
export function l1(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let q = 0; q < a.length; q++) s += Math.abs(a[q] - b[q]);
  return s / a.length;
}
