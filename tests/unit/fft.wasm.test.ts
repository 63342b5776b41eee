/**
 * The FFT passes in WebAssembly (src/model/fftPasses.wat via fftWasm.ts) against fft1d.ts's
 * JavaScript passes (themselves checked against the direct DFT in fft1d.test.ts, which now runs
 * through the module wherever a block has two columns or more): the same operations in the same
 * order per column, so the same bits — forward and inverse, every length 2 … 4096 (odd and even
 * log₂: the radix-2 pass), widths odd and even (the scalar last column), column ranges inside a
 * wider matrix (the span copy) and rows at least fftColumns' WIDE apart (the block copy), signed
 * zeros, infinities and NaNs (in one column, the others stay finite). And the fast sum's grid
 * convolution (gridFft.ts), whose row pairs the module also transposes in and out of the lane
 * layout, against the same convolution with the module off.
 */
import { describe, expect, it } from 'vitest';
import { assemble } from '../../scripts/wasm.mjs';
import { GridConvolver } from '../../src/model/fastsum/gridFft';
import { FftTables, fftColumns } from '../../src/model/fft1d';
import { FFT_PASSES_WASM } from '../../src/model/fftPassesWasm';
import { allowFftWasm, fftWasmStatus } from '../../src/model/fftWasm';
import { rng } from './testRng';

/** Both paths on the same data: the first index where they differ (Object.is), or −1. */
function firstDifference(
  n: number,
  W: number,
  c0: number,
  c1: number,
  forward: boolean,
  seed: number,
): number {
  const r = rng(seed);
  const re = new Float64Array(n * W).map(() => r() - 0.5);
  const im = new Float64Array(n * W).map(() => r() - 0.5);
  // special values in column c0 only (columns are independent: a NaN fills its own column)
  im[(n >> 1) * W + c1 - 1] = -0;
  re[c0] = -0;
  if (n >= 8) {
    re[3 * W + c0] = Number.POSITIVE_INFINITY;
    im[5 * W + c0] = Number.NaN;
  }
  const t = new FftTables(n);
  const js = [re.slice(), im.slice()];
  const wasm = [re.slice(), im.slice()];
  try {
    allowFftWasm(false);
    fftColumns(forward, js[0], js[1], W, t, c0, c1);
    allowFftWasm(true);
    fftColumns(forward, wasm[0], wasm[1], W, t, c0, c1);
  } finally {
    allowFftWasm(true);
  }
  for (let k = 0; k < n * W; k++)
    if (!Object.is(js[0][k], wasm[0][k]) || !Object.is(js[1][k], wasm[1][k])) return k;
  return -1;
}

describe('FFT passes in WebAssembly', () => {
  it('the embedded module is fftPasses.wat as assembled now', async () => {
    expect(await assemble('fftPasses.wat')).toBe(FFT_PASSES_WASM);
  });

  it('runs here (node has WebAssembly SIMD)', () => {
    expect(fftWasmStatus()).toBe('FFT in WebAssembly SIMD');
  });

  it('equals the JavaScript passes to the bit: lengths 2 … 4096, widths 2 … 9, column ranges', () => {
    let seed = 1;
    for (let bits = 1; bits <= 12; bits++) {
      const n = 1 << bits;
      for (const [W, c0, c1] of [
        [2, 0, 2],
        [3, 0, 3],
        [8, 0, 8],
        [8, 3, 8],
        [9, 1, 6],
      ])
        for (const forward of [true, false])
          expect(
            firstDifference(n, W, c0, c1, forward, seed++),
            `n ${n} W ${W} [${c0}, ${c1}) ${forward}`,
          ).toBe(-1);
    }
  });

  it('equals them on wide matrices (several column blocks; rows ≥ 512 apart: the block copy)', () => {
    for (const [n, W, c0, c1] of [
      [256, 130, 0, 129],
      [512, 257, 0, 257],
      [64, 600, 5, 600],
      [2048, 513, 0, 513],
    ])
      for (const forward of [true, false])
        expect(firstDifference(n, W, c0, c1, forward, n + W), `n ${n} W ${W} ${forward}`).toBe(-1);
  });

  it('the grid convolution (row pairs transposed in the module) equals it with the module off', () => {
    // M = 4 and 8: lanes 2 and 4; 64: several row and column blocks; 512: the fast sum's grid
    for (const [M, K] of [
      [4, 1],
      [8, 3],
      [64, 16],
      [512, 128],
    ]) {
      const r = rng(M);
      const x = new Float64Array(M * M).map(() => r() - 0.5);
      x[3] = -0;
      const m = new Float64Array((K + 1) * M).map(() => r());
      const run = (wasm: boolean) => {
        allowFftWasm(wasm);
        try {
          const c = new GridConvolver(M, K);
          c.setMultiplier(m);
          const y = new Float64Array(M * M);
          const quad = c.convolve(x, y);
          const alias = x.slice();
          c.convolve(alias, alias); // x and y may alias
          const energy = c.quadForm(x);
          // the phases by block range, as two threads split them
          const z = new Float64Array(M * M);
          const half = c.rowBlocks >> 1;
          c.forwardRows(x, half, c.rowBlocks);
          c.forwardRows(x, 0, half);
          c.columns(0, c.blocks);
          c.inverseRows(z, half, c.rowBlocks);
          c.inverseRows(z, 0, half);
          return { y, quad, alias, energy, z };
        } finally {
          allowFftWasm(true);
        }
      };
      const js = run(false);
      const wasm = run(true);
      expect(Object.is(wasm.quad, js.quad) && Object.is(wasm.energy, js.energy), `M ${M} sums`).toBe(true);
      for (const key of ['y', 'alias', 'z'] as const) {
        const a = wasm[key];
        const b = js[key];
        let first = -1;
        for (let k = 0; k < a.length && first < 0; k++) if (!Object.is(a[k], b[k])) first = k;
        expect(first, `M ${M} ${key}`).toBe(-1);
      }
      expect(wasm.z).toEqual(wasm.y);
    }
  });
});
