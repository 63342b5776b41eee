/** Cell averages ↔ Fourier coefficients (MATH §11) against closed forms. */
import { describe, expect, it } from 'vitest';
import {
  cellAverageCoefficients,
  cellAveragesFromCoefficients,
  coefficientIndex,
  resampleCellAverages,
} from '../../src/model/pde';

const TWO_PI = 2 * Math.PI;

/**
 * f = 0.5 + Σ a cos(2π(p x + q y) − φ): f̂(p, q) = (a/2) e^{−iφ}, f̂(−p, −q) = (a/2) e^{iφ}.
 * Exact cell averages by integrating each cosine over the cell (antiderivatives, not sinc factors).
 */
const modes = [
  { a: 0.3, p: 1, q: 0, phi: 0.2 },
  { a: 0.2, p: 2, q: -3, phi: -1.1 },
  { a: 0.1, p: 7, q: 5, phi: 0.4 },
];
function exactCells(N: number): Float64Array {
  const out = new Float64Array(N * N);
  for (let j = 0; j < N; j++)
    for (let i = 0; i < N; i++) {
      let v = 0.5;
      for (const m of modes) {
        // ∫∫ cos(2π(p x + q y) − φ) over the cell, by separating into products of 1D integrals
        const ix = (g: (t: number) => number, k: number, a: number, b: number) =>
          k === 0
            ? g === Math.cos
              ? b - a
              : 0
            : g === Math.cos
              ? (Math.sin(TWO_PI * k * b) - Math.sin(TWO_PI * k * a)) / (TWO_PI * k)
              : (Math.cos(TWO_PI * k * a) - Math.cos(TWO_PI * k * b)) / (TWO_PI * k);
        const x0 = i / N;
        const x1 = (i + 1) / N;
        const y0 = j / N;
        const y1 = (j + 1) / N;
        // cos(A + B − φ) = cos(A)cos(B − φ) − sin(A) sin(B − φ), B − φ expanded likewise
        const cxC = ix(Math.cos, m.p, x0, x1);
        const sxC = ix(Math.sin, m.p, x0, x1);
        const cyC = ix(Math.cos, m.q, y0, y1);
        const syC = ix(Math.sin, m.q, y0, y1);
        const cp = Math.cos(m.phi);
        const sp = Math.sin(m.phi);
        // cos(B − φ) = cos B cos φ + sin B sin φ ; sin(B − φ) = sin B cos φ − cos B sin φ
        const cosBphi = cyC * cp + syC * sp;
        const sinBphi = syC * cp - cyC * sp;
        v += m.a * (cxC * cosBphi - sxC * sinBphi) * N * N;
      }
      out[j * N + i] = v;
    }
  return out;
}

describe('cell averages and Fourier coefficients (MATH §11)', () => {
  it('DFT + half-cell phase + sinc division recovers f̂_k of a trigonometric polynomial exactly', () => {
    for (const N of [32, 64]) {
      const K = 12;
      const c = cellAverageCoefficients(N, exactCells(N), K);
      let err = 0;
      for (let k1 = -K; k1 <= K; k1++)
        for (let k2 = -K; k2 <= K; k2++) {
          let er = k1 === 0 && k2 === 0 ? 0.5 : 0;
          let ei = 0;
          for (const m of modes) {
            if (k1 === m.p && k2 === m.q) {
              er += (m.a / 2) * Math.cos(m.phi);
              ei -= (m.a / 2) * Math.sin(m.phi);
            }
            if (k1 === -m.p && k2 === -m.q) {
              er += (m.a / 2) * Math.cos(m.phi);
              ei += (m.a / 2) * Math.sin(m.phi);
            }
          }
          const o = coefficientIndex(K, k1, k2);
          err = Math.max(err, Math.abs(c.re[o] - er), Math.abs(c.im[o] - ei));
        }
      expect(err).toBeLessThan(1e-14);
    }
  });

  it('cellAveragesFromCoefficients and resampleCellAverages reproduce exact cell averages on other grids', () => {
    const fine = resampleCellAverages(exactCells(32), 32, 64);
    const ex64 = exactCells(64);
    let err = 0;
    for (let q = 0; q < fine.length; q++) err = Math.max(err, Math.abs(fine[q] - ex64[q]));
    expect(err).toBeLessThan(1e-13);
    const coarse = resampleCellAverages(ex64, 64, 16);
    const ex16 = exactCells(16);
    err = 0;
    for (let q = 0; q < coarse.length; q++) err = Math.max(err, Math.abs(coarse[q] - ex16[q]));
    expect(err).toBeLessThan(1e-13);
    const c = cellAverageCoefficients(32, exactCells(32), 10);
    const back = cellAveragesFromCoefficients(c, 32);
    const ex32 = exactCells(32);
    err = 0;
    for (let q = 0; q < back.length; q++) err = Math.max(err, Math.abs(back[q] - ex32[q]));
    expect(err).toBeLessThan(1e-13);
  });
});
