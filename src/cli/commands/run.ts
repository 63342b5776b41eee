import type { ComparisonSample } from '../../model/compare/sideBySide';
import { dipoleStatistics } from '../../model/diagnostics/dipoles';
import { classifyRegime } from '../../model/diagnostics/regime';
import type { Wavevector } from '../../model/diagnostics/runMeasures';
import type { IntegratorOptions } from '../../model/integrate';
import { type Measures, measureRun } from '../../model/study/measures';
import { type RunOutcome, simulate } from '../../model/study/simulate';
import { InputError } from '../input';
import type { RunSelection } from '../runFields';
import { particlesJson, type RunSetup } from '../setup';
import type { Watch } from '../watch';
import { initialPde, type PdeRunOptions } from './pde';

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
  watch?: Watch;
}

export interface ExecutedRun {
  outcome: RunOutcome;
  measures: Measures;
  /** PDE runs with `series`: both sides at t = 0 and each sample time. */
  samples: ComparisonSample[];
  wallSeconds: number;
}

/**
 * One run and its measures: what `run` reports and what a sweep row holds (the same function, so
 * a row and `run` of its link agree bit for bit). `series` only adds reading the states at the
 * sample times, never a step.
 */
export function executeRun(setup: RunSetup, opts: RunOptions, series: boolean): ExecutedRun {
  // the 2D measures would silently read the circle as the slip system's line x₂ = 0
  if (setup.dimension === 1)
    throw new InputError('dimension', 'studies (sweep) do not run 1D scenarios yet; use run');
  const started = performance.now();
  const watch = opts.watch;
  const samples: ComparisonSample[] = [];
  const outcome = simulate(setup, {
    T: opts.T,
    integrator: opts.integrator,
    pde: opts.pde ? { solver: initialPde(setup, opts.pde), samples: opts.pde.samples } : undefined,
    stopEvery: opts.stopEvery,
    observe: watch && {
      particles: (t) => watch.at('particles', t),
      pde: (t) => watch.at('pde', t),
    },
    onSample: series ? (s) => samples.push(s) : undefined,
  });
  const measures = measureRun(outcome, setup.spec.geometry, opts.modes);
  const wallSeconds = (performance.now() - started) / 1000;
  measures.wall_s = wallSeconds;
  return { outcome, measures, samples, wallSeconds };
}

function pick(measures: Measures, names: readonly string[], link: string | undefined): Measures {
  const out: Measures = {};
  for (const name of names) {
    const v = name === 'link' ? link : measures[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** `run`: integrate to T (with the PDE alongside); positions wrapped to [0,1)², in input order. */
export function runCommand(setup: RunSetup, opts: RunOptions, selection: RunSelection, link?: string) {
  const { spec, config } = setup;
  const wants = (g: string) => selection.groups.has(g);
  const { outcome: r, measures, samples, wallSeconds } = executeRun(setup, opts, wants('series'));
  const c = classifyRegime({
    geometry: spec.geometry,
    n: r.signs.length,
    delta: r.delta,
    T: r.T,
    lambda: r.lambda,
  });
  // MATH §6–8: where (n, δ, T) sits, with λ_δ and exp(3λ_δT)·n^{−1/2}
  const regime = {
    lambda: r.lambda,
    // absent when it overflows a double (log10Criterion always holds it)
    criterion: Number.isFinite(c.criterion) ? c.criterion : undefined,
    log10Criterion: c.log10Criterion,
    kind: c.kind,
    label: c.label,
    lines: c.lines,
  };
  const out: Record<string, unknown> = { T: r.T, steps: r.steps, rejected: r.rejected, regime, wallSeconds };
  if (r.pde)
    Object.assign(out, { grid: r.pde.solver.N, pdeDelta: r.pde.solver.label, pdeSteps: r.pde.solver.steps });
  else {
    // the app's dipole statistics (threshold min(3δ, ¼n^{−1/2})); the measures hold the study's
    const dip = dipoleStatistics({ pos: r.pos, signs: r.signs }, spec.delta, { bins: 1 });
    Object.assign(out, { boundFraction: dip.boundFraction, medianNearestOpposite: dip.median });
  }
  out.measures = pick(measures, selection.measures, link);
  if (wants('particles')) out.particles = particlesJson(r.pos, r.signs);
  if (wants('initial_particles')) out.initialParticles = particlesJson(config.pos, config.signs);
  if (wants('series')) {
    if (!r.pde) out.energy = r.energySteps;
    else
      Object.assign(out, {
        energy: samples.map((x) => [x.t, x.particleEnergy]),
        distance: samples.map((x) => [x.t, x.dPlus, x.dMinus]),
        pdeEnergy: samples.map((x) => [x.t, x.continuumEnergy]),
        entropy: samples.map((x) => [x.t, x.entropy]),
        boundFraction: samples.map((x) => [x.t, x.boundFraction]),
        medianNearestOpposite: samples.map((x) => [x.t, x.medianNearestOpposite]),
      });
  }
  if (wants('grids') && r.pde)
    Object.assign(out, {
      rhoPlus: Array.from(r.pde.solver.rhoPlus),
      rhoMinus: Array.from(r.pde.solver.rhoMinus),
    });
  return out;
}
