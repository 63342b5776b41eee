/**
 * The PDE's stage pass in WebAssembly (src/model/pde/stagePass.wat through stageWasm.ts) against
 * the JavaScript row kernels (stageRows.ts), the oracle: the same bits for every output (fields, κ,
 * max ρ+ + ρ−; the min equal as a number). Fields with velocities of both signs, depleted cells, values
 * below the flush threshold (0, 1e-150), every limiter θ, both geometries, odd and tiny N (the row
 * wrap), a nonzero force; and whole solver runs with the module allowed and refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { assemble } from '../../scripts/wasm.mjs';
import { RealFFT2D } from '../../src/model/fft2';
import { createPdeSolver } from '../../src/model/pde';
import { PotentialEvaluator } from '../../src/model/pde/potentialEvaluator';
import { potentialMultiplier } from '../../src/model/pde/potentialSymbol';
import { runStage, StageWorkspace } from '../../src/model/pde/stage';
import { STAGE_PASS_WASM } from '../../src/model/pde/stagePassWasm';
import { allowStageWasm } from '../../src/model/pde/stageWasm';
import { createRng } from '../../src/model/random';

afterEach(() => allowStageWasm(true));

/** ρ± with lumps, empty cells and sub-flush values, and a ξ with gradients of both signs. */
function fields(N: number, seed: number) {
  const rng = createRng(seed);
  const r = () => rng.nextDouble();
  const NN = N * N;
  const u = new Float64Array(2 * NN);
  const u0 = new Float64Array(2 * NN);
  const xi = new Float64Array(NN);
  for (let q = 0; q < 2 * NN; q++) {
    const k = r();
    u[q] = k < 0.1 ? 0 : k < 0.15 ? 1e-160 * r() : k < 0.2 ? 1e-300 : 2 * r() ** 2;
    u0[q] = k < 0.2 ? u[q] : r();
    // rows 1…3 of both species depleted: their stage outputs fall below the flush threshold
    const row = Math.floor((q % NN) / N);
    if (N >= 7 && row >= 1 && row <= 3) u[q] = u0[q] = k < 0.5 ? 0 : 1e-200 * k;
  }
  for (let q = 0; q < NN; q++) xi[q] = 0.05 * Math.sin(0.7 * q) + 0.01 * (r() - 0.5);
  return { u, u0, xi };
}

function stageBoth(N: number, slip: boolean, theta: number, seed: number, F: [number, number]) {
  const NN = N * N;
  const { u, u0, xi } = fields(N, seed);
  // the JavaScript rows: arrays outside the module's memory
  const js = new StageWorkspace(N, slip, theta);
  js.F1 = F[0];
  js.F2 = F[1];
  const outJs = new Float64Array(2 * NN);
  // the module: the same arrays copied into its memory
  const wa = new StageWorkspace(N, slip, theta, 7 * NN);
  wa.F1 = F[0];
  wa.F2 = F[1];
  expect(wa.mem.active).toBe(true);
  const uW = wa.mem.alloc(2 * NN);
  const u0W = wa.mem.alloc(2 * NN);
  const xiW = wa.mem.alloc(NN);
  const outW = wa.mem.alloc(2 * NN);
  uW.set(u);
  u0W.set(u0);
  xiW.set(xi);
  const [a, b, c] = [0.75, 0.25, 0.013];
  runStage(js, u0, u, xi, outJs, a, b, c);
  runStage(wa, u0W, uW, xiW, outW, a, b, c);
  return { outJs, outW, js, wa };
}

const sameBits = (x: Float64Array, y: Float64Array) => {
  let bad = 0;
  for (let q = 0; q < x.length; q++) if (!Object.is(x[q], y[q])) bad++;
  return bad;
};

