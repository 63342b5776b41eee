/**
 * One study run from its link: the setup a scenario defines, the options a study gives it, the
 * run and its measures. The CLI's `run` (executeRun), its `sweep` rows and the app's Study panel
 * (runStudyJob, in worker threads or Web Workers) call these same functions, so a row computed in
 * the app is the CLI's row of the same link bit for bit.
 */
import { CHECKPOINTS_PER_T, checkpointInterval } from '../checkpoints';
import type { ComparisonSample } from '../compare/sideBySide';
import type { Wavevector } from '../diagnostics/runMeasures';
import { cellAverages } from '../init/cellAverages';
import type { IntegratorOptions } from '../integrate';
import type { RunNoise } from '../noise/runStepper';
import { createPdeSolver, type PdeOptions, type PdeSolver } from '../pde/solver';
import { decodeScenario } from '../scenario/codec';
import { resolveDelta, resolvePdeDelta } from '../scenario/delta';
import { initialConfiguration, initialDensity } from '../scenario/initial';
import { resolveNoise } from '../scenario/noise';
import { fail } from '../scenario/read';
import type { PdeScheme, Scenario } from '../scenario/types';
import type { Configuration, ExternalField, InteractionSpec } from '../types';
import type { StudyRunOptions } from './definition';
import { type Measures, measureRun } from './measures';
import { runStudyJob1d } from './oneD';
import { type RunOutcome, type RunPlan, simulate } from './simulate';

/** What every run needs, whatever the input format (a scenario, or the CLI's explicit cfg). */
export interface RunSetup {
  spec: InteractionSpec;
  field: ExternalField;
  config: Configuration;
  scenario?: Scenario;
  /** Initial PDE cell averages on `grid`, when the input defines them. */
  density?: (grid: number) => { rhoPlus: Float64Array; rhoMinus: Float64Array } | undefined;
  densityGrid?: number;
  /** 1: the circle (positions interleaved with x₂ = 0, MATH §12). */
  dimension?: 1;
  /** Noise of the particles and the PDE (MATH §13); absent: θ = 0. */
  noise?: RunNoise;
}

export function scenarioSetup(s: Scenario): RunSetup {
  const spec: InteractionSpec = { geometry: s.geometry, core: s.core, delta: resolveDelta(s) };
  const densitySpec = initialDensity(s);
  return {
    spec,
    field: s.field,
    config: initialConfiguration(s),
    scenario: s,
    densityGrid: s.pde.grid,
    density: (grid) => cellAverages(densitySpec, grid),
    ...noiseOf(s),
  };
}

/** `{noise}` when the scenario has θ > 0, else nothing (so noiseless setups are as before). */
export function noiseOf(s: Scenario): { noise?: RunNoise } {
  const noise = resolveNoise(s);
  return noise.temperature > 0 ? { noise } : {};
}

export interface PdeRunOptions {
  T: number;
  grid: number;
  /** δ of the PDE: the particles' δ, a number, or 'limit' (δ → 0 at grid resolution). */
  delta: number | 'limit';
  /** Time scheme (absent: SSP-RK3). */
  rk?: PdeScheme;
}

/** The PDE solver at its initial state (initialPdeOptions). */
export function initialPde(setup: RunSetup, opts: PdeRunOptions): PdeSolver {
  return createPdeSolver(initialPdeOptions(setup, opts));
}

/** The PDE's options, its initial cell averages checked: present on this grid and of total mass 1. */
export function initialPdeOptions(setup: RunSetup, opts: PdeRunOptions): PdeOptions {
  const grid = opts.grid;
  if (setup.densityGrid !== undefined && setup.scenario === undefined && setup.densityGrid !== grid)
    fail('grid', `--grid ${grid} differs from density.grid = ${setup.densityGrid} in the input`);
  const d = setup.density?.(grid);
  if (!d) fail('density', 'the input defines no initial density (add a "density" block or use a scenario)');
  let mass = 0;
  for (let i = 0; i < d.rhoPlus.length; i++) mass += d.rhoPlus[i] + d.rhoMinus[i];
  mass /= grid * grid;
  // written so that a NaN mass (a non-finite density) fails too
  if (!(Math.abs(mass - 1) <= 1e-6)) fail('density', `∫(ρ+ + ρ−) must be 1, got ${mass}`);
  return {
    geometry: setup.spec.geometry,
    core: setup.spec.core,
    delta: opts.delta,
    field: setup.field,
    N: grid,
    rk: opts.rk,
    rhoPlus: d.rhoPlus,
    rhoMinus: d.rhoMinus,
    temperature: setup.noise?.temperature,
  };
}

/** Told the time each clock (particles, pde) has reached after every step; may throw to stop. */
export interface RunWatch {
  at(name: string, t: number): void;
}

