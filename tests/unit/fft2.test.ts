import FFT from 'fft.js';
import { describe, expect, it } from 'vitest';
import { RealFFT2D, signedWavenumber } from '../../src/model/fft2';
import { rng } from './testRng';

/** Direct O(N⁴) DFT, the independent oracle. */
function directDft(N: number, x: Float64Array): { re: Float64Array; im: Float64Array } {
  const re = new Float64Array(N * N);
  const im = new Float64Array(N * N);
  for (let k2 = 0; k2 < N; k2++)
    for (let k1 = 0; k1 < N; k1++) {
      let sr = 0;
      let si = 0;
      for (let j = 0; j < N; j++)
        for (let i = 0; i < N; i++) {
          const a = (-2 * Math.PI * (((k1 * i + k2 * j) % N) + 0)) / N;
          sr += x[j * N + i] * Math.cos(a);
          si += x[j * N + i] * Math.sin(a);
        }
      re[k2 * N + k1] = sr;
      im[k2 * N + k1] = si;
    }
  return { re, im };
}

describe('RealFFT2D', () => {
  for (const N of [4, 8, 16, 32]) {
    it(`forward transform equals a direct DFT, N = ${N}`, () => {
      const r = rng(N);
      const x = new Float64Array(N * N).map(() => r() - 0.5);
      const plan = new RealFFT2D(N);
      const re = new Float64Array(N * N);
      const im = new Float64Array(N * N);
      plan.forward(x, re, im);
      const ref = directDft(N, x);
      let err = 0;
      for (let t = 0; t < N * N; t++)
        err = Math.max(err, Math.abs(re[t] - ref.re[t]), Math.abs(im[t] - ref.im[t]));
      expect(err).toBeLessThan(1e-12 * N);
    });

    it(`convolution with an even multiplier equals the direct DFT route, N = ${N}`, () => {
      const r = rng(100 + N);
      const x = new Float64Array(N * N).map(() => r() - 0.5);
      const M = (k1: number, k2: number) => 1 / (1 + k1 * k1 + 3 * k2 * k2) + 0.1 * Math.cos(k1) * k2 * k2;
      const plan = new RealFFT2D(N);
      const y = new Float64Array(N * N);
      plan.convolve(x, plan.tabulateMultiplier(M), y);
      const X = directDft(N, x);
      // inverse direct DFT of M·X
      let err = 0;
      for (let j = 0; j < N; j++)
        for (let i = 0; i < N; i++) {
          let s = 0;
          for (let k2 = 0; k2 < N; k2++)
            for (let k1 = 0; k1 < N; k1++) {
              const m = M(signedWavenumber(k1, N), signedWavenumber(k2, N));
              const a = (2 * Math.PI * ((k1 * i + k2 * j) % N)) / N;
              s += m * (X.re[k2 * N + k1] * Math.cos(a) - X.im[k2 * N + k1] * Math.sin(a));
            }
          err = Math.max(err, Math.abs(s / (N * N) - y[j * N + i]));
        }
      expect(err).toBeLessThan(1e-13 * N);
    });
  }

  it('band-limited multiplier (pruned k₂ columns) equals the direct DFT route', () => {
    const N = 32;
    const r = rng(9);
    const x = new Float64Array(N * N).map(() => r() - 0.5);
    const M = (k1: number, k2: number) => Math.exp(-0.5 * (k1 * k1 + k2 * k2)) * (1 + 0.3 * k1 * k1);
    const plan = new RealFFT2D(N);
    const y = new Float64Array(N * N);
    plan.convolve(x, plan.tabulateMultiplier(M), y);
    const X = directDft(N, x);
    let err = 0;
    for (let j = 0; j < N; j++)
      for (let i = 0; i < N; i++) {
        let s = 0;
        for (let k2 = 0; k2 < N; k2++)
          for (let k1 = 0; k1 < N; k1++) {
            const m = M(signedWavenumber(k1, N), signedWavenumber(k2, N));
            const a = (2 * Math.PI * ((k1 * i + k2 * j) % N)) / N;
            s += m * (X.re[k2 * N + k1] * Math.cos(a) - X.im[k2 * N + k1] * Math.sin(a));
          }
        err = Math.max(err, Math.abs(s / (N * N) - y[j * N + i]));
      }
    expect(err).toBeLessThan(1e-14);
  });

  it('N = 256 and 512: convolution with M ≡ 1 is the identity; forward agrees with fft.js rows/columns', () => {
    for (const N of [128, 256, 512]) {
      const r = rng(N);
      const x = new Float64Array(N * N).map(() => r() - 0.5);
      const plan = new RealFFT2D(N);
      const y = new Float64Array(N * N);
      plan.convolve(
        x,
        plan.tabulateMultiplier(() => 1),
        y,
      );
      let err = 0;
      for (let t = 0; t < N * N; t++) err = Math.max(err, Math.abs(y[t] - x[t]));
      expect(err).toBeLessThan(1e-14 * Math.log2(N));
      // fft.js cross-check of a few spectrum columns: X[k1, ·] = FFT_j( FFT_i(x)[k1] ).
      const re = new Float64Array(N * N);
      const im = new Float64Array(N * N);
      plan.forward(x, re, im);
      const f = new FFT(N);
      const rowSpec: number[][] = [];
      const buf = f.createComplexArray();
      for (let j = 0; j < N; j++) {
        const row = f.createComplexArray();
        f.realTransform(row, Array.from(x.subarray(j * N, (j + 1) * N)));
        f.completeSpectrum(row);
        rowSpec.push(row);
      }
      for (const k1 of [0, 1, 7, N / 2, N - 3]) {
        const col = f.createComplexArray();
        for (let j = 0; j < N; j++) {
          col[2 * j] = rowSpec[j][2 * k1];
          col[2 * j + 1] = rowSpec[j][2 * k1 + 1];
        }
        f.transform(buf, col);
        for (let k2 = 0; k2 < N; k2++) {
          expect(Math.abs(buf[2 * k2] - re[k2 * N + k1])).toBeLessThan(1e-10);
          expect(Math.abs(buf[2 * k2 + 1] - im[k2 * N + k1])).toBeLessThan(1e-10);
        }
      }
    }
  });
});
