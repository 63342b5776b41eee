/**
 * The virtual Brownian tree (src/model/noise/brownian.ts) against the law of Brownian motion:
 * increments over disjoint intervals are independent N(0, Δt), whatever level they sit on.
 */
import { describe, expect, it } from 'vitest';
import { BrownianPaths, brownianAt, streamKey } from '../../src/model/noise/brownian';
import { rng } from './testRng';

describe('virtual Brownian tree', () => {
  it('is a pure function of (seed, particle, coordinate, t)', () => {
    const key = streamKey(7, 3, 1);
    const times = [0.3, 0.125, 1000.5, 1e-9, 0.3];
    const a = times.map((t) => brownianAt(key, t));
    const b = [...times]
      .reverse()
      .map((t) => brownianAt(key, t))
      .reverse();
    expect(a).toEqual(b);
    expect(a[0]).toBe(a[4]);
    expect(brownianAt(key, 0)).toBe(0);
    expect(brownianAt(streamKey(8, 3, 1), 0.3)).not.toBe(a[0]);
    expect(brownianAt(streamKey(7, 3, 0), 0.3)).not.toBe(a[0]);
    expect(() => brownianAt(key, 2000)).toThrow(RangeError);
  });

  // N = 20000 streams: the sample variance has relative sd √(2/N) = 1%; the tolerance 5% is 5 sd,
  // so a law off by 10% in variance (e.g. a bridge variance h instead of h/2 at one level) fails.
  it.each([
    [0, 2 ** -8],
    [0.37, 0.37 + 2 ** -6],
    [5, 5.1],
    [0.5, 0.75],
  ])('increments over [%f, %f] are N(0, Δt), disjoint ones uncorrelated', (t0, t1) => {
    const N = 20000;
    const paths = new BrownianPaths(11, N, 2);
    const w0 = new Float64Array(2 * N);
    const w1 = new Float64Array(2 * N);
    const w2 = new Float64Array(2 * N);
    paths.sample(t0, w0);
    paths.sample(t1, w1);
    paths.sample(t1 + (t1 - t0), w2);
    const dt = t1 - t0;
    let m = 0;
    let v = 0;
    let c = 0;
    let q4 = 0;
    for (let k = 0; k < 2 * N; k++) {
      const d = (w1[k] - w0[k]) / Math.sqrt(dt);
      const e = (w2[k] - w1[k]) / Math.sqrt(dt);
      m += d;
      v += d * d;
      c += d * e;
      q4 += d ** 4;
    }
    const M = 2 * N;
    expect(Math.abs(m / M)).toBeLessThan(5 / Math.sqrt(M));
    expect(Math.abs(v / M - 1)).toBeLessThan(5 * Math.sqrt(2 / M));
    expect(Math.abs(c / M)).toBeLessThan(5 / Math.sqrt(M));
    // Gaussian fourth moment 3 (sd of the estimate √(96/M) ≈ 0.05 for M = 40000)
    expect(Math.abs(q4 / M - 3)).toBeLessThan(5 * Math.sqrt(96 / M));
  });
});

describe('BrownianPaths.sample keeps its last descent', () => {
  // the cached descent must give brownianAt's bits for any sequence of times: repeated, backwards,
  // on tree nodes of every depth, next to them (±1 ulp), below the finest level (linear part), ends
  it('equals brownianAt bit for bit over a jagged sequence of times', () => {
    const n = 7;
    const paths = new BrownianPaths(9, n, 2);
    const r = rng(21);
    const ulp = (x: number, s: number) => x + s * Math.max(Number.MIN_VALUE, Math.abs(x) * 2 ** -52);
    const times: number[] = [0.5, 0.5, 0, 1024, 1024, 0.25, 0.75, 0.1 + 0.2, 1e-12, 1000.3, 3 * 2 ** -34];
    for (let k = 1; k <= 40; k++) times.push(k * 2 ** -8, k * 2 ** -8 + 2 ** -22, ulp(k * 2 ** -8, 1));
    for (let k = 0; k < 40; k++)
      times.push(r() * 2, (Math.floor(r() * 2 ** 20) + 0.5) * 2 ** -34, ulp(0.5, -1));
    for (let k = 40; k > 0; k--) times.push(k * 2 ** -9, 1024 - k * 2 ** -30);
    const out = new Float64Array(2 * n);
    let differ = 0;
    for (const t of times) {
      paths.sample(t, out);
      for (let i = 0; i < n; i++)
        for (let c = 0; c < 2; c++)
          if (!Object.is(out[2 * i + c], brownianAt(streamKey(9, i, c), t))) differ++;
    }
    expect(differ).toBe(0);
  });
});
