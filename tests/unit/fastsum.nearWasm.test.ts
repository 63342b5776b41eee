import { describe, expect, it } from 'vitest';
import { assemble } from '../../scripts/wasm.mjs';
import { createFastSum } from '../../src/model/fastsum';
import { CellSort, cellStartLength } from '../../src/model/fastsum/cells';
import { NearField } from '../../src/model/fastsum/nearField';
import { NEAR_ISO_WASM } from '../../src/model/fastsum/nearIsoWasm';
import { allowNearWasm, nearWasmStatus } from '../../src/model/fastsum/nearWasm';
import { buildPlan } from '../../src/model/fastsum/plan';
import { makeKernel } from '../../src/model/kernels';
import type { CoreModel, Geometry } from '../../src/model/types';

/**
 * The near field's pair loops in WebAssembly (fastsum/nearIso.wat via nearWasm.ts) against the
 * JavaScript loops they replace (nearBlocks.ts isoBlock, slipBlock, energyBlock, themselves checked
 * against direct sums in fastsum.test.ts): the same operations in the same order, so the same bits
 * — both geometries (the slip energy stays JavaScript), on uniform states,
 * on states with pairs inside the exact gaussian core (s = q/2δ² ≤ 40, the module's call back)
 * and coincident particles (q = 0), a clump whose products fold into logarithms, with odd block
 * lengths (the scalar tail) and many chunks; gradients and energies.
 */

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** n positions: uniform, then every tenth particle moved next to the one before (within ~3δ) and one exact copy. */
function state(n: number, delta: number, seed: number): { pos: Float64Array; signs: Int8Array } {
  const rnd = lcg(seed);
  const pos = Float64Array.from({ length: 2 * n }, rnd);
  for (let i = 10; i < n; i += 10) {
    pos[2 * i] = pos[2 * i - 2] + 3 * delta * (rnd() - 0.5);
    pos[2 * i + 1] = pos[2 * i - 1] + 3 * delta * (rnd() - 0.5);
  }
  pos[2 * (n - 1)] = pos[0];
  pos[2 * (n - 1) + 1] = pos[1];
  // a dense clump of 60 within 1e-5: at δ = 1e-7 a particle's product of q's there falls below
  // 1e-280 and is folded into its logarithm (nearBlocks.ts RowLogs)
  for (let i = 100; i < Math.min(n - 1, 160); i++) {
    pos[2 * i] = 0.5 + 1e-5 * rnd();
    pos[2 * i + 1] = 0.5 + 1e-5 * rnd();
  }
  const signs = Int8Array.from({ length: n }, () => (rnd() < 0.5 ? 1 : -1));
  return { pos, signs };
}

function nearPair(geometry: Geometry, core: CoreModel, delta: number, n: number, seed: number) {
  const plan = buildPlan(makeKernel({ geometry, core, delta }), n, { threads: 2 });
  const cfg = plan.near;
  if (!cfg) throw new Error('no near field');
  const { pos, signs } = state(n, delta, seed);
  const arrays = [0, 1, 2].map(() => new Float64Array(n));
  const sorted = new CellSort(n, arrays[0], arrays[1], arrays[2], new Int32Array(cellStartLength(n)));
  sorted.sort(pos, signs, cfg.cells);
  allowNearWasm(false);
  const js = new NearField(cfg, sorted);
  allowNearWasm(true);
  const wasm = new NearField(cfg, sorted);
  const used = (wasm as unknown as { wasm: unknown }).wasm !== null;
  const [fj, gj, fw, gw] = [0, 1, 2, 3].map(() => new Float64Array(n));
  js.accumulate(fj, gj);
  wasm.accumulate(fw, gw);
  return { cfg, js, wasm, used, fj, gj, fw, gw, ej: js.energy(), ew: wasm.energy() };
}

