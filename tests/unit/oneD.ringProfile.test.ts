import { describe, expect, it } from 'vitest';
import { ringLayout1d } from '../../src/view/ringLayout1d';
import {
  bandIndices,
  bandVertices,
  binCurveVertices,
  histogramBins,
  histograms1d,
  profileScale,
  ringWorld,
} from '../../src/view/ringProfile1d';

describe('ring profiles', () => {
  const L = ringLayout1d(1);
  it('world points: x = 0 at the top, x = ¼ to the right (y up)', () => {
    const [x0, y0] = ringWorld(L, 0);
    expect(x0).toBeCloseTo(0.5, 12);
    expect(y0).toBeCloseTo(0.8, 12);
    const [x1, y1] = ringWorld(L, 0.25);
    expect(x1).toBeCloseTo(0.8, 12);
    expect(y1).toBeCloseTo(0.5, 12);
  });
  it('the band spans the circle to R ± h·ρ/scale at each cell centre, closed around', () => {
    const cells = [0, 0.5, 1, 2];
    const v = bandVertices(L, cells, 2, -1, new Float32Array(6 * 5));
    for (let c = 0; c <= 4; c++) {
      const inner = Math.hypot(v[6 * c] - 0.5, v[6 * c + 1] - 0.5);
      const curve = Math.hypot(v[6 * c + 3] - 0.5, v[6 * c + 4] - 0.5);
      expect(inner).toBeCloseTo(L.radius, 6);
      expect(curve).toBeCloseTo(L.radius - (L.profileHeight * cells[c % 4]) / 2, 6);
    }
    expect(v[24]).toBeCloseTo(v[0], 6);
    expect(Math.max(...bandIndices(4))).toBe(9);
  });
  it('the scale is the next of 1, 1.5, 2, 3, 5, 7.5 per decade at or above max ρ', () => {
    expect(profileScale(0)).toBe(1);
    expect(profileScale(1)).toBe(1);
    expect(profileScale(1.01)).toBe(1.5);
    expect(profileScale(4)).toBe(5);
    expect(profileScale(8)).toBe(10);
    expect(profileScale(120)).toBe(150);
  });
});

describe('particle histograms on the ring', () => {
  const L = ringLayout1d(1);
  it('linear weights: masses n±/n, a particle split between the two nearest bin centres', () => {
    // bins of width ¼, centres ⅛, ⅜, ⅝, ⅞; x = 0.25 is halfway between the first two
    const pos = Float64Array.from([0.25, 0, 0.125, 0, 1.875, 0, 0.5, 0, 0.0, 0]);
    const signs = Int8Array.from([1, 1, -1, -1, 1]);
    const h = histograms1d(pos, signs, 4);
    const w = 4 / 5;
    expect(Array.from(h.plus)).toEqual([w / 2 + w + w / 2, w / 2, 0, w / 2]);
    expect(Array.from(h.minus)).toEqual([0, w / 2, w / 2, w]);
    expect(h.plus.reduce((a, b) => a + b) / 4).toBeCloseTo(3 / 5, 14);
    expect(histogramBins(400)).toBe(25);
    expect(histogramBins(10)).toBe(16);
  });
  it('a lattice finer than the bins gives a flat profile (no aliasing)', () => {
    // 100 + at (i + ½)/100 in 16 bins: plain counts would be 6s and 7s (0.96 … 1.12)
    const pos = Float64Array.from({ length: 200 }, (_, k) => (k % 2 === 0 ? (k / 2 + 0.5) / 100 : 0));
    const h = histograms1d(pos, new Int8Array(100).fill(1), 16);
    for (const v of h.plus) expect(Math.abs(v - 1)).toBeLessThan(0.02);
  });
  it('the curve sits at R ± h·value/scale at each bin centre', () => {
    const v = binCurveVertices(L, [1, 2], 2, 1, new Float32Array(6));
    expect(Math.hypot(v[0] - 0.5, v[1] - 0.5)).toBeCloseTo(L.radius + L.profileHeight / 2, 6);
    expect(Math.hypot(v[3] - 0.5, v[4] - 0.5)).toBeCloseTo(L.radius + L.profileHeight, 6);
    expect(v[0]).toBeCloseTo(ringWorld(L, 0.25)[0] + (L.profileHeight / 2) * Math.sin(Math.PI / 2), 6);
  });
});
