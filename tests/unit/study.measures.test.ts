/**
 * The run measures of model/diagnostics/runMeasures.ts against closed forms: bound fractions of
 * i.i.d. points (Poisson-type probabilities), displacements on the universal cover, single Fourier
 * modes of particles and of cell averages, and the own changes in the H^{−2} norm. ~1 s.
 */
import { describe, expect, it } from 'vitest';
import { nearestOppositeDistances } from '../../src/model/diagnostics/dipoles';
import {
  BOUND_DELTA_FACTOR,
  BOUND_SPACING_FRACTION,
  displacementStats,
  finiteMedian,
  fractionBelow,
  gridChange,
  gridKappaModes,
  particleChange,
  particleKappaModes,
} from '../../src/model/diagnostics/runMeasures';
import { empiricalCoefficients } from '../../src/model/diagnostics/sobolev';
import { iidSample } from '../../src/model/init/iid';
import { coefficientIndex } from '../../src/model/pde/grid';

const sinc = (s: number) => (s === 0 ? 1 : Math.sin(s) / s);
/** Cell averages of ½ + a·cos(2π(p x + q y) − φ) on N² cells, by the closed form. */
function cosCells(N: number, a: number, p: number, q: number, phi: number): Float64Array {
  const out = new Float64Array(N * N);
  const damp = sinc((Math.PI * p) / N) * sinc((Math.PI * q) / N);
  for (let j = 0; j < N; j++)
    for (let i = 0; i < N; i++)
      out[j * N + i] =
        0.5 + a * damp * Math.cos(2 * Math.PI * ((p * (i + 0.5)) / N + (q * (j + 0.5)) / N) - phi);
  return out;
}
const H2 = (k1: number, k2: number) => (1 + 4 * Math.PI * Math.PI * (k1 * k1 + k2 * k2)) ** -2;

