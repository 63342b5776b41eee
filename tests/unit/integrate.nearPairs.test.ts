/** The cell-list neighbour search and the clusters of the stiff integrator against brute force. */
import { describe, expect, it } from 'vitest';
import { Clusters } from '../../src/model/integrate/clusters';
import { NearPairs } from '../../src/model/integrate/nearPairs';
import { rng } from './testRng';

function brute(pos: Float64Array, n: number, r: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      let dx = pos[2 * i] - pos[2 * j];
      let dy = pos[2 * i + 1] - pos[2 * j + 1];
      dx -= Math.round(dx);
      dy -= Math.round(dy);
      if (dx * dx + dy * dy < r * r) out.push(i * n + j);
    }
  return out.sort((a, b) => a - b);
}

describe('NearPairs (cell list on the torus, minimum image)', () => {
  for (const [n, r, seed] of [
    [50, 0.2, 1],
    [300, 0.05, 2],
    [300, 0.004, 3],
    [1000, 0.03, 4],
    [7, 0.45, 5],
  ] as const) {
    it(`n = ${n}, r = ${r}`, () => {
      const rand = rng(seed);
      // Unwrapped coordinates far from [0,1) and clusters straddling the cell edges.
      const pos = Float64Array.from({ length: 2 * n }, (_, k) =>
        k < n ? rand() * 1e-3 + (k % 2 ? 3 : -2) : rand() * 7 - 3,
      );
      const near = new NearPairs(n);
      const count = near.search(pos, r);
      const found: number[] = [];
      let dxError = 0;
      for (let p = 0; p < count; p++) {
        found.push(near.pairI[p] * n + near.pairJ[p]);
        let dx = pos[2 * near.pairI[p]] - pos[2 * near.pairJ[p]];
        dx -= Math.round(dx);
        dxError = Math.max(dxError, Math.abs(near.dx[p] - dx));
      }
      expect(dxError).toBe(0);
      expect(found.sort((a, b) => a - b)).toEqual(brute(pos, n, r));
    });
  }
});

describe('Clusters (union–find)', () => {
  it('lists the connected components of size ≥ 2 and marks singletons', () => {
    const c = new Clusters(8);
    c.reset();
    c.union(0, 3);
    c.union(3, 5);
    c.union(6, 7);
    c.finish();
    expect(c.count).toBe(2);
    expect(c.largest).toBe(3);
    expect(c.id[1]).toBe(-1);
    expect(c.id[2]).toBe(-1);
    expect(c.id[4]).toBe(-1);
    expect(c.id[0]).toBe(c.id[5]);
    expect(c.id[6]).toBe(c.id[7]);
    expect(c.id[0]).not.toBe(c.id[6]);
    for (let k = 0; k < 2; k++) {
      const members = Array.from(c.members.subarray(c.start[k], c.start[k + 1]));
      for (const i of members) expect(members[c.local[i]]).toBe(i);
    }
  });
});
