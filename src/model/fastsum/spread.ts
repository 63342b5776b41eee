/**
 * Spreading onto the far field's grid (farField.ts), optionally onto a band of rows only: each
 * grid node receives the same terms in the same particle order whichever band (or thread) it is
 * in, so a grid spread band by band is the same bits as one spread in a single pass.
 */
const S = 11;

/** Whether the window rows g … g + s − 1 (mod M) meet the rows [r0, r1). */
export function touches(g: number, s: number, r0: number, r1: number, M: number): boolean {
  const d = g >= r0 ? g - r0 : g - r0 + M;
  return d < r1 - r0 || d + s > M;
}

/**
 * Rows [r0, r1) of the spread only (the default: all); unrolled for w ≤ 11 with the x-weights in registers; windows wrapping in x go to spreadAny.
 * Particle j's weights sit in slot j − vb.
 */
export function spread11(
  j0: number,
  j1: number,
  M: number,
  sb: Float64Array,
  wx: Float64Array,
  wy: Float64Array,
  ix: Int32Array,
  iy: Int32Array,
  grid: Float64Array,
  vb: number,
  r0 = 0,
  r1 = M,
): void {
  const band = r0 > 0 || r1 < M;
  for (let j = j0; j < j1; j++) {
    if (band && !touches(iy[j - vb], S, r0, r1, M)) continue;
    const gx = ix[j - vb];
    if (gx + S > M) {
      spreadAny(j, j + 1, S, M, sb, wx, wy, ix, iy, grid, j - vb, r0, r1);
      continue;
    }
    const o = (j - vb) * S;
    const b = sb[j];
    const x0 = b * wx[o];
    const x1 = b * wx[o + 1];
    const x2 = b * wx[o + 2];
    const x3 = b * wx[o + 3];
    const x4 = b * wx[o + 4];
    const x5 = b * wx[o + 5];
    const x6 = b * wx[o + 6];
    const x7 = b * wx[o + 7];
    const x8 = b * wx[o + 8];
    const x9 = b * wx[o + 9];
    const x10 = b * wx[o + 10];
    let row = iy[j - vb];
    for (let k = 0; k < S; k++, row++) {
      if (row === M) row = 0;
      const c = wy[o + k];
      if (c === 0 || row < r0 || row >= r1) continue;
      const r = row * M + gx;
      grid[r] += c * x0;
      grid[r + 1] += c * x1;
      grid[r + 2] += c * x2;
      grid[r + 3] += c * x3;
      grid[r + 4] += c * x4;
      grid[r + 5] += c * x5;
      grid[r + 6] += c * x6;
      grid[r + 7] += c * x7;
      grid[r + 8] += c * x8;
      grid[r + 9] += c * x9;
      grid[r + 10] += c * x10;
    }
  }
}

/** Any width (rows [r0, r1) only), with modular indices (chunk offset c of particle j0 in the weight buffers). */
export function spreadAny(
  j0: number,
  j1: number,
  s: number,
  M: number,
  sb: Float64Array,
  wx: Float64Array,
  wy: Float64Array,
  ix: Int32Array,
  iy: Int32Array,
  grid: Float64Array,
  c0: number,
  r0 = 0,
  r1 = M,
): void {
  const band = r0 > 0 || r1 < M;
  for (let j = j0; j < j1; j++) {
    const c = c0 + j - j0;
    if (band && !touches(iy[c], s, r0, r1, M)) continue;
    const o = c * s;
    const b = sb[j];
    let row = iy[c];
    for (let k = 0; k < s; k++, row++) {
      if (row === M) row = 0;
      if (row < r0 || row >= r1) continue;
      const v = b * wy[o + k];
      const r = row * M;
      let col = ix[c];
      for (let a = 0; a < s; a++, col++) {
        if (col === M) col = 0;
        grid[r + col] += v * wx[o + a];
      }
    }
  }
}
