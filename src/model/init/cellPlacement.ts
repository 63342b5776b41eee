import type { Rng } from '../random';
import { quantiseCells } from './quantise';
import { wrap01 } from './torus';

/**
 * Points following cell weights on a G×G grid (the quantisation of Lemma 2.4): integer counts per
 * cell from quantiseCells, then inside a cell with c points a sub-grid of r = ⌈√c⌉ × r sub-cells,
 * c of them chosen at random, one point per chosen sub-cell. `jitter` true: uniform inside the
 * sub-cell (stratified sampling); false: at the sub-cell centre (a lattice, used for dipole
 * centres, which keeps every two points at least h/r_max apart, h = 1/G).
 * weights: flat j·G + i. Returns interleaved [x, y, …] of length 2·total, in [0, 1)².
 */
export function placeByCells(
  weights: Float64Array,
  G: number,
  total: number,
  rng: Rng,
  jitter: boolean,
): Float64Array {
  const counts = quantiseCells(weights, G, total, rng);
  const out = new Float64Array(2 * total);
  let o = 0;
  for (let cell = 0; cell < G * G; cell++) {
    const c = counts[cell];
    if (c === 0) continue;
    const i = cell % G;
    const j = (cell - i) / G;
    const r = Math.ceil(Math.sqrt(c));
    const sub = chooseSubcells(r * r, c, rng);
    for (let k = 0; k < c; k++) {
      const sx = sub[k] % r;
      const sy = (sub[k] - sx) / r;
      const u = jitter ? rng.nextDouble() : 0.5;
      const v = jitter ? rng.nextDouble() : 0.5;
      out[o++] = wrap01((i + (sx + u) / r) / G);
      out[o++] = wrap01((j + (sy + v) / r) / G);
    }
  }
  return out;
}

/** c distinct indices out of [0, m) (partial Fisher–Yates); all of them in order when c = m. */
function chooseSubcells(m: number, c: number, rng: Rng): Int32Array {
  const idx = new Int32Array(m);
  for (let k = 0; k < m; k++) idx[k] = k;
  if (c === m) return idx;
  for (let k = 0; k < c; k++) {
    const pick = k + rng.nextInt(m - k);
    const t = idx[k];
    idx[k] = idx[pick];
    idx[pick] = t;
  }
  return idx.subarray(0, c);
}
