import { createSideBySide } from '../../model/compare/sideBySide';
import { dipoleStatistics } from '../../model/diagnostics/dipoles';
import { classifyRegime } from '../../model/diagnostics/regime';
import { createSystem } from '../../model/dynamics/createSystem';
import { createStepper, type IntegratorOptions, integrate } from '../../model/integrate';
import { particlesJson, type RunSetup } from '../setup';
import { type Watch, watchedPde, watchedStepper } from '../watch';
import { assertPdeReached, initialPde, type PdeRunOptions } from './pde';

export interface RunOptions {
  T: number;
  integrator: IntegratorOptions;
  /** Co-evolve the PDE and report the H^{−2} distance series at `samples` equispaced times. */
  pde?: PdeRunOptions & { samples: number };
  /** End steps exactly on this grid too (the app's checkpoints: `--replay`). */
  stopEvery?: number;
  /** Progress and wall-clock limit. */
  watch?: Watch;
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
  // MATH §6–8: where (n, δ, T) sits, with λ_δ and exp(3λ_δT)·n^{−1/2}
  const regime = {
    lambda: system.kernel.lambda,
    // absent when it overflows a double (log10Criterion always holds it)
    criterion: Number.isFinite(r.criterion) ? r.criterion : undefined,
    log10Criterion: r.log10Criterion,
    kind: r.kind,
    label: r.label,
    lines: r.lines,
  };
  if (!opts.pde) {
    const watch = opts.watch;
    const onStep = watch ? (t: number) => watch.at('particles', t) : undefined;
    const result = integrate(system, config.pos, opts.T, opts.integrator, onStep, opts.stopEvery);
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
  const watch = opts.watch;
  const both = createSideBySide(
    watch ? watchedStepper(stepper, (t) => watch.at('particles', t)) : stepper,
    watch ? watchedPde(pde, (t) => watch.at('pde', t)) : pde,
    config.signs,
    spec.delta,
    opts.stopEvery,
  );
  const samples = [both.sample()];
  for (let s = 1; s <= opts.pde.samples; s++) {
    const t = (opts.T * s) / opts.pde.samples;
    samples.push(both.advanceTo(t));
    assertPdeReached(pde, t);
  }
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