export interface RunOptions {
  T: number;
  integrator: IntegratorOptions;
  /** Co-evolve the PDE and report the H^{−2} distance series at `samples` equispaced times. */
  pde?: PdeRunOptions & { samples: number };
  /** End steps exactly on this grid too (the app's checkpoints: `--replay`). */
  stopEvery?: number;
  /** Wave vectors of the reported κ̂ modes. */
  modes: readonly Wavevector[];
  /** Progress and wall-clock limit. */
  watch?: RunWatch;
}

export interface ExecutedRun {
  outcome: RunOutcome;
  measures: Measures;
  /** PDE runs with `series`: both sides at t = 0 and each sample time. */
  samples: ComparisonSample[];
  wallSeconds: number;
}

/**
 * One run and its measures: what `run` reports and what a study row holds (the same function, so
 * a row and `run` of its link agree bit for bit). `series` only adds reading the states at the
 * sample times, never a step.
 */
export function executeRun(setup: RunSetup, opts: RunOptions, series: boolean): ExecutedRun {
  const run = startRun(setup, opts, series);
  const pde = opts.pde ? { solver: initialPde(setup, opts.pde), samples: opts.pde.samples } : undefined;
  return run.finish(simulate(setup, { ...run.plan, pde }));
}

/**
 * The parts of executeRun around the simulation, for a caller that simulates another way (the
 * CLI's run with the PDE on its own thread): the plan without its PDE, and finish(outcome) giving
 * the measures and the wall time from this call on.
 */
export function startRun(setup: RunSetup, opts: RunOptions, series: boolean) {
  if (setup.dimension === 1) refuse1d();
  const started = performance.now();
  const watch = opts.watch;
  const samples: ComparisonSample[] = [];
  const plan: Omit<RunPlan, 'pde'> = {
    T: opts.T,
    integrator: opts.integrator,
    stopEvery: opts.stopEvery,
    observe: watch && {
      particles: (t) => watch.at('particles', t),
      pde: (t) => watch.at('pde', t),
    },
    onSample: series ? (s) => samples.push(s) : undefined,
  };
  const finish = (outcome: RunOutcome): ExecutedRun => {
    const measures = measureRun(outcome, setup.spec.geometry, opts.modes, setup.spec.core);
    const wallSeconds = (performance.now() - started) / 1000;
    measures.wall_s = wallSeconds;
    return { outcome, measures, samples, wallSeconds };
  };
  return { plan, finish };
}

/** The 2D measures would silently read the circle as the slip system's line x₂ = 0 (1D rows: oneD.ts). */
function refuse1d(): never {
  return fail(
    'dimension',
    'executeRun takes 2D setups; the circle runs through runStudyJob1d (study/oneD.ts)',
  );
}

/** With replay and a PDE the sample times must lie on the checkpoint grid (K = T/h steps of it). */
export function checkReplaySamples(K: number, samples: number): void {
  if (K % samples !== 0)
    fail(
      'samples',
      `with --replay --pde, samples must divide T/(scenario T/200) = ${K} (sample times on the checkpoint grid)`,
    );
}

/** How a study runs a scenario: its own T, grid, PDE δ and integrator, the study's run options. */
export function studyRunOptions(s: Scenario, run: StudyRunOptions, watch?: RunWatch): RunOptions {
  const pde = run.pde
    ? { T: s.T, grid: s.pde.grid, delta: resolvePdeDelta(s), rk: s.pde.rk, samples: run.samples }
    : undefined;
  if (run.replay && pde) checkReplaySamples(CHECKPOINTS_PER_T, pde.samples);
  return {
    pde,
    T: s.T,
    stopEvery: run.replay ? checkpointInterval(s) : undefined,
    integrator: { method: s.integrator.method, rtol: s.integrator.rtol, atol: s.integrator.atol },
    modes: run.modes,
    watch,
  };
}

/** One study run: its link (canonical, as expandStudy makes it) and how it is run. */
export interface StudyJob {
  index: number;
  link: string;
  run: StudyRunOptions;
}

/**
 * The measures of a study job; throws the model's errors (Invalid for a bad link, Error for a
 * failed computation or a non-finite measure). `watch(T)` may stop the run by throwing.
 */
export function runStudyJob(job: StudyJob, watch?: (T: number) => RunWatch | undefined): Measures {
  const r = decodeScenario(job.link);
  if (!r.ok) fail(r.error.field, r.error.message);
  const s = r.scenario;
  const measures =
    s.dimension === 1
      ? runStudyJob1d(s, job.run, watch?.(s.T))
      : executeRun(scenarioSetup(s), studyRunOptions(s, job.run, watch?.(s.T)), false).measures;
  for (const [name, v] of Object.entries(measures))
    if (typeof v === 'number' && !Number.isFinite(v))
      throw new Error(
        `result: ${name} = ${v} (the computation left the range of doubles; no result written)`,
      );
  return measures;
}
