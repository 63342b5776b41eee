/** Building blocks of the fast sum: grid convolution, window, tables, switch, profiles (the 1-D FFT kernel: fft1d.test.ts). */
import { describe, expect, it } from 'vitest';
import { GridConvolver } from '../../src/model/fastsum/gridFft';
import { EsSwitch } from '../../src/model/fastsum/switch';
import { buildTable, maxError } from '../../src/model/fastsum/table';
import { esWindow } from '../../src/model/fastsum/window';
import { rng } from './testRng';

describe('GridConvolver', () => {
  // (M, K): one column block padded; several blocks, the last partial; lanes = M/2 < 8
  it.each([
    [16, 5],
    [32, 12],
    [4, 1],
  ])('M = %i, K = %i: convolves with a band-limited even multiplier and returns Σ x·y', (M, K) => {
    const c = new GridConvolver(M, K);
    const r = rng(2);
    const x = new Float64Array(M * M).map(() => r() - 0.5);
    const mult = (a: number, b: number) =>
      Math.exp(-0.1 * (a * a + 2 * b * b)) + 0.3 * Math.cos(a) * Math.cos(b);
    const m = new Float64Array((K + 1) * M);
    for (let k1 = 0; k1 <= K; k1++)
      for (let k2 = -K; k2 <= K; k2++) m[k1 * M + ((k2 + M) % M)] = mult(k1, k2) / (M * M);
    c.setMultiplier(m);
    const y = new Float64Array(M * M);
    const quad = c.convolve(x, y);
    // direct: spectrum, multiply, inverse
    const X = new Map<string, [number, number]>();
    for (let k1 = -K; k1 <= K; k1++)
      for (let k2 = -K; k2 <= K; k2++) {
        let sr = 0;
        let si = 0;
        for (let j = 0; j < M; j++)
          for (let i = 0; i < M; i++) {
            const a = (-2 * Math.PI * (k1 * i + k2 * j)) / M;
            sr += x[j * M + i] * Math.cos(a);
            si += x[j * M + i] * Math.sin(a);
          }
        X.set(`${k1},${k2}`, [sr, si]);
      }
    let dot = 0;
    for (let j = 0; j < M; j++)
      for (let i = 0; i < M; i++) {
        let s = 0;
        for (let k1 = -K; k1 <= K; k1++)
          for (let k2 = -K; k2 <= K; k2++) {
            const [sr, si] = X.get(`${k1},${k2}`)!;
            const a = (2 * Math.PI * (k1 * i + k2 * j)) / M;
            s += (mult(Math.abs(k1), k2) * (sr * Math.cos(a) - si * Math.sin(a))) / (M * M);
          }
        expect(Math.abs(s - y[j * M + i])).toBeLessThan(1e-13);
        dot += x[j * M + i] * s;
      }
    expect(Math.abs(quad - dot)).toBeLessThan(1e-12);
    // forward transform
    const re = new Float64Array((K + 1) * M);
    const im = new Float64Array((K + 1) * M);
    c.forward(x, re, im);
    for (let k1 = 0; k1 <= K; k1++)
      for (let k2 = -K; k2 <= K; k2++) {
        const [sr, si] = X.get(`${k1},${k2}`)!;
        const idx = k1 * M + ((k2 + M) % M);
        expect(Math.hypot(re[idx] - sr, im[idx] - si)).toBeLessThan(1e-12);
      }
    // the quadratic form alone (energy-only evaluations): Σ_k m_k |X_k|² from the direct spectrum,
    // and the bits convolve returns, whatever the convolver held before
    let direct = 0;
    for (const [key, [sr, si]] of X) {
      const [k1, k2] = key.split(',').map(Number);
      direct += (mult(Math.abs(k1), k2) * (sr * sr + si * si)) / (M * M);
    }
    c.convolve(
      new Float64Array(M * M).map(() => r()),
      y,
    );
    const alone = c.quadForm(x);
    expect(Math.abs(alone - direct)).toBeLessThan(1e-12);
    expect(alone).toBe(quad);
  });
});

describe('ES window transform', () => {
  it('equals a fine trapezoidal quadrature of the window', () => {
    const w = 12;
    const M = 64;
    const K = 16;
    const win = esWindow(w, M, K);
    const alpha = w / (2 * M);
    for (const k of [0, 3, 9, 16]) {
      const N = 20000;
      let s = 0;
      for (let i = 0; i <= N; i++) {
        const z = -1 + (2 * i) / N;
        const v =
          Math.exp(win.beta * (Math.sqrt(Math.max(0, 1 - z * z)) - 1)) *
          Math.cos(2 * Math.PI * k * alpha * z);
        s += (i === 0 || i === N ? 0.5 : 1) * v;
      }
      const ref = alpha * s * (2 / N) * M;
      expect(Math.abs(win.hat[k] - ref) / win.hat[0]).toBeLessThan(1e-9);
    }
  });
});

describe('piecewise tables', () => {
  it('reproduce smooth profiles to ~1e-14', () => {
    const fn = (q: number, out: Float64Array) => {
      out[0] = Math.expm1(-q) / q;
      out[1] = Math.exp(-q) * Math.cos(q);
    };
    const t = buildTable(40, 256, 2, fn);
    expect(maxError(t, fn, () => 1)).toBeLessThan(1e-13);
  });
});

describe('switch', () => {
  it('is 0 inside, 1 outside, monotone, with the right derivative', () => {
    const s = new EsSwitch(0.1, 0.3, 20);
    expect(s.value(0.05)).toBe(0);
    expect(s.value(0.35)).toBe(1);
    expect(Math.abs(s.value(0.2) - 0.5)).toBeLessThan(1e-14);
    let prev = 0;
    for (let r = 0.1; r <= 0.3; r += 0.001) {
      const v = s.value(r);
      expect(v).toBeGreaterThanOrEqual(prev - 1e-15);
      prev = v;
      if (r > 0.101 && r < 0.299) {
        const h = 1e-6;
        const fd = (s.value(r + h) - s.value(r - h)) / (2 * h);
        expect(Math.abs(fd - s.derivative(r))).toBeLessThan(1e-6 * (1 + Math.abs(fd)));
      }
    }
  });
});
