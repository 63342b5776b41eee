import { describe, expect, it } from 'vitest';
import { profileOffset, ringAngle, ringLayout1d, ringPoint } from '../../src/view/ringLayout1d';

describe('ringLayout1d', () => {
  const L = ringLayout1d(100);
  it('puts x = 0 at the top and x = 1/4 at the right (clockwise)', () => {
    const [x0, y0] = ringPoint(L, 0);
    expect(x0).toBeCloseTo(50, 12);
    expect(y0).toBeCloseTo(20, 12);
    const [x1, y1] = ringPoint(L, 0.25);
    expect(x1).toBeCloseTo(80, 12);
    expect(y1).toBeCloseTo(50, 12);
  });
  it('is periodic: x and x + k give the same point', () => {
    for (const x of [0.1, 0.37, 0.9]) {
      const a = ringPoint(L, x);
      const b = ringPoint(L, x + 3);
      const c = ringPoint(L, x - 2);
      expect(b[0]).toBeCloseTo(a[0], 10);
      expect(b[1]).toBeCloseTo(a[1], 10);
      expect(c[0]).toBeCloseTo(a[0], 10);
      expect(c[1]).toBeCloseTo(a[1], 10);
    }
    expect(ringAngle(-0.25)).toBeCloseTo(1.5 * Math.PI, 12);
  });
  it('keeps every point at distance radius + offset from the centre', () => {
    for (const x of [0, 0.2, 0.55, 0.99]) {
      const [px, py] = ringPoint(L, x, 7);
      expect(Math.hypot(px - L.cx, py - L.cy)).toBeCloseTo(L.radius + 7, 10);
    }
  });
  it('clamps profile offsets to [0, profileHeight]', () => {
    expect(profileOffset(L, 0, 2)).toBe(0);
    expect(profileOffset(L, 1, 2)).toBeCloseTo(L.profileHeight / 2, 12);
    expect(profileOffset(L, 5, 2)).toBe(L.profileHeight);
    expect(profileOffset(L, 1, 0)).toBe(0);
  });
});
