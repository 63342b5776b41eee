/**
 * How much WebAssembly with 128-bit SIMD gains on the fast sum's and the PDE's kernels, measured against the
 * JavaScript kernels in this process. Each port does the same floating-point operations in the
 * same order, so its results must equal the JavaScript ones to the bit (checked: a probe that
 * disagrees throws instead of printing a ratio):
 * - the FFT passes (src/model/fftPasses.wat through fftWasm.ts: the app's path) in the fast sum's
 *   grid convolution and the PDE's real 2-D convolution;
 * - the PDE's stage pass (fluxes, limiter, row update: pde/stagePass.wat through stageWasm.ts, the
 *   solver's path), ~1.6–1.7× at N = 128 and 512;
 * - the far field's spread and gather (fastsum/farWindow.wat through farWasm.ts: the app's path);
 * - the near field: NearField with its isotropic pair loops in JavaScript (nearBlocks.ts isoBlock,
 *   energyBlock) and in WebAssembly (fastsum/nearIso.wat through nearWasm.ts: the app's path).
 * What they say (issue 12, target 2): the spreading ~2×; the grid convolution ~1.4–1.5× at
 * M = 128 … 512 and ~1.1× at 1024 (there memory, the transposes and the copies bound it), the PDE's
 * 2-D convolution ~1.5× at N = 256 and 512; the near gradient ~1.9× (n = 1000
 * and 10⁵) and ~1.4× at n = 10⁴, where 7% of the pairs lie within 9δ and take the call back; the
 * near energy ~1.6×, ~1.3× at n = 10⁴.
 */
import { CellSort, cellStartLength } from '../../src/model/fastsum/cells';
import { FarField } from '../../src/model/fastsum/farField';
import { allowFarWasm } from '../../src/model/fastsum/farWasm';
import { GridConvolver } from '../../src/model/fastsum/gridFft';
import { NearField } from '../../src/model/fastsum/nearField';
import { allowNearWasm } from '../../src/model/fastsum/nearWasm';
import { buildPlan } from '../../src/model/fastsum/plan';
import { RealFFT2D } from '../../src/model/fft2';
import { allowFftWasm } from '../../src/model/fftWasm';
import { makeKernel } from '../../src/model/kernels';
import { runStage, StageWorkspace } from '../../src/model/pde/stage';
import { smoothCase } from './pde';
import { type BenchRow, lcg, timeIt } from './table';

/** Largest |a_k − b_k|. */
function maxDifference(a: Float64Array, b: Float64Array): number {
  let d = 0;
  for (let k = 0; k < a.length; k++) d = Math.max(d, Math.abs(a[k] - b[k]));
  return d;
}

function rowsFor(label: string, js: number, wasm: number): BenchRow[] {
  return [
    { name: `${label}: JavaScript`, value: js * 1e6, unit: 'µs' },
    { name: `${label}: WebAssembly SIMD`, value: wasm * 1e6, unit: 'µs' },
    { name: `${label}: JavaScript / WebAssembly`, value: js / wasm, unit: '× (results equal to the bit)' },
  ];
}

/**
 * The production transforms, JavaScript passes against WebAssembly (fftWasm.ts, the app's path),
 * results checked to the bit: the fast sum's grid convolution (GridConvolver.convolve, M × M) and
 * the PDE's real 2-D convolution (RealFFT2D.convolve, N × N).
 */
function probeFft(): BenchRow[] {
  const rows: BenchRow[] = [];
  const cases: Array<[string, number, (x: Float64Array, y: Float64Array) => void]> = [];
  for (const M of [128, 512, 1024]) {
    const K = M / 4;
    const conv = new GridConvolver(M, K);
    const rnd = lcg(M);
    conv.setMultiplier(Float64Array.from({ length: (K + 1) * M }, () => rnd() / (M * M)));
    cases.push([`fast-sum grid convolution M = ${M}`, M, (x, y) => conv.convolve(x, y)]);
  }
  for (const N of [256, 512]) {
    const fft = new RealFFT2D(N);
    const mult = fft.tabulateMultiplier((k1, k2) => 1 / (1 + k1 * k1 + k2 * k2));
    cases.push([`PDE real 2-D convolution N = ${N}`, N, (x, y) => fft.convolve(x, mult, y)]);
  }
  for (const [label, M, run] of cases) {
    const x = Float64Array.from({ length: M * M }, lcg(M + 1));
    const [yj, yw] = [new Float64Array(M * M), new Float64Array(M * M)];
    const timed = (on: boolean, y: Float64Array) => () => {
      allowFftWasm(on);
      run(x, y);
    };
    timed(false, yj)();
    timed(true, yw)();
    const d = maxDifference(yj, yw);
    if (d !== 0)
      throw new Error(`wasm probe: ${label} differs between the JS and the WebAssembly FFT by ${d}`);
    const js = timeIt(timed(false, yj), 1);
    const wasm = timeIt(timed(true, yw), 1);
    allowFftWasm(true);
    rows.push(...rowsFor(label, js, wasm));
  }
  return rows;
}

/**
 * The far field's particle side of an n-particle uniform state, δ = 1e-3, as the one-thread plan
 * sets it up: FarField spreadAndConvolve and gatherGradient with the JavaScript loops (kept
 * weights) and with the module (farWasm.ts, the app's path), results checked to the bit. The
 * spread row includes the grid convolution (the same FFT in both).
 */