describe('bound fractions at the stated thresholds', () => {
  it('i.i.d. uniform points: the share closer than r to the other sign is 1 − (1 − πr²)^{n_other}', () => {
    const n = 20000;
    const c = iidSample({ kind: 'uniform' }, n, 7);
    const d = nearestOppositeDistances(c);
    let np = 0;
    for (const s of c.signs) if (s > 0) np++;
    const expected = (r: number) =>
      (np * (1 - (1 - Math.PI * r * r) ** (n - np)) + (n - np) * (1 - (1 - Math.PI * r * r) ** np)) / n;
    const spacing = BOUND_SPACING_FRACTION / Math.sqrt(n);
    // ≈ 1 − e^{−π/200} = 1.56 %, whatever δ; binomial s.e. √(f/n) ≈ 0.09 %
    expect(expected(spacing)).toBeCloseTo(1 - Math.exp(-Math.PI / 200), 4);
    expect(Math.abs(fractionBelow(d, spacing) - expected(spacing))).toBeLessThan(
      4 * Math.sqrt(expected(spacing) / n),
    );
    const delta = 0.002;
    const f = expected(BOUND_DELTA_FACTOR * delta);
    expect(Math.abs(fractionBelow(d, BOUND_DELTA_FACTOR * delta) - f)).toBeLessThan(4 * Math.sqrt(f / n));
  });

  it('strictly below the threshold; the median ignores a missing partner', () => {
    expect(fractionBelow(Float64Array.from([0.1, 0.2, 0.3, 0.4]), 0.3)).toBe(0.5);
    expect(finiteMedian([3, Number.POSITIVE_INFINITY, 1, 2])).toBe(2);
    expect(finiteMedian([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('displacements', () => {
  it('are lengths of x(T) − x(0) on the plane: once around the torus is 1, not 0', () => {
    const pos0 = Float64Array.from([0.1, 0.1, 0.5, 0.5, 0.9, 0.2]);
    const unwrapped = Float64Array.from([1.1, 0.1, 0.53, 0.54, 0.9, 0.2]);
    const d = displacementStats(pos0, unwrapped);
    expect(d.max).toBe(1);
    expect(d.median).toBeCloseTo(0.05, 14);
  });
});

describe('Fourier modes of κ', () => {
  it('particles: direct sums agree with the H^{−2} machinery’s coefficients and a two-particle closed form', () => {
    const c = iidSample({ kind: 'uniform' }, 300, 3);
    const modes = [
      [1, 0],
      [0, 1],
      [3, -2],
    ] as const;
    const mine = particleKappaModes(c, modes);
    const ref = empiricalCoefficients(c, 4, 'direct');
    modes.forEach(([p, q], i) => {
      const o = coefficientIndex(4, p, q);
      expect(mine[i].re).toBeCloseTo(ref.plus.re[o] - ref.minus.re[o], 13);
      expect(mine[i].im).toBeCloseTo(ref.plus.im[o] - ref.minus.im[o], 13);
    });
    // a + at x = 0.1 and a − at x = 0.35 (same y): κ̂_(1,0) = (e^{−0.2πi} − e^{−0.7πi})/2
    const pair = { pos: Float64Array.from([0.1, 0.5, 0.35, 0.5]), signs: Int8Array.from([1, -1]) };
    const [k] = particleKappaModes(pair, [[1, 0]]);
    expect(k.re).toBeCloseTo((Math.cos(0.2 * Math.PI) - Math.cos(0.7 * Math.PI)) / 2, 15);
    expect(k.im).toBeCloseTo((-Math.sin(0.2 * Math.PI) + Math.sin(0.7 * Math.PI)) / 2, 15);
  });

  it('grids: κ̂ of cell-averaged cosines is (a/2)e^{∓iφ} at ±k and 0 elsewhere; unresolved modes are 0', () => {
    const N = 32;
    const plus = cosCells(N, 0.3, 2, 1, 0.4);
    const minus = cosCells(N, 0, 0, 0, 0);
    const [k, minusK, other, unresolved] = gridKappaModes(N, plus, minus, [
      [2, 1],
      [-2, -1],
      [1, 0],
      [16, 0],
    ]);
    expect(k.re).toBeCloseTo(0.15 * Math.cos(0.4), 13);
    expect(k.im).toBeCloseTo(-0.15 * Math.sin(0.4), 13);
    expect(minusK.im).toBeCloseTo(0.15 * Math.sin(0.4), 13);
    expect(Math.hypot(other.re, other.im)).toBeLessThan(1e-14);
    expect(unresolved).toEqual({ re: 0, im: 0 });
  });
});

describe('own changes in H^{−2}', () => {
  it('of a density: ‖Δρ‖ from its two Fourier modes', () => {
    const N = 32;
    const start = { rhoPlus: cosCells(N, 0.2, 1, 0, 0), rhoMinus: cosCells(N, 0, 0, 0, 0) };
    const end = { rhoPlus: cosCells(N, 0.35, 1, 0, 0), rhoMinus: cosCells(N, 0.1, 0, 2, 0) };
    const d = gridChange(N, start, end);
    // Δρ+ = 0.15 cos 2πx: modes ±(1,0) of size 0.075; Δρ− = 0.1 cos 4πy: ±(0,2) of size 0.05
    expect(d.plus).toBeCloseTo(Math.sqrt(2 * 0.075 ** 2 * H2(1, 0)), 14);
    expect(d.minus).toBeCloseTo(Math.sqrt(2 * 0.05 ** 2 * H2(0, 2)), 14);
  });

  it('of the particles: one particle moved by s gives (1/n)·(Σ 4 sin²(πk·s)·w_k)^{1/2}', () => {
    const n = 10;
    const c = iidSample({ kind: 'uniform' }, n, 5);
    const moved = Float64Array.from(c.pos);
    const s = [0.013, -0.021];
    const who = c.signs.indexOf(1);
    moved[2 * who] += s[0];
    moved[2 * who + 1] += s[1];
    let sum = 0;
    for (let k1 = -32; k1 <= 32; k1++)
      for (let k2 = -32; k2 <= 32; k2++)
        sum += 4 * Math.sin(Math.PI * (k1 * s[0] + k2 * s[1])) ** 2 * H2(k1, k2);
    const d = particleChange(c.signs, c.pos, moved);
    expect(d.plus).toBeCloseTo(Math.sqrt(sum) / n, 14);
    expect(d.minus).toBe(0);
  });
});
