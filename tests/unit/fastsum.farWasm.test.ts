/**
 * The far field's spread and gather in WebAssembly (fastsum/farWindow.wat via farWasm.ts) against
 * the JavaScript loops they replace (farField.ts spread11/spreadAny, gather11/gatherAny, checked
 * against direct sums in fastsum.test.ts): the same operations in the same order per grid node and
 * per particle, so the same bits — the convolved grid and the gradients of both geometries, windows
 * wrapping in x (the modular path) and in y, particles on the grid's nodes and at the edges, odd
 * gather ranges, the kept-weights JS path (n ≤ CACHE_MAX) against the module's recomputed
 * weights, and whole evaluations with the node helper taking gather tasks.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { assemble } from '../../scripts/wasm.mjs';
import { createFastSum } from '../../src/model/fastsum';
import { CellSort, cellStartLength } from '../../src/model/fastsum/cells';
import { FarField } from '../../src/model/fastsum/farField';
import { allowFarWasm, farWasmStatus } from '../../src/model/fastsum/farWasm';
import { FAR_WINDOW_WASM } from '../../src/model/fastsum/farWindowWasm';
import { installNodeFastSumThreads, stopNodeFastSumThreads } from '../../src/model/fastsum/helperNode';
import { buildPlan } from '../../src/model/fastsum/plan';
import { makeKernel } from '../../src/model/kernels';
import type { Geometry } from '../../src/model/types';
import { rng } from './testRng';

afterAll(() => stopNodeFastSumThreads());

const same = (a: Float64Array, b: Float64Array) =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** Uniform positions, a band of particles within a window of x = 1 and of y = 0, some on grid nodes. */
function positions(n: number, M: number, seed: number): Float64Array {
  const r = rng(seed);
  const pos = Float64Array.from({ length: 2 * n }, () => r());
  for (let i = 0; i < n; i += 7) pos[2 * i] = 1 - (r() * 6) / M;
  for (let i = 3; i < n; i += 11) pos[2 * i + 1] = (r() * 6) / M;
  for (let i = 5; i < n; i += 13) {
    pos[2 * i] = Math.floor(r() * M) / M;
    pos[2 * i + 1] = Math.floor(r() * M) / M;
  }
  pos[0] = 0;
  pos[1] = 1 - 2 ** -40;
  return pos;
}

/** One far field on the JavaScript loops and one on the module: grid, energy, gradients. */
function farPair(geometry: Geometry, n: number, grid: number | undefined, seed: number) {
  const kernel = makeKernel({ geometry, core: 'gaussian', delta: 1e-3 });
  const plan = buildPlan(kernel, n, { threads: 1, grid });
  const pos = positions(n, plan.M, seed);
  const signs = Int8Array.from({ length: n }, (_, i) => (i % 3 ? 1 : -1));
  const [sx, sy, sb] = [0, 1, 2].map(() => new Float64Array(n));
  const sorted = new CellSort(n, sx, sy, sb, new Int32Array(cellStartLength(n)));
  sorted.sort(pos, signs, 0);
  allowFarWasm(false);
  const js = new FarField(n, plan.M, plan.K, plan.window, plan.fhat);
  allowFarWasm(true);
  const wasm = new FarField(n, plan.M, plan.K, plan.window, plan.fhat);
  const used = (wasm as unknown as { wasm: unknown }).wasm !== null;
  js.spreadAndConvolve(sx, sy, sb);
  wasm.spreadAndConvolve(sx, sy, sb);
  const g = [0, 1, 2, 3].map(() => new Float64Array(n));
  js.gatherGradient(sx, sy, sb, g[0], g[1]);
  // the module's gather in uneven ranges, last to first
  const cuts = [0, 1, 38, Math.floor(n / 3), n - 5, n];
  for (let c = cuts.length - 2; c >= 0; c--) wasm.gatherRange(sx, sy, sb, g[2], g[3], cuts[c], cuts[c + 1]);
  return { plan, js, wasm, used, g };
}

describe('far field spread and gather in WebAssembly', () => {
  it('the embedded module is farWindow.wat as assembled now', async () => {
    expect(await assemble('fastsum/farWindow.wat')).toBe(FAR_WINDOW_WASM);
  });

  it('runs here (node has WebAssembly SIMD)', () => {
    expect(farWasmStatus()).toBe('spread and gather in WebAssembly SIMD');
  });

  for (const [geometry, n, grid] of [
    ['isotropic', 3000, undefined],
    ['slip', 3000, undefined],
    ['isotropic', 200, 64],
    ['isotropic', 5000, 256],
  ] as const)
    it(`${geometry}, n = ${n}${grid ? `, M = ${grid}` : ''}: the same grid, energy and gradients`, () => {
      const r = farPair(geometry, n, grid, n + 1);
      expect(r.used).toBe(true);
      expect(r.js.cached).toBe(true);
      expect(r.wasm.cached).toBe(false);
      expect(same(r.wasm.grid, r.js.grid)).toBe(true);
      expect(r.wasm.energy()).toBe(r.js.energy());
      expect(same(r.g[2], r.g[0]) && same(r.g[3], r.g[1])).toBe(true);
      let norm = 0;
      for (let i = 0; i < n; i++) norm += Math.abs(r.g[0][i]) + Math.abs(r.g[1][i]);
      expect(norm).toBeGreaterThan(0);
    });

  it('a new grid reaches the module: a second evaluation at moved positions is the same bits too', () => {
    const n = 2000;
    const kernel = makeKernel({ geometry: 'isotropic', core: 'gaussian', delta: 1 / n });
    const pos = positions(n, 128, 3);
    const signs = Int8Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
    const run = (on: boolean) => {
      allowFarWasm(on);
      const fs = createFastSum(kernel, n, { threads: 1 });
      allowFarWasm(true);
      const out: Float64Array[] = [];
      const p = pos.slice();
      for (let step = 0; step < 3; step++) {
        for (let i = 0; i < 2 * n; i++) p[i] = (p[i] + 0.01 * Math.sin(3 * i + step) + 1) % 1;
        const raw = new Float64Array(2 * n);
        fs.accumulate(p, signs, raw);
        out.push(raw);
        out.push(Float64Array.of(fs.pairEnergy(p, signs)));
      }
      return out;
    };
    const js = run(false);
    const wasm = run(true);
    for (let k = 0; k < js.length; k++) expect(same(wasm[k], js[k])).toBe(true);
  });

  it('with the node helper gathering (its module) the bits of the JavaScript loops on one thread', async () => {
    const n = 20_000;
    const kernel = makeKernel({ geometry: 'isotropic', core: 'gaussian', delta: 1e-3 });
    const pos = positions(n, 512, 8);
    const signs = Int8Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
    allowFarWasm(false);
    const alone = createFastSum(kernel, n, { threads: 2 });
    allowFarWasm(true);
    installNodeFastSumThreads();
    const helped = createFastSum(kernel, n, { threads: 2 });
    expect(await helped.whenParallel()).toBe(true);
    const a = new Float64Array(2 * n);
    const b = new Float64Array(2 * n);
    for (let step = 0; step < 3; step++) {
      for (let i = 0; i < 2 * n; i++) pos[i] = (pos[i] + 2e-3 * Math.cos(i + step) + 1) % 1;
      const ea = alone.accumulateWithEnergy(pos, signs, a);
      const eb = helped.accumulateWithEnergy(pos, signs, b);
      expect(same(a, b)).toBe(true);
      expect(eb).toBe(ea);
    }
  });
});
