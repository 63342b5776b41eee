import { describe, expect, it } from 'vitest';
import { gradU, hessianU, potentialU } from '../../src/model/external';
import type { ExternalField } from '../../src/model/types';

const field: ExternalField = {
  modes: [
    { a: 0.7, p: 1, q: 0, phi: 0.3 },
    { a: -0.4, p: 2, q: -3, phi: 1.1 },
  ],
  force: [0.2, -0.1],
};

describe('external potential U', () => {
  it('gradient and Hessian agree with 4th-order central differences of U', () => {
    const g = new Float64Array(2);
    const h = new Float64Array(3);
    const e = 1e-4;
    const d = (f: (x: number, y: number) => number, x: number, y: number, dx: number, dy: number) =>
      (-f(x + 2 * dx, y + 2 * dy) +
        8 * f(x + dx, y + dy) -
        8 * f(x - dx, y - dy) +
        f(x - 2 * dx, y - 2 * dy)) /
      (12 * e);
    const u = (x: number, y: number) => potentialU(field, x, y);
    for (const [x, y] of [
      [0.1, 0.2],
      [0.77, 0.43],
      [0.5, 0.99],
    ]) {
      gradU(field, x, y, g);
      expect(g[0]).toBeCloseTo(d(u, x, y, e, 0), 7);
      expect(g[1]).toBeCloseTo(d(u, x, y, 0, e), 7);
      hessianU(field, x, y, h);
      const ux = (a: number, b: number) => {
        gradU(field, a, b, g);
        return g[0];
      };
      const uy = (a: number, b: number) => {
        gradU(field, a, b, g);
        return g[1];
      };
      expect(h[0]).toBeCloseTo(d(ux, x, y, e, 0), 5);
      expect(h[1]).toBeCloseTo(d(ux, x, y, 0, e), 5);
      expect(h[2]).toBeCloseTo(d(uy, x, y, 0, e), 5);
    }
  });

  it('is periodic on the unit torus', () => {
    expect(potentialU(field, 0.3 + 1, 0.6 - 2)).toBeCloseTo(potentialU(field, 0.3, 0.6), 12);
  });
});