function probeFar(n: number): BenchRow[] {
  const kernel = makeKernel({ geometry: 'isotropic', core: 'gaussian', delta: 1e-3 });
  const plan = buildPlan(kernel, n, { threads: 1 });
  const rnd = lcg(n + 3);
  const [sx, sy] = [0, 1].map(() => Float64Array.from({ length: n }, rnd));
  const sb = Float64Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
  const fields = [false, true].map((on) => {
    allowFarWasm(on);
    return new FarField(n, plan.M, plan.K, plan.window, plan.fhat);
  });
  allowFarWasm(true);
  const g = [0, 1, 2, 3].map(() => new Float64Array(n));
  fields.forEach((f, k) => {
    f.spreadAndConvolve(sx, sy, sb);
    f.gatherGradient(sx, sy, sb, g[2 * k], g[2 * k + 1]);
  });
  const d = Math.max(
    maxDifference(g[0], g[2]),
    maxDifference(g[1], g[3]),
    maxDifference(fields[0].grid, fields[1].grid),
  );
  if (d !== 0) throw new Error(`wasm probe: the far field differs from farField.ts by ${d} at n = ${n}`);
  const [sj, sw] = fields.map((f) => timeIt(() => f.spreadAndConvolve(sx, sy, sb), 1));
  const [gj, gw] = fields.map((f, k) =>
    timeIt(() => f.gatherGradient(sx, sy, sb, g[2 * k], g[2 * k + 1]), 1),
  );
  return [
    ...rowsFor(`far spread + convolution n = ${n} (M = ${plan.M})`, sj, sw),
    ...rowsFor(`far gather n = ${n}`, gj, gw),
  ];
}

/**
 * The isotropic gaussian near field (velocities) of an n-particle uniform state, δ = 1e-3, as the
 * plan for one thread sets it up: NearField.accumulate with isoBlock against the same with its
 * pair loop in WebAssembly (fastsum/nearWasm.ts, the app's path), results checked to the bit.
 */
function probeNear(n: number): BenchRow[] {
  const kernel = makeKernel({ geometry: 'isotropic', core: 'gaussian', delta: 1e-3 });
  const plan = buildPlan(kernel, n, { threads: 1 });
  const cfg = plan.near;
  if (!cfg) return [];
  const rnd = lcg(n + 17);
  const pos = Float64Array.from({ length: 2 * n }, rnd);
  const signs = Int8Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
  const [sx, sy, sb] = [0, 1, 2].map(() => new Float64Array(n));
  const sorted = new CellSort(n, sx, sy, sb, new Int32Array(cellStartLength(n)));
  sorted.sort(pos, signs, cfg.cells);
  allowNearWasm(false);
  const js = new NearField(cfg, sorted);
  allowNearWasm(true);
  const wasm = new NearField(cfg, sorted);
  const [fj, gj, fw, gw] = [0, 1, 2, 3].map(() => new Float64Array(n));
  js.accumulate(fj, gj);
  wasm.accumulate(fw, gw);
  const d = Math.max(maxDifference(fj, fw), maxDifference(gj, gw));
  if (d !== 0 || js.pairsInside !== wasm.pairsInside)
    throw new Error(`wasm probe: the near field differs from nearBlocks.ts by ${d} at n = ${n}`);
  if (js.energy() !== wasm.energy()) throw new Error(`wasm probe: the near energy differs at n = ${n}`);
  const tj = timeIt(() => js.accumulate(fj, gj), 1);
  const tw = timeIt(() => wasm.accumulate(fw, gw), 1);
  const ej = timeIt(() => js.energy(), 1);
  const ew = timeIt(() => wasm.energy(), 1);
  const core = cfg.tabulatedCore ? 'tabulated core' : 'exact core';
  return [
    ...rowsFor(`near gradient n = ${n} (${js.pairsInside} pairs, ${core})`, tj, tw),
    ...rowsFor(`near energy n = ${n}`, ej, ew),
  ];
}

/**
 * The PDE's stage pass (pde/stagePass.wat through stageWasm.ts, the solver's path) against the
 * JavaScript rows (stageRows.ts) on the smooth case's fields, N × N, outputs checked to the bit.
 */
function probeStage(N: number): BenchRow[] {
  const NN = N * N;
  const c = smoothCase(N);
  const wa = new StageWorkspace(N, false, 2, 5 * NN);
  const js = new StageWorkspace(N, false, 2);
  const u = wa.mem.alloc(2 * NN);
  u.set(c.rhoPlus);
  u.set(c.rhoMinus, NN);
  const xi = wa.mem.alloc(NN);
  for (let j = 0; j < N; j++)
    for (let i = 0; i < N; i++) xi[j * N + i] = 0.1 * Math.sin((2 * Math.PI * (i + 2 * j)) / N);
  const out = wa.mem.alloc(2 * NN);
  const [uJ, xiJ, outJ] = [u.slice(), xi.slice(), out.slice()];
  const tw = timeIt(() => runStage(wa, u, u, xi, out, 0.75, 0.25, 1e-4), 0.5);
  const tj = timeIt(() => runStage(js, uJ, uJ, xiJ, outJ, 0.75, 0.25, 1e-4), 0.5);
  if (!wa.mem.active) throw new Error('PDE stage: the module is not in use here');
  if (maxDifference(out, outJ) !== 0 || maxDifference(wa.kappa, js.kappa) !== 0)
    throw new Error(`PDE stage N = ${N}: the module's outputs differ from the JavaScript rows`);
  return rowsFor(`PDE stage pass N = ${N} (both species, x and y faces)`, tj, tw);
}

export async function benchWasm(): Promise<BenchRow[]> {
  const stage = [128, 512].flatMap(probeStage);
  const near: BenchRow[] = [];
  for (const n of [1000, 10000, 100000]) near.push(...probeNear(n));
  const far: BenchRow[] = [];
  for (const n of [1000, 10000, 100000]) far.push(...probeFar(n));
  return [...probeFft(), ...stage, ...far, ...near];
}
