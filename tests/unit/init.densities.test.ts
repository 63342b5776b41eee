import { describe, expect, it } from 'vitest';
import { cellAverages, gaussianCellMasses } from '../../src/model/init/cellAverages';
import {
  type DensitySpec,
  densityMasses,
  neutralise,
  rho,
  rhoBound,
  rhoMinus,
  rhoPlus,
} from '../../src/model/init/densities';
import { erf, erfc, erfDiff } from '../../src/model/init/erf';
import { gaussLegendre } from '../../src/model/init/gaussLegendre';

const SPECS: DensitySpec[] = [
  { kind: 'uniform' },
  { kind: 'sine', a: 0.7, p: 1, q: 0 },
  { kind: 'sine', a: -1, p: 2, q: -3 },
  { kind: 'stripes', a: 0.9, beta: 5, m: 2 },
  { kind: 'stripes', a: 0.5, beta: 0.3, m: 1 },
  {
    kind: 'bumps',
    background: 0.5,
    bumps: [
      { x: 0.3, y: 0.7, sigma: 0.05, w: 1, s: 1 },
      { x: 0.95, y: 0.02, sigma: 0.12, w: 2, s: -1 },
      { x: 0.5, y: 0.5, sigma: 0.03, w: 0.7, s: 0 },
    ],
  },
  { kind: 'bumps', background: 0, bumps: [{ x: 0, y: 1, sigma: 0.5, w: 3, s: -1 }] },
];

/** Periodic trapezoidal rule on an M×M grid: spectrally accurate for smooth periodic integrands. */
function torusIntegral(f: (x: number, y: number) => number, M: number): number {
  let s = 0;
  for (let j = 0; j < M; j++) for (let i = 0; i < M; i++) s += f(i / M, j / M);
  return s / (M * M);
}

describe('quadrature and erf building blocks', () => {
  it('Gauss–Legendre m points integrate x^k exactly for k ≤ 2m−1', () => {
    for (let m = 1; m <= 20; m++) {
      const { nodes, weights } = gaussLegendre(m);
      for (let k = 0; k <= 2 * m - 1; k++) {
        let s = 0;
        for (let i = 0; i < m; i++) s += weights[i] * nodes[i] ** k;
        expect(Math.abs(s - (k % 2 === 0 ? 2 / (k + 1) : 0))).toBeLessThan(1e-14);
      }
      for (let i = 1; i < m; i++) expect(nodes[i]).toBeGreaterThan(nodes[i - 1]);
    }
  });

  it('erf matches reference values and an independent quadrature of 2/√π e^{−t²}', () => {
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 15);
    expect(erf(1)).toBeCloseTo(0.8427007929497149, 15);
    expect(erf(2)).toBeCloseTo(0.9953222650189527, 15);
    expect(erfc(3) / 2.209049699858544e-5 - 1).toBeLessThan(1e-14);
    expect(Math.abs(erfc(5) / 1.5374597944280349e-12 - 1)).toBeLessThan(1e-14);
    // composite 8-point Gauss–Legendre with 200 pieces on [0, x] (uses only Math.exp)
    const rule = gaussLegendre(8);
    const integral = (a: number, b: number) => {
      // Kahan-compensated sum so the oracle's own round-off stays near 1e-16
      let s = 0;
      let comp = 0;
      const pieces = 200;
      const h = (b - a) / pieces;
      for (let k = 0; k < pieces; k++) {
        for (let g = 0; g < 8; g++) {
          const t = a + (k + 0.5 + 0.5 * rule.nodes[g]) * h;
          const y = rule.weights[g] * Math.exp(-t * t) - comp;
          const sum = s + y;
          comp = sum - s - y;
          s = sum;
        }
      }
      return (s * h) / Math.sqrt(Math.PI);
    };
    for (const x of [0.01, 0.3, 1.7, 2.49, 2.51, 3.3, 4.5]) {
      expect(Math.abs(erf(x) - integral(0, x))).toBeLessThan(1e-15);
      expect(erf(-x)).toBe(-erf(x));
      // tail: relative accuracy
      const tail = integral(x, x + 12);
      expect(Math.abs(erfc(x) / tail - 1)).toBeLessThan(1e-13);
      expect(Math.abs(erfDiff(x, x + 0.1) / integral(x, x + 0.1) - 1)).toBeLessThan(1e-12);
      expect(Math.abs(erfDiff(-x - 0.1, -x) / integral(x, x + 0.1) - 1)).toBeLessThan(1e-12);
    }
  });

  it('periodised Gaussian cell masses sum to 1 and match the pointwise density', () => {
    for (const [c, sigma, N] of [
      [0.3, 0.05, 16],
      [0.999, 0.01, 100],
      [-2.25, 0.4, 7],
      [0.5, 0.002, 512],
    ]) {
      const m = gaussianCellMasses(c, sigma, N);
      let s = 0;
      for (const v of m) {
        expect(v).toBeGreaterThanOrEqual(0);
        s += v;
      }
      expect(Math.abs(s - 1)).toBeLessThan(1e-13);
    }
  });
});

