/**
 * One run to T, as `run` does it and every study row does it: the particles alone (steps straight
 * to T, or on the checkpoint grid with `stopEvery`), or side by side with a PDE, both sides ending
 * steps at the `samples` equispaced sample times. Sampling the diagnostics there reads the states
 * only, so a run with and without them takes the same steps: a study row and `run` of its link
 * agree bit for bit.
 */
import { CheckpointClock } from '../checkpoints';
import { type ComparisonSample, createSideBySide } from '../compare/sideBySide';
import { createSystem } from '../dynamics/createSystem';
import { type IntegratorOptions, integrateWith, type Stepper } from '../integrate';
import { makeKernel } from '../kernels';
import type { PairKernel } from '../kernels/pairKernel';
import { createRunStepper, type RunNoise } from '../noise/runStepper';
import type { PdeSolver } from '../pde/solver';
import { pdeStepping } from '../pde/stepping';
import type { Configuration, ExternalField, InteractionSpec } from '../types';
import { assertPdeReached, observedPde, observedStepper } from './observe';

export { assertPdeReached };

export interface RunInput {
  spec: InteractionSpec;
  field: ExternalField;
  config: Configuration;
  /** Noise (MATH §13); absent or θ = 0: the deterministic dynamics. */
  noise?: RunNoise;
}

export interface RunPlan {
  T: number;
  integrator: IntegratorOptions;
  /** Co-evolve this solver (at its initial state), sampled at `samples` equispaced times. */
  pde?: { solver: PdeSolver; samples: number };
  /** End steps on the grid k·stopEvery too (the app's checkpoints: `run --replay`). */
  stopEvery?: number;
  /** Told the time after every step of each side (progress, wall-clock limits). */
  observe?: { particles?: (t: number) => void; pde?: (t: number) => void };
  /** PDE runs: both sides compared at t = 0 and at each sample time. */
  onSample?: (s: ComparisonSample) => void;
}

export interface RunOutcome {
  T: number;
  signs: Int8Array;
  /** Initial positions (in [0,1)²), positions at T wrapped to [0,1)², and unwrapped. */
  pos0: Float64Array;
  pos: Float64Array;
  unwrapped: Float64Array;
  /** The particles' δ and λ_δ = ‖D²V_δ‖∞ (MATH §2). */
  delta: number;
  lambda: number;
  /** E_n at t = 0 and at T. */
  energy0: number;
  energy: number;
  steps: number;
  rejected: number;
  /** Runs without a PDE: (t, E_n) at t = 0 and after every accepted step. */
  energySteps?: Array<[number, number]>;
  /** PDE runs: the solver at T (or its final state, from a PDE thread) and its initial state. */
  pde?: { solver: PdeFinal; rho0: { rhoPlus: Float64Array; rhoMinus: Float64Array }; energy0: number };
}

/** What a run reports of its PDE at T: a solver, or the same numbers sent by a PDE thread. */
export type PdeFinal = Pick<
  PdeSolver,
  'N' | 'label' | 'steps' | 'rejected' | 'delta' | 'rhoPlus' | 'rhoMinus' | 'energy'
>;

/**
 * Kernels of the last few (geometry, core, δ): building one costs 0.05–0.7 s, the runs of a study
 * often share δ (seeds, n ladders at fixed δ), and a kernel holds no state between calls (its
 * tables are fixed at construction), so reusing it changes no bit.
 */
const kernels = new Map<string, PairKernel>();
const KEPT_KERNELS = 4;

function kernelFor(spec: InteractionSpec): PairKernel {
  const key = `${spec.geometry}|${spec.core}|${spec.delta}`;
  let k = kernels.get(key);
  if (k) kernels.delete(key);
  else k = makeKernel(spec);
  kernels.set(key, k); // most recently used last
  if (kernels.size > KEPT_KERNELS) kernels.delete(kernels.keys().next().value as string);
  return k;
}

/**
 * The particle side of a run as simulate makes it: its stepper (the kernel from the cache) and the
 * outcome's fields that do not depend on the steps.
 */
export function particleSide(input: RunInput, plan: Pick<RunPlan, 'T' | 'integrator'>) {
  const { spec, field, config } = input;
  const system = createSystem(spec, field, config.signs, kernelFor(spec));
  const makeStepper = () => createRunStepper(system, config.pos, plan.integrator, input.noise);
  const common = {
    T: plan.T,
    signs: config.signs,
    pos0: config.pos,
    delta: spec.delta,
    lambda: system.kernel.lambda,
  };
  return { makeStepper, common };
}

export function simulate(input: RunInput, plan: RunPlan): RunOutcome {
  const { spec, config } = input;
  const { makeStepper, common } = particleSide(input, plan);
  const seeParticles = plan.observe?.particles;
  if (!plan.pde) {
    const onStep = seeParticles ? (t: number) => seeParticles(t) : undefined;
    const r = integrateWith(makeStepper(), plan.T, plan.integrator.maxSteps, onStep, plan.stopEvery);
    return {
      ...common,
      pos: r.pos,
      unwrapped: r.unwrapped,
      energy0: r.energy[0][1],
      energy: r.energy[r.energy.length - 1][1],
      steps: r.steps,
      rejected: r.rejected,
      energySteps: r.energy,
    };
  }
  const solver = plan.pde.solver;
  const rho0 = { rhoPlus: Float64Array.from(solver.rhoPlus), rhoMinus: Float64Array.from(solver.rhoMinus) };
  const pdeEnergy0 = solver.energy();
  const stepper = makeStepper();
  const energy0 = stepper.energy();
  const seePde = plan.observe?.pde;
  const particles = seeParticles ? observedStepper(stepper, seeParticles) : stepper;
  const pde = seePde ? observedPde(solver, seePde) : solver;
  const advance = advancing(particles, pde, plan.stopEvery);
  const both = plan.onSample ? createSideBySide(particles, pde, config.signs, spec.delta) : undefined;
  if (both) plan.onSample?.(both.sample());
  for (let s = 1; s <= plan.pde.samples; s++) {
    const t = (plan.T * s) / plan.pde.samples;
    advance(t);
    assertPdeReached(solver, t);
    if (both) plan.onSample?.(both.sample());
  }
  return {
    ...common,
    pos: stepper.wrapped(),
    unwrapped: Float64Array.from(stepper.unwrapped),
    energy0,
    energy: stepper.energy(),
    steps: stepper.steps,
    rejected: stepper.rejected,
    pde: { solver, rho0, energy0: pdeEnergy0 },
  };
}

/**
 * Advances both sides to t as createSideBySide does: with `stopEvery` through one
 * CheckpointClock per side (the app workers' steps), else each side's own advanceTo.
 */
function advancing(stepper: Stepper, pde: PdeSolver, stopEvery: number | undefined): (t: number) => void {
  if (!stopEvery)
    return (t) => {
      stepper.advanceTo(t);
      pde.advanceTo(t);
    };
  const clocks = { particles: new CheckpointClock(stopEvery), pde: new CheckpointClock(stopEvery) };
  const pdeSteps = pdeStepping(pde);
  return (t) => {
    clocks.particles.run(stepper, t, Number.POSITIVE_INFINITY, () => {});
    clocks.pde.run(pdeSteps, t, Number.POSITIVE_INFINITY, () => {});
  };
}
