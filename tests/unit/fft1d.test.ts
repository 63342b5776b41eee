/**
 * The 1-D FFT kernel (src/model/fft1d.ts) against the direct DFT: single sequences (W = 1, one
 * column at an offset) and batches (an n × W matrix, a column range), forward output bit-reversed,
 * inverse back to the input times n, columns outside the range untouched. Cost: ~0.5 s.
 */
import { describe, expect, it } from 'vitest';
import { FftTables, fftColumns } from '../../src/model/fft1d';
import { rng } from './testRng';

/** Forward, compare with the direct DFT column by column, inverse, compare with n·input. */
function roundTrip(n: number, W: number, c0: number, c1: number, seed: number): void {
  const r = rng(seed);
  const t = new FftTables(n);
  const re = new Float64Array(n * W).map(() => r() - 0.5);
  const im = new Float64Array(n * W).map(() => r() - 0.5);
  const r0 = re.slice();
  const i0 = im.slice();
  fftColumns(true, re, im, W, t, c0, c1);
  for (let c = c0; c < c1; c++)
    for (let k = 0; k < n; k++) {
      let sr = 0;
      let si = 0;
      for (let j = 0; j < n; j++) {
        const a = (-2 * Math.PI * ((k * j) % n)) / n;
        sr += r0[j * W + c] * Math.cos(a) - i0[j * W + c] * Math.sin(a);
        si += r0[j * W + c] * Math.sin(a) + i0[j * W + c] * Math.cos(a);
      }
      const p = t.rev[k] * W + c;
      expect(Math.hypot(re[p] - sr, im[p] - si)).toBeLessThan(1e-13);
    }
  fftColumns(false, re, im, W, t, c0, c1);
  for (let q = 0; q < re.length; q++) {
    const inside = q % W >= c0 && q % W < c1;
    expect(Math.abs((inside ? re[q] / n : re[q]) - r0[q])).toBeLessThan(1e-15);
    expect(Math.abs((inside ? im[q] / n : im[q]) - i0[q])).toBeLessThan(1e-15);
  }
}

describe('fftColumns', () => {
  it('one sequence (W = 1): matches the direct DFT, bit-reversed out, and inverts (n = 2 … 128)', () => {
    for (let n = 2; n <= 128; n *= 2) roundTrip(n, 1, 0, 1, n);
  });
  it('a batch of columns [c0, c1) of an n × W matrix, the other columns untouched (n = 2 … 64)', () => {
    for (let n = 2; n <= 64; n *= 2) roundTrip(n, 7, 2, 6, 100 + n);
  });
  it('a wide matrix (W ≥ 512: transformed through contiguous column-block copies)', () => {
    roundTrip(8, 520, 3, 517, 7);
  });
  it('rejects a length that is not a power of two', () => {
    expect(() => new FftTables(12)).toThrow(/power of two/);
  });
});
