import { dipoleStatistics } from '../../model/diagnostics/dipoles';
import { classifyRegime } from '../../model/diagnostics/regime';
import { dipoleBreakFactor } from '../../model/noise/dipoles';
import { noiseStepSize } from '../../model/noise/stepper';
import {
  type ExecutedRun,
  executeRun,
  initialPdeOptions,
  type RunOptions,
  startRun,
} from '../../model/study/execute';
import type { Measures } from '../../model/study/measures';
import { pdeThreadPays, simulateWithPdeThread } from '../pdeThread';
import type { RunSelection } from '../runFields';
import { particlesJson, type RunSetup } from '../setup';
import { fastSumHelperFor, threadsUsed } from '../threads';

export { executeRun, type RunOptions };

function pick(measures: Measures, names: readonly string[], link: string | undefined): Measures {
  const out: Measures = {};
  for (const name of names) {
    const v = name === 'link' ? link : measures[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}

function usesPdeThread(opts: RunOptions): boolean {
  return opts.pde !== undefined && !opts.stopEvery && pdeThreadPays();
}

/**
 * executeRun, with the PDE on its own thread when there is a core for it (pdeThreadPays) and the
 * run has no checkpoint grid (--replay steps both sides on it, as the app does): same numbers.
 */
export async function executeRunThreaded(
  setup: RunSetup,
  opts: RunOptions,
  series: boolean,
): Promise<ExecutedRun> {
  fastSumHelperFor(setup.config.signs.length);
  if (!opts.pde || !usesPdeThread(opts)) return executeRun(setup, opts, series);
  const run = startRun(setup, opts, series);
  const options = initialPdeOptions(setup, opts.pde);
  return run.finish(await simulateWithPdeThread(setup, run.plan, { options, samples: opts.pde.samples }));
}

/** `run`: integrate to T (with the PDE alongside); positions wrapped to [0,1)², in input order. */
export async function runCommand(setup: RunSetup, opts: RunOptions, selection: RunSelection, link?: string) {
  const { spec, config } = setup;
  const wants = (g: string) => selection.groups.has(g);
  const {
    outcome: r,
    measures,
    samples,
    wallSeconds,
  } = await executeRunThreaded(setup, opts, wants('series'));
  const theta = setup.noise?.temperature ?? 0;
  const c = classifyRegime({
    geometry: spec.geometry,
    n: r.signs.length,
    delta: r.delta,
    T: r.T,
    lambda: r.lambda,
    core: spec.core,
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
  const threads = threadsUsed(r.signs.length, opts.pde ? usesPdeThread(opts) : undefined);
  const out: Record<string, unknown> = {
    T: r.T,
    steps: r.steps,
    rejected: r.rejected,
    regime,
    wallSeconds,
    threads,
  };
  if (setup.noise) {
    // MATH §13: the noise grid step and the Arrhenius factor of a dipole of width δ breaking
    const n = r.signs.length;
    const { temperature, seed } = setup.noise;
    out.noise = {
      temperature,
      seed,
      dt: noiseStepSize(n, temperature),
      dipoleBreakFactor: dipoleBreakFactor(n, temperature, spec.delta).factor, // the torus: ℓ = n^−½, d = 2
    };
  }
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
        // MATH §13: with noise the PDE's monotone quantity is F = E + θ∫ρ±logρ±
        ...(theta > 0
          ? { pdeFreeEnergy: samples.map((x) => [x.t, x.continuumEnergy + theta * x.entropy]) }
          : {}),
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
