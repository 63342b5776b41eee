import { describe, expect, it } from 'vitest';
import { pdeThreadPays, simulateWithPdeThread } from '../../src/cli/pdeThread';
import { decodeScenario } from '../../src/model/scenario/codec';
import {
  type ExecutedRun,
  executeRun,
  initialPdeOptions,
  type RunOptions,
  scenarioSetup,
  startRun,
} from '../../src/model/study/execute';

/** The setup and run options `run --in <link> --T T --pde --grid grid` makes. */
function runOf(link: string, T: number, grid: number, samples: number, watch?: RunOptions['watch']) {
  const r = decodeScenario(link);
  if (!r.ok) throw new Error(r.error.message);
  const setup = scenarioSetup(r.scenario);
  const opts: RunOptions = {
    T,
    integrator: { method: 'auto', rtol: 1e-6, atol: 1e-9 },
    pde: { T, grid, delta: setup.spec.delta, samples },
    modes: [[1, 0]],
    watch,
  };
  return { setup, opts };
}

async function threaded(setup: ReturnType<typeof runOf>['setup'], opts: RunOptions): Promise<ExecutedRun> {
  if (!opts.pde) throw new Error('needs a PDE');
  const run = startRun(setup, opts, true);
  const options = initialPdeOptions(setup, opts.pde);
  return run.finish(await simulateWithPdeThread(setup, run.plan, { options, samples: opts.pde.samples }));
}

/** Everything a run reports, without its wall time. */
function numbers(e: ExecutedRun) {
  const { wall_s: _, ...measures } = e.measures;
  const o = e.outcome;
  const pde = o.pde;
  if (!pde) throw new Error('no PDE in the outcome');
  return {
    measures,
    samples: e.samples,
    pos: Array.from(o.pos),
    steps: o.steps,
    rejected: o.rejected,
    energy: [o.energy0, o.energy],
    pde: {
      N: pde.solver.N,
      label: pde.solver.label,
      steps: pde.solver.steps,
      rejected: pde.solver.rejected,
      energy: pde.solver.energy(),
      energy0: pde.energy0,
      rhoPlus: Array.from(pde.solver.rhoPlus),
      rhoMinus: Array.from(pde.solver.rhoMinus),
      rho0: Array.from(pde.rho0.rhoPlus),
    },
  };
}

describe('run --pde with the PDE on its own thread', () => {
  it('reports the serial run bit for bit: samples, measures, particles and the PDE state at T', async () => {
    for (const [link, grid] of [
      ['v1&n=300&d=0.003&samp=iid&U=1,1,0,0', 32],
      ['v1&g=slip&n=128&d=0.01&samp=iid&prk=ssp43', 32],
      ['v1&n=200&d=0.005&samp=iid&th=0.001', 16],
    ] as const) {
      const { setup, opts } = runOf(link, 0.03, grid, 6);
      const serial = numbers(executeRun(setup, opts, true));
      const thread = numbers(await threaded(setup, opts));
      expect(thread.samples).toHaveLength(7);
      // the run moved both sides (so equality is not that of two untouched states)
      expect(serial.steps).toBeGreaterThan(3);
      expect(serial.pde.steps).toBeGreaterThan(3);
      expect(thread).toEqual(serial);
    }
  }, 60_000);

  it('shows both clocks to the watch while the particles step and while it waits for the PDE', async () => {
    const seen = new Map<string, number>();
    const watch = { at: (name: string, t: number) => seen.set(name, Math.max(seen.get(name) ?? 0, t)) };
    const { setup, opts } = runOf('v1&n=300&d=0.003&samp=iid&U=1,1,0,0', 0.03, 64, 3, watch);
    await threaded(setup, opts);
    expect(seen.get('particles')).toBe(0.03);
    expect(seen.get('pde')).toBeGreaterThan(0);
  }, 60_000);

  it('a watch that stops the run (--max-wall) stops it with its own error', async () => {
    let calls = 0;
    const watch = {
      at: () => {
        if (++calls > 5) throw new Error('max-wall: stopped');
      },
    };
    const { setup, opts } = runOf('v1&n=300&d=0.003&samp=iid&U=1,1,0,0', 0.03, 32, 3, watch);
    await expect(threaded(setup, opts)).rejects.toThrow(/max-wall: stopped/);
  }, 60_000);

  it('a PDE that cannot be built fails the run with the solver message', async () => {
    const { setup, opts } = runOf('v1&n=100&d=0.01&samp=iid', 0.01, 32, 2);
    if (!opts.pde) throw new Error('needs a PDE');
    const run = startRun(setup, opts, true);
    const options = {
      ...initialPdeOptions(setup, opts.pde),
      N: 30,
      rhoPlus: new Float64Array(900),
      rhoMinus: new Float64Array(900),
    };
    await expect(simulateWithPdeThread(setup, run.plan, { options, samples: 2 })).rejects.toThrow(
      /power of two|N/,
    );
  }, 60_000);

  it('is used only where there is a core for it', () => {
    expect(pdeThreadPays(2)).toBe(true);
    expect(pdeThreadPays(1)).toBe(false);
  });
});
