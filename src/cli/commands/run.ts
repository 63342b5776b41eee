import { createSideBySide } from '../../model/compare/sideBySide';
import { dipoleStatistics } from '../../model/diagnostics/dipoles';
import { classifyRegime } from '../../model/diagnostics/regime';
import { createSystem } from '../../model/dynamics/createSystem';
import { createStepper, type IntegratorOptions, integrate } from '../../model/integrate';
import { particlesJson, type RunSetup } from '../setup';
import { initialPde, type PdeRunOptions } from './pde';

export interface RunOptions {
  T: number;
  integrator: IntegratorOptions;
  /** Co-evolve the PDE and report the H^{−2} distance series at `samples` equispaced times. */
  pde?: PdeRunOptions & { samples: number };
  /** End steps exactly on this grid too (the app's checkpoints: `--replay`). */
  stopEvery?: number;
}

/** `run`: integrate the particles to T; positions wrapped to [0,1)², in input order. */
export function runCommand(setup: RunSetup, opts: RunOptions) {
  const { spec, field, config } = setup;
  const started = performance.now();
  const system = createSystem(spec, field, config.signs);
  const r = classifyRegime({
    geometry: spec.geometry,
    n: config.signs.length,
    delta: spec.delta,
    T: opts.T,
    lambda: system.kernel.lambda,
  });
  // MATH §6–8: where (n, δ, T) sits, with λ_δ and exp(3λ_δT)·n^{−1/2} (null when it overflows)
  const regime = {
    lambda: system.kernel.lambda,
    criterion: Number.isFinite(r.criterion) ? r.criterion : null,
    log10Criterion: r.log10Criterion,
    kind: r.kind,
    label: r.label,
    lines: r.lines,
  };
  if (!opts.pde) {
    const result = integrate(system, config.pos, opts.T, opts.integrator, undefined, opts.stopEvery);
    const dip = dipoleStatistics({ pos: result.pos, signs: config.signs }, spec.delta, { bins: 1 });
    return {
      T: opts.T,
      particles: particlesJson(result.pos, config.signs),
      energy: result.energy,
      steps: result.steps,
      rejected: result.rejected,
      regime,
      boundFraction: dip.boundFraction,
      medianNearestOpposite: dip.median,
      wallSeconds: (performance.now() - started) / 1000,
    };
  }
  const pde = initialPde(setup, opts.pde);
  const stepper = createStepper(system, config.pos, opts.integrator);
  const both = createSideBySide(stepper, pde, config.signs, spec.delta, opts.stopEvery);
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
    entropy: samples.map((x) => [x.t, x.entropy]),
    boundFraction: samples.map((x) => [x.t, x.boundFraction]),
    medianNearestOpposite: samples.map((x) => [x.t, x.medianNearestOpposite]),
    regime,
    grid: opts.pde.grid,
    pdeDelta: pde.label,
    rhoPlus: Array.from(pde.rhoPlus),
    rhoMinus: Array.from(pde.rhoMinus),
    pdeSteps: pde.steps,
    wallSeconds: (performance.now() - started) / 1000,
  };
}