describe('near field in WebAssembly', () => {
  it('the embedded module is nearIso.wat as assembled now', async () => {
    expect(await assemble('fastsum/nearIso.wat')).toBe(NEAR_ISO_WASM);
  });

  it('runs here (node has WebAssembly SIMD)', () => {
    expect(nearWasmStatus()).toBe('near field in WebAssembly SIMD');
  });

  const cases: Array<[Geometry, CoreModel, number, number, boolean]> = [
    ['isotropic', 'gaussian', 1e-3, 2001, false], // exact core, -1/q beyond s = 40 and the call back inside
    ['isotropic', 'gaussian', 1e-7, 1500, false], // exact core far below the table's reach
    ['isotropic', 'gaussian', 1e-2, 1999, true], // tabulated core
    ['isotropic', 'plummer', 3e-2, 2000, true], // another core model, tabulated
    ['isotropic', 'plummer', 1e-3, 2001, false], // exact plummer core: −1/(q + δ²) in the module
    ['isotropic', 'poisson', 1e-3, 2001, false], // exact poisson core: √ and ÷ in the module
    ['isotropic', 'poisson', 1e-7, 1501, false], // the poisson core where q ≫ δ² and where q ≪ δ² (the clump)
    ['isotropic', 'gaussian', 1e-2, 37, false], // a handful of cells
    ['slip', 'gaussian', 1e-3, 2001, false], // slip: the closed forms beyond s = 40, js.slip inside
    ['slip', 'gaussian', 1e-7, 1500, false],
    ['slip', 'gaussian', 1e-2, 1999, true],
    ['slip', 'plummer', 3e-2, 2000, true],
  ];
  for (const [geometry, core, delta, n, tabulated] of cases)
    it(`${geometry} ${core} δ = ${delta}, n = ${n}: the same bits as ${geometry === 'slip' ? 'slipBlock' : 'isoBlock'}`, () => {
      const r = nearPair(geometry, core, delta, n, n + 5);
      expect(r.cfg.tabulatedCore).toBe(tabulated);
      expect(r.used).toBe(true);
      expect(r.js.pairsInside).toBeGreaterThan(n);
      expect(r.wasm.pairsInside).toBe(r.js.pairsInside);
      expect(Array.from(r.fw)).toEqual(Array.from(r.fj));
      expect(Array.from(r.gw)).toEqual(Array.from(r.gj));
      expect(Number.isFinite(r.ej) && r.ej !== 0).toBe(true);
      expect(r.ew).toBe(r.ej);
      let norm = 0;
      for (let i = 0; i < n; i++) norm += Math.abs(r.fj[i]) + Math.abs(r.gj[i]);
      expect(norm).toBeGreaterThan(0);
    });

  it('is not used where it does not apply: slip with an exact algebraic core, the exact ring core', () => {
    for (const core of ['plummer', 'poisson'] as const) {
      const slip = nearPair('slip', core, 1e-3, 1200, 4);
      expect(slip.cfg.tabulatedCore).toBe(false);
      expect(slip.used).toBe(false);
    }
    const ring = nearPair('isotropic', 'ring', 1e-3, 1200, 4);
    expect(ring.cfg.tabulatedCore).toBe(false);
    expect(ring.used).toBe(false);
  });

  const whole: Array<[Geometry, CoreModel]> = [
    ['isotropic', 'gaussian'],
    ['slip', 'gaussian'],
    ['isotropic', 'plummer'],
    ['isotropic', 'poisson'],
  ];
  for (const [geometry, core] of whole)
    it(`${geometry} ${core}: a whole fast-sum evaluation (many chunks, far field, energy) is the same bits either way`, () => {
      // (gradient, energy, and the fused sweep: the module's two sweeps against bothBlock)
      const n = 3000;
      const delta = 1 / n;
      const kernel = makeKernel({ geometry, core, delta });
      const { pos, signs } = state(n, delta, 11);
      const run = (on: boolean) => {
        allowNearWasm(on);
        const fs = createFastSum(kernel, n);
        const raw = new Float64Array(2 * n);
        fs.accumulate(pos, signs, raw);
        const both = new Float64Array(2 * n);
        const e = fs.accumulateWithEnergy(pos, signs, both);
        const energy = fs.pairEnergy(pos, signs);
        allowNearWasm(true);
        return { raw: Array.from(raw), both: Array.from(both), e, energy };
      };
      const js = run(false);
      const wasm = run(true);
      expect(wasm.raw).toEqual(js.raw);
      expect(wasm.both).toEqual(js.both);
      expect(wasm.e).toBe(js.e);
      expect(wasm.energy).toBe(js.energy);
    });
});
