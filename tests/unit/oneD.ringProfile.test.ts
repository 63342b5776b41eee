import { describe, expect, it } from 'vitest';
import { ringLayout1d } from '../../src/view/ringLayout1d';
import {
  bandIndices,
  bandVertices,
  histogramBins,
  histograms1d,
  profileScale,
  ringWorld,
  stepVertices,
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
  it('bin densities: masses n±/n, each particle in its bin, on the PDE scale', () => {
    const pos = Float64Array.from([0.01, 0, 0.26, 0, 0.99, 0, 1.5, 0, 0.5, 0]);
    const signs = Int8Array.from([1, 1, -1, -1, 1]);
    const h = histograms1d(pos, signs, 4);
    expect(Array.from(h.plus)).toEqual([4 / 5, 4 / 5, 4 / 5, 0]);
    expect(Array.from(h.minus)).toEqual([0, 0, 4 / 5, 4 / 5]);
    expect(h.plus.reduce((a, b) => a + b) / 4).toBeCloseTo(3 / 5, 14);
    expect(histogramBins(400)).toBe(25);
    expect(histogramBins(10)).toBe(16);
  });
  it('steps sit at R ± h·value/scale over each bin', () => {
    const v = stepVertices(L, [1, 2], 2, 1, new Float32Array(12));
    expect(Math.hypot(v[0] - 0.5, v[1] - 0.5)).toBeCloseTo(L.radius + L.profileHeight / 2, 6);
    expect(Math.hypot(v[9] - 0.5, v[10] - 0.5)).toBeCloseTo(L.radius + L.profileHeight, 6);
  });
});
