import type { Rng } from '../random';

/**
 * Integer counts per cell of a G×G grid (flat j·G + i), proportional to `weights`, summing exactly
 * to `total` — the quantisation step of Lemma 2.4. Cells are visited along a serpentine path
 * (row 0 left→right, row 1 right→left, …, so consecutive cells are neighbours) and the count of a
 * cell is C_c − C_{c−1} with C_c = ⌊S_c + u⌋, S_c the cumulative quota along the path and u a
 * uniform offset from `rng` (systematic sampling). Hence every run of consecutive cells gets its
 * quota to within one particle — the paper's "move at most 1/n mass to the next cell" — and each
 * count is unbiased. (A global largest-remainder rounding is not: it starves cells whose quota is
 * below 1 in favour of dense ones, which distorts the density at O(1).)
 */
export function quantiseCells(weights: ArrayLike<number>, G: number, total: number, rng: Rng): Int32Array {
  const len = G * G;
  if (weights.length !== len) throw new RangeError('quantiseCells: weights must have G² entries');
  const counts = new Int32Array(len);
  if (total === 0) return counts;
  let sum = 0;
  for (let c = 0; c < len; c++) {
    if (!(weights[c] >= 0)) throw new RangeError(`quantiseCells: weight ${c} is ${weights[c]}`);
    sum += weights[c];
  }
  if (!(sum > 0 && Number.isFinite(sum)))
    throw new RangeError('quantiseCells: weights must have a positive finite sum');
  const u = rng.nextDouble();
  const scale = total / sum;
  let cumulative = 0;
  let previous = 0;
  for (let k = 0; k < len; k++) {
    const j = Math.floor(k / G);
    const r = k - j * G;
    const cell = j * G + (j % 2 === 0 ? r : G - 1 - r);
    cumulative += weights[cell] * scale;
    // Clamp to [previous, total] against round-off in the running sum; the last cell closes exactly.
    const C = k === len - 1 ? total : Math.min(total, Math.max(previous, Math.floor(cumulative + u)));
    counts[cell] = C - previous;
    previous = C;
  }
  return counts;
}

/**
 * n+ and n− from the masses (MATH §7): n+ = round(n·m+) (halves round up), n− = n − n+, so the
 * split is deterministic and always sums to n.
 */
export function splitBySign(
  n: number,
  massPlus: number,
  massMinus: number,
): { nPlus: number; nMinus: number } {
  const share = massPlus / (massPlus + massMinus);
  const nPlus = Math.min(n, Math.max(0, Math.round(n * share)));
  return { nPlus, nMinus: n - nPlus };
}