describe('the stage pass in WebAssembly', () => {
  it('the embedded module is pde/stagePass.wat as assembled now', async () => {
    expect(await assemble('pde/stagePass.wat')).toBe(STAGE_PASS_WASM);
  });

  for (const slip of [false, true])
    for (const N of [2, 3, 4, 7, 16, 64])
      it(`${slip ? 'slip' : 'isotropic'} N=${N}: the same bits as the JavaScript rows, θ = 1, 1.5, 2`, () => {
        for (const theta of [1, 1.5, 2]) {
          const { outJs, outW, js, wa } = stageBoth(N, slip, theta, 7 * N + theta, [0.3, slip ? 0 : -0.2]);
          expect(sameBits(outJs, outW)).toBe(0);
          expect(sameBits(js.kappa, wa.kappa)).toBe(0);
          expect(wa.stats[0] === js.stats[0]).toBe(true);
          expect(Object.is(wa.stats[1], js.stats[1])).toBe(true);
          // the test's data reach what it is about: flushed values and both upwind directions
          if (N >= 7) expect(outJs.some((v) => v === 0)).toBe(true);
        }
      });

  it('a negative output shows in the min (the step-rejection signal)', () => {
    // c large enough that outflow empties some cells below 0
    const N = 16;
    const { u, u0, xi } = fields(N, 3);
    const ws = new StageWorkspace(N, false, 2, 7 * N * N);
    const [uW, u0W, xiW, out] = [2, 2, 1, 2].map((k) => ws.mem.alloc(k * N * N));
    uW.set(u);
    u0W.set(u0);
    xiW.set(xi.map((v) => 40 * v));
    runStage(ws, u0W, uW, xiW, out, 0, 1, 0.5);
    const js = new StageWorkspace(N, false, 2);
    const outJs = new Float64Array(2 * N * N);
    runStage(
      js,
      u0,
      u,
      xi.map((v) => 40 * v),
      outJs,
      0,
      1,
      0.5,
    );
    expect(js.stats[0]).toBeLessThan(0);
    expect(ws.stats[0]).toBe(js.stats[0]);
    expect(sameBits(outJs, out)).toBe(0);
  });

  for (const slip of [false, true])
    it(`the potential's measure pass (ξ + U, energy, face differences), ${slip ? 'slip' : 'isotropic'}: the same bits`, () => {
      const N = 32;
      const NN = N * N;
      const { u } = fields(N, 11);
      const plan = new RealFFT2D(N);
      const spec = {
        geometry: slip ? ('slip' as const) : ('isotropic' as const),
        core: 'gaussian' as const,
        delta: 0.05,
      };
      const mult = potentialMultiplier(plan, spec);
      const field = { modes: [{ a: 0.7, p: 1, q: 2, phi: 0.1 }], force: [0, 0] as [number, number] };
      const js = new PotentialEvaluator(plan, mult, slip);
      const ws = new StageWorkspace(N, slip, 2, 5 * NN);
      const wa = new PotentialEvaluator(plan, mult, slip, ws.mem);
      js.setField(field);
      wa.setField(field);
      const [uW, kW, xiW] = [ws.mem.alloc(2 * NN), ws.mem.alloc(NN), ws.mem.alloc(NN)];
      uW.set(u);
      const kappa = new Float64Array(NN);
      for (let q = 0; q < NN; q++) kappa[q] = u[q] - u[NN + q];
      kW.set(kappa);
      const xiJ = new Float64Array(NN);
      const [sJ, sW] = [new Float64Array(8), new Float64Array(8)];
      js.evaluate(xiJ, kappa, u.subarray(0, NN), u.subarray(NN), sJ);
      wa.evaluate(xiW, kW, uW.subarray(0, NN), uW.subarray(NN), sW);
      expect(sameBits(xiJ, xiW)).toBe(0);
      expect(sameBits(sJ.subarray(2), sW.subarray(2))).toBe(0);
      expect(sJ[2]).not.toBe(0);
      expect(sJ[4]).toBeLessThan(sJ[5]);
    });

  for (const geometry of ['isotropic', 'slip'] as const)
    it(`${geometry}: a solver run gives the same bits with the module and without`, () => {
      const N = 32;
      const rp = new Float64Array(N * N);
      const rm = new Float64Array(N * N);
      for (let j = 0; j < N; j++)
        for (let i = 0; i < N; i++) {
          rp[j * N + i] = 1 + 0.5 * Math.sin((2 * Math.PI * (i + 0.5)) / N);
          rm[j * N + i] = 1 - 0.4 * Math.cos((2 * Math.PI * (i + j + 1)) / N);
        }
      const field = { modes: [{ a: 0.5, p: 1, q: 1, phi: 0.3 }], force: [0.1, 0.05] as [number, number] };
      const make = (on: boolean) => {
        allowStageWasm(on);
        return createPdeSolver({
          geometry,
          core: 'gaussian',
          delta: 0.05,
          N,
          rhoPlus: rp,
          rhoMinus: rm,
          field,
        });
      };
      const a = make(true);
      const b = make(false);
      const inModule = (s: object) => (s as unknown as { ws: StageWorkspace }).ws.mem.active;
      expect([inModule(a), inModule(b)]).toEqual([true, false]);
      for (let k = 0; k < 40; k++) {
        a.step();
        b.step();
      }
      expect(a.t).toBe(b.t);
      expect(sameBits(a.rhoPlus, b.rhoPlus)).toBe(0);
      expect(sameBits(a.rhoMinus, b.rhoMinus)).toBe(0);
      expect(a.energy()).toBe(b.energy());
    });
});
