/**
 * Where an SSP-RK3 step of the PDE solver goes (smooth isotropic case, single thread): per step it
 * runs 3 stage passes (fluxes x/y with the limiter and the row update, fused: stage.ts; in
 * WebAssembly where it is there, stageWasm.ts, and the JavaScript rows are timed too), 2 banded
 * convolutions for the inner stages' ξ and 1 convolution + the measuring pass (energy, face
 * speeds) for the candidate. Each part is timed alone on the solver's own workspace; the unbanded
 * real 2-D FFT pair (forward + inverse, all N/2 + 1 columns) is printed as the FFT floor a
 * non-truncated spectral solve would pay.
 */
import { RealFFT2D } from '../../src/model/fft2';
import { PotentialEvaluator } from '../../src/model/pde/potentialEvaluator';
import { potentialMultiplier } from '../../src/model/pde/potentialSymbol';
import { runStage, StageWorkspace } from '../../src/model/pde/stage';
import { writeRow, xRates, yRates } from '../../src/model/pde/stageRows';
import { smoothCase } from './pde';
import { type BenchRow, timeIt } from './table';

export function profilePdeStep(N: number, budget = 1): BenchRow[] {
  const c = smoothCase(N);
  const NN = N * N;
  const plan = new RealFFT2D(N);
  const spec = { geometry: 'isotropic' as const, core: 'gaussian' as const, delta: 0.05 };
  const mult = potentialMultiplier(plan, spec);
  const ev = new PotentialEvaluator(plan, mult, false);
  ev.setField(c.field);
  // the fields in the stage module's memory, as the solver keeps them (stageWasm.ts)
  const ws = new StageWorkspace(N, false, 2, 5 * NN);
  const u = ws.mem.alloc(2 * NN);
  u.set(c.rhoPlus);
  u.set(c.rhoMinus, NN);
  const out = ws.mem.alloc(2 * NN);
  const xi = ws.mem.alloc(NN);
  for (let q = 0; q < NN; q++) ws.kappa[q] = c.rhoPlus[q] - c.rhoMinus[q];
  const kap0 = ws.kappa.slice();
  ev.evaluate(xi, ws.kappa, c.rhoPlus, c.rhoMinus, ws.stats);
  const dt = 1e-4;
  const tStage = timeIt(() => runStage(ws, u, u, xi, out, 0.75, 0.25, dt), budget);
  // the JavaScript rows (arrays outside the module's memory), the fallback without WebAssembly SIMD
  const wsJ = new StageWorkspace(N, false, 2);
  const [uJ, outJ, xiJ] = [u.slice(), out.slice(), xi.slice()];
  const tStageJs = timeIt(() => runStage(wsJ, uJ, uJ, xiJ, outJ, 0.75, 0.25, dt), budget);
  // The stage pass's three row kernels alone over all rows (after runStage set iv[3..4] and sc).
  const rows = (k: (j: number) => void) => () => {
    for (let j = 0; j < N; j++) {
      const { iv } = wsJ;
      iv[0] = j * N;
      iv[1] = ((j + 1) % N) * N;
      iv[2] = ((j + 2) % N) * N;
      iv[5] = 2 * N;
      iv[6] = 4 * N;
      k(j);
    }
  };
  const tX = timeIt(
    rows(() => xRates(uJ, xiJ, wsJ.rb, wsJ.iv, wsJ.sc)),
    budget,
  );
  const tY = timeIt(
    rows(() => yRates(uJ, xiJ, wsJ.rb, wsJ.iv, wsJ.sc)),
    budget,
  );
  const tW = timeIt(
    rows(() => writeRow(uJ, uJ, outJ, wsJ.kappa, wsJ.rb, wsJ.iv, wsJ.sc, wsJ.stats)),
    budget,
  );
  const y = new Float64Array(NN);
  const tConvStage = timeIt(() => ev.evaluateStage(y, kap0), budget);
  const tEval = timeIt(() => ev.evaluate(y, kap0, c.rhoPlus, c.rhoMinus, ws.stats), budget);
  const ones = plan.tabulateMultiplier(() => 1);
  const tFull = timeIt(() => plan.convolve(kap0, ones, y), budget);
  const ms = (s: number) => s * 1000;
  const step = 3 * tStage + 2 * tConvStage + tEval;
  const p = `pde profile N=${N}`;
  return [
    {
      name: `${p}: stage pass (x+y fluxes, limiter, update) ×3, ${ws.mem.active ? 'WebAssembly' : 'JavaScript'}`,
      value: ms(tStage),
      unit: 'ms each',
    },
    { name: `${p}: the same pass in the JavaScript rows`, value: ms(tStageJs), unit: 'ms' },
    { name: `${p}:   of which x-faces (limiter + upwind fluxes)`, value: ms(tX), unit: 'ms' },
    { name: `${p}:   of which y-faces (limiter + upwind fluxes)`, value: ms(tY), unit: 'ms' },
    { name: `${p}:   of which row update (a·u0 + b·s + c·L, κ, min/max)`, value: ms(tW), unit: 'ms' },
    { name: `${p}: inner-stage ξ (banded FFT convolution) ×2`, value: ms(tConvStage), unit: 'ms each' },
    { name: `${p}: candidate ξ + energy/speed pass ×1`, value: ms(tEval), unit: 'ms' },
    { name: `${p}: sum = one step`, value: ms(step), unit: 'ms' },
    { name: `${p}: unbanded real FFT pair (floor of a full solve)`, value: ms(tFull), unit: 'ms' },
  ];
}