describe('density library', () => {
  it('pointwise densities are non-negative, bounded by rhoBound, and their masses match densityMasses', () => {
    for (const spec of SPECS) {
      const m = densityMasses(spec);
      expect(Math.abs(m.plus + m.minus - 1)).toBeLessThan(1e-15);
      const ip = torusIntegral((x, y) => rhoPlus(spec, x, y), 400);
      const im = torusIntegral((x, y) => rhoMinus(spec, x, y), 400);
      expect(Math.abs(ip - m.plus)).toBeLessThan(1e-12);
      expect(Math.abs(im - m.minus)).toBeLessThan(1e-12);
      for (let k = 0; k < 2000; k++) {
        const x = (k * 0.6180339887498949) % 1;
        const y = (k * 0.7548776662466927) % 1;
        for (const s of [1, -1] as const) {
          const v = rho(spec, s, x, y);
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(rhoBound(spec, s) * (1 + 1e-12));
        }
      }
    }
  });

  it('sine and uniform have the stated closed forms', () => {
    const s: DensitySpec = { kind: 'sine', a: 0.4, p: 1, q: 0 };
    expect(rhoPlus(s, 0.25, 0.9)).toBeCloseTo(0.7, 15);
    expect(rhoMinus(s, 0.25, 0.1)).toBeCloseTo(0.3, 15);
    expect(rhoPlus({ kind: 'uniform' }, 0.1, 0.2)).toBe(0.5);
    const st: DensitySpec = { kind: 'stripes', a: 0.6, beta: 3, m: 1 };
    expect(rhoPlus(st, 0.25, 0)).toBeCloseTo(0.8, 14); // peak of κ equals a
  });

  it('sine cell averages equal the antiderivative formula', () => {
    const spec = { kind: 'sine', a: 0.8, p: 3, q: -2 } as const;
    for (const N of [1, 5, 32]) {
      const { rhoPlus: cp, rhoMinus: cm } = cellAverages(spec, N);
      const al = 2 * Math.PI * spec.p;
      const be = 2 * Math.PI * spec.q;
      for (let j = 0; j < N; j++) {
        for (let i = 0; i < N; i++) {
          const [a, b, c, d] = [i / N, (i + 1) / N, j / N, (j + 1) / N];
          // ∫∫ sin(αx + βy) = [sin(αb+βc) − sin(αa+βc) − sin(αb+βd) + sin(αa+βd)] / (αβ)
          const I =
            (Math.sin(al * b + be * c) -
              Math.sin(al * a + be * c) -
              Math.sin(al * b + be * d) +
              Math.sin(al * a + be * d)) /
            (al * be);
          expect(Math.abs(cp[j * N + i] - 0.5 * (1 + spec.a * I * N * N))).toBeLessThan(1e-12);
          expect(Math.abs(cm[j * N + i] - 0.5 * (1 - spec.a * I * N * N))).toBeLessThan(1e-12);
        }
      }
    }
  });

  it('bump cell averages match a tensor Gauss–Legendre integration of the pointwise density', () => {
    const spec = SPECS[5];
    const N = 8;
    const { rhoPlus: cp, rhoMinus: cm } = cellAverages(spec, N);
    const rule = gaussLegendre(8);
    const pieces = 8;
    const h = 1 / N / pieces;
    for (const cell of [0, 9, 18, 27, 36, 45, 63, 7]) {
      const i = cell % N;
      const j = Math.floor(cell / N);
      let sp = 0;
      let sm = 0;
      for (let py = 0; py < pieces; py++) {
        for (let px = 0; px < pieces; px++) {
          for (let gy = 0; gy < 8; gy++) {
            for (let gx = 0; gx < 8; gx++) {
              const x = i / N + (px + 0.5 + 0.5 * rule.nodes[gx]) * h;
              const y = j / N + (py + 0.5 + 0.5 * rule.nodes[gy]) * h;
              const w = rule.weights[gx] * rule.weights[gy] * 0.25;
              sp += w * rhoPlus(spec, x, y);
              sm += w * rhoMinus(spec, x, y);
            }
          }
        }
      }
      expect(Math.abs(cp[cell] - sp / (pieces * pieces))).toBeLessThan(1e-12);
      expect(Math.abs(cm[cell] - sm / (pieces * pieces))).toBeLessThan(1e-12);
    }
  });

  it('stripe cell averages match composite Simpson integration of the pointwise density', () => {
    for (const spec of [SPECS[3], { kind: 'stripes', a: -1, beta: 40, m: 3 } as DensitySpec]) {
      const N = 6;
      const { rhoPlus: cp } = cellAverages(spec, N);
      for (let i = 0; i < N; i++) {
        const K = 60000;
        const h = 1 / N / K;
        let s = 0;
        for (let k = 0; k <= K; k++) {
          const w = k === 0 || k === K ? 1 : k % 2 === 1 ? 4 : 2;
          s += w * rhoPlus(spec, i / N + k * h, 0.37);
        }
        const avg = ((s * h) / 3) * N;
        expect(Math.abs(cp[2 * N + i] - avg)).toBeLessThan(1e-11);
        expect(cp[i]).toBe(cp[2 * N + i]); // no x₂ dependence
      }
    }
  });

  it('cell masses sum to the density masses (and to 1) to 1e-12 on every grid', () => {
    for (const spec of SPECS) {
      const m = densityMasses(spec);
      for (const N of [1, 3, 16, 128, 512]) {
        const { rhoPlus: cp, rhoMinus: cm } = cellAverages(spec, N);
        let sp = 0;
        let sm = 0;
        let lowest = Number.POSITIVE_INFINITY;
        for (let c = 0; c < N * N; c++) {
          lowest = Math.min(lowest, cp[c], cm[c]);
          sp += cp[c];
          sm += cm[c];
        }
        expect(lowest).toBeGreaterThanOrEqual(0);
        sp /= N * N;
        sm /= N * N;
        expect(Math.abs(sp + sm - 1)).toBeLessThan(1e-12);
        expect(Math.abs(sp - m.plus)).toBeLessThan(1e-12);
        expect(Math.abs(sm - m.minus)).toBeLessThan(1e-12);
      }
    }
  });

  it('stays non-negative at full contrast |a| = 1 on any grid (round-off clamped)', () => {
    const extreme: DensitySpec[] = [
      { kind: 'stripes', a: 1, beta: 100, m: 32 },
      { kind: 'stripes', a: -1, beta: 0.01, m: 1 },
      { kind: 'sine', a: 1, p: 3, q: 2 },
      { kind: 'sine', a: -1, p: 0, q: 64 },
    ];
    for (const spec of extreme) {
      for (const N of [7, 100, 317, 449]) {
        const { rhoPlus: cp, rhoMinus: cm } = cellAverages(spec, N);
        let lowest = Number.POSITIVE_INFINITY;
        for (let c = 0; c < N * N; c++) lowest = Math.min(lowest, cp[c], cm[c]);
        expect(lowest).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('neutralise gives ρ+ = ρ− = ½(ρ+ + ρ−)', () => {
    for (const spec of SPECS) {
      const nspec = neutralise(spec);
      for (const [x, y] of [
        [0.1, 0.2],
        [0.31, 0.69],
        [0.95, 0.03],
      ]) {
        const half = 0.5 * (rhoPlus(spec, x, y) + rhoMinus(spec, x, y));
        expect(rhoPlus(nspec, x, y)).toBeCloseTo(half, 14);
        expect(rhoMinus(nspec, x, y)).toBeCloseTo(half, 14);
      }
    }
  });
});
