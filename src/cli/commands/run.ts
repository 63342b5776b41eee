import { createSideBySide } from '../../model/compare/sideBySide';
import { createSystem } from '../../model/dynamics/createSystem';
import { createStepper, type IntegratorOptions, integrate } from '../../model/integrate';
import { particlesJson, type RunSetup } from '../setup';
import { initialPde, type PdeRunOptions } from './pde';

export interface RunOptions {
  T: number;
  integrator: IntegratorOptions;
  /** Co-evolve the PDE and report the H^{−2} distance series at `samples` equispaced times. */
  pde?: PdeRunOptions & { samples: number };
}

/** `run`: integrate the particles to T; positions wrapped to [0,1)², in input order. */
export function runCommand(setup: RunSetup, opts: RunOptions) {
  const { spec, field, config } = setup;
  const started = performance.now();
  const system = createSystem(spec, field, config.signs);
  if (!opts.pde) {
    const result = integrate(system, config.pos, opts.T, opts.integrator);
    return {
      T: opts.T,
      particles: particlesJson(result.pos, config.signs),
      energy: result.energy,
      steps: result.steps,
      rejected: result.rejected,
      wallSeconds: (performance.now() - started) / 1000,
    };
  }
  const pde = initialPde(setup, opts.pde);
  const stepper = createStepper(system, config.pos, opts.integrator);
  const both = createSideBySide(stepper, pde, config.signs);
  const samples = [both.sample()];
  for (let s = 1; s <= opts.pde.samples; s++) samples.push(both.advanceTo((opts.T * s) / opts.pde.samples));
  return {
    T: opts.T,
    particles: particlesJson(stepper.wrapped(), config.signs),
    energy: samples.map((x) => [x.t, x.particleEnergy]),
    steps: stepper.steps,
    rejected: stepper.rejected,
    distance: samples.map((x) => [x.t, x.dPlus, x.dMinus]),
    pdeEnergy: samples.map((x) => [x.t, x.continuumEnergy]),
    grid: opts.pde.grid,
    pdeDelta: pde.label,
    rhoPlus: Array.from(pde.rhoPlus),
    rhoMinus: Array.from(pde.rhoMinus),
    pdeSteps: pde.steps,
    wallSeconds: (performance.now() - started) / 1000,
  };
}
