/**
 * The fast sum's cell sort (cells.ts) against a naive oracle: every particle wrapped into [0, 1)²
 * by x − ⌊x⌋ (tiny negatives, which round to 1, taken to 0), its cell ⌊x·c⌋, ⌊y·c⌋, and the
 * particles ordered by (cell row-major, original index) with Array.prototype.sort — a stable
 * counting sort must give exactly that order, and the sorted copies must be those wrapped values.
 */
import { describe, expect, it } from 'vitest';
import { CellSort, cellStartLength } from '../../src/model/fastsum/cells';
import { rng } from './testRng';

function naive(pos: Float64Array, n: number, cells: number) {
  const c = cells === 0 ? 1 : cells;
  const wrap = (v: number) => {
    const r = v - Math.floor(v);
    return r >= 1 ? 0 : r;
  };
  const cell = (v: number) => Math.min(c - 1, Math.floor(wrap(v) * c));
  const key = Array.from({ length: n }, (_, i) => cell(pos[2 * i + 1]) * c + cell(pos[2 * i]));
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => key[a] - key[b] || a - b);
  const start = new Int32Array(c * c + 1);
  for (const k of key) start[k + 1]++;
  for (let k = 0; k < c * c; k++) start[k + 1] += start[k];
  return { order, start, wrap };
}

describe('cell sort', () => {
  for (const [n, cells] of [
    [1, 0],
    [500, 7],
    [3000, 40],
    [2000, 0],
  ] as const)
    it(`n = ${n}, ${cells} cells per side: the stable order, the cell starts and the wrapped copies`, () => {
      const r = rng(n + cells);
      const pos = Float64Array.from({ length: 2 * n }, () => 6 * r() - 3);
      // the edge cases of the wrap: a tiny negative (x − ⌊x⌋ rounds to 1), integers, huge values
      const edge = [-1e-20, 0, 1, -1, 2.5, 1e9 + 0.25, -5e-324, 0.9999999999999999];
      for (let k = 0; k < Math.min(2 * n, edge.length); k++) pos[k] = edge[k];
      const signs = Int8Array.from({ length: n }, () => (r() < 0.5 ? 1 : -1));
      const [sx, sy, sb] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
      const sorted = new CellSort(n, sx, sy, sb, new Int32Array(cellStartLength(n)));
      sorted.sort(pos, signs, cells);
      const want = naive(pos, n, cells);
      expect(Array.from(sorted.order)).toEqual(want.order);
      const c = cells === 0 ? 1 : cells;
      expect(Array.from(sorted.cellStart.subarray(0, c * c + 1))).toEqual(Array.from(want.start));
      for (let s = 0; s < n; s++) {
        const i = want.order[s];
        expect(Object.is(sx[s], want.wrap(pos[2 * i]))).toBe(true);
        expect(Object.is(sy[s], want.wrap(pos[2 * i + 1]))).toBe(true);
        expect(sb[s]).toBe(signs[i]);
        expect(sx[s] >= 0 && sx[s] < 1 && sy[s] >= 0 && sy[s] < 1).toBe(true);
      }
    });
});
