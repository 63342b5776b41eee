/**
 * `velocities`, `run` and `pde` on the circle (`dimension: 1`, MATH §12): the same options and
 * output fields as in 2D where they apply; particles are `[x, b]`, velocities `[v]`, grids hold N
 * cell averages. `run` reports the 1D regime lines; with `--pde` both sides are sampled at
 * `--samples` equispaced times (H⁻² distance, both energies).
 */
import { createRunStepper } from '../../model/noise/runStepper';
import { Pde1d } from '../../model/oneD/pde1d';
import { classifyRegime1d, regimeLines1d } from '../../model/oneD/regime1d';
import { hMinusDistance1d } from '../../model/oneD/sobolev1d';
import { createSystem1d, project1d } from '../../model/oneD/system1d';
import { InputError } from '../input';
import { particlesJson, type RunSetup } from '../setup';
import type { PdeRunOptions } from './pde';
import type { RunOptions } from './run';

function system(setup: RunSetup) {
  const { spec, field, config } = setup;
  try {
    return createSystem1d(spec.core, spec.delta, field, config.signs);
  } catch (e) {
    throw new InputError('delta', (e as Error).message.replace(/^delta: /, ''));
  }
}

export function velocities1dCommand(setup: RunSetup) {
  const sys = system(setup);
  const v = new Float64Array(setup.config.pos.length);
  sys.velocities(setup.config.pos, v);
  return {
    velocities: Array.from({ length: sys.n }, (_, i) => [v[2 * i]]),
    energy: sys.energy(setup.config.pos),
  };
}

function initialPde1d(setup: RunSetup, opts: PdeRunOptions): Pde1d {
  const d = setup.density?.(opts.grid);
  if (!d)
    throw new InputError(
      'density',
      'the input defines no initial density on this grid (add a "density" block or use a scenario)',
    );
  let mass = 0;
  for (let c = 0; c < opts.grid; c++) mass += (d.rhoPlus[c] + d.rhoMinus[c]) / opts.grid;
  if (!(Math.abs(mass - 1) <= 1e-6)) throw new InputError('density', `∫(ρ+ + ρ−) must be 1, got ${mass}`);
  const { core } = setup.spec;
  return new Pde1d({
    core,
    delta: opts.delta,
    field: setup.field,
    N: opts.grid,
    rhoPlus: d.rhoPlus,
    rhoMinus: d.rhoMinus,
    temperature: setup.noise?.temperature ?? 0,
  });
}

export function run1dCommand(setup: RunSetup, opts: RunOptions) {
  const started = performance.now();
  const sys = system(setup);
  const { T } = opts;
  // A first trial step: the stepper's own estimate is ≤ 0.5/λ_δ, below its 1e-14 floor when
  // dipoles are as short as Thm 4.1 wants (λ_δ = 1/δ²); the error control takes it from here.
  const stepper = createRunStepper(
    sys,
    setup.config.pos,
    { h0: Math.min(1e-6, T / 100), ...opts.integrator },
    setup.noise,
  );
  const n = sys.n;
  const lambda = sys.kernel.lambda;
  const out: Record<string, unknown> = {};
  const energy: Array<[number, number]> = [[0, stepper.energy()]];
  if (!opts.pde) {
    while (stepper.t < T) {
      stepper.stepToward(T);
      energy.push([stepper.t, stepper.energy()]);
    }
  } else {
    const pde = initialPde1d(setup, opts.pde);
    const distance: number[][] = [];
    const pdeEnergy: number[][] = [];
    const pdeFreeEnergy: number[][] = [];
    const sample = (t: number) => {
      const d = hMinusDistance1d(project1d(stepper.unwrapped), sys.signs, pde.rp, pde.rm);
      distance.push([t, d.plus, d.minus]);
      pdeEnergy.push([t, pde.energy()]);
      pdeFreeEnergy.push([t, pde.energy() + pde.temperature * pde.entropy()]);
    };
    sample(0);
    for (let k = 1; k <= opts.pde.samples; k++) {
      const t = k === opts.pde.samples ? T : (k * T) / opts.pde.samples;
      stepper.advanceTo(t);
      pde.advanceTo(t);
      energy.push([t, stepper.energy()]);
      sample(t);
    }
    const last = distance[distance.length - 1];
    Object.assign(out, {
      grid: pde.N,
      pdeDelta: pde.delta === 0 ? `δ → 0 (grid resolution 1/${pde.N})` : `δ = ${pde.delta}`,
      pdeSteps: pde.steps,
      measures: {
        d_plus: last[1],
        d_minus: last[2],
        energy_particles: stepper.energy(),
        energy_pde: pde.energy(),
      },
      distance,
      pdeEnergy,
      // MATH §13: with noise the PDE's monotone quantity is F = E + θ∫ρ±logρ±
      ...(pde.temperature > 0 ? { pdeFreeEnergy } : {}),
      rhoPlus: Array.from(pde.rp),
      rhoMinus: Array.from(pde.rm),
    });
  }
  return {
    dimension: 1,
    T,
    steps: stepper.steps,
    rejected: stepper.rejected,
    regime: { lambda, kind: classifyRegime1d(n, setup.spec.delta, T), lines: regimeLines1d(n, T) },
    wallSeconds: (performance.now() - started) / 1000,
    ...out,
    particles: particlesJson(stepper.wrapped(), sys.signs, 1),
    energy,
  };
}

export function pde1dCommand(setup: RunSetup, opts: PdeRunOptions) {
  const started = performance.now();
  const pde = initialPde1d(setup, opts);
  const energy: Array<[number, number]> = [[0, pde.energy()]];
  while (pde.t < opts.T) {
    pde.step(opts.T - pde.t);
    energy.push([pde.t, pde.energy()]);
  }
  const theta = pde.temperature;
  return {
    dimension: 1,
    grid: opts.grid,
    T: opts.T,
    rhoPlus: Array.from(pde.rp),
    rhoMinus: Array.from(pde.rm),
    energy,
    // MATH §13: with noise, F = E + θ∫ρ±logρ± at T (cell width 1/N)
    ...(theta > 0 ? { temperature: theta, freeEnergy: pde.energy() + theta * pde.entropy() } : {}),
    mass: pde.masses(),
    minRho: pde.minRho(),
    steps: pde.steps,
    wallSeconds: (performance.now() - started) / 1000,
  };
}
