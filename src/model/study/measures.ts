/**
 * One run → its measures at T (fields.ts says what each one is): the numbers of a study row,
 * also reported by `run`. Everything is computed from the states at 0 and T, so it does not
 * depend on how the run was sampled on the way.
 */
import { nearestOppositeDistances } from '../diagnostics/dipoles';
import { classifyRegime } from '../diagnostics/regime';
import {
  BOUND_DELTA_FACTOR,
  BOUND_SPACING_FRACTION,
  displacementStats,
  finiteMedian,
  fractionBelow,
  gridChange,
  gridKappaModes,
  particleChange,
  particleKappaModes,
  type Wavevector,
} from '../diagnostics/runMeasures';
import { hMinusDistance } from '../diagnostics/sobolev';
import { resolveDelta } from '../scenario/delta';
import type { Scenario } from '../scenario/types';
import type { Configuration, CoreModel, Geometry } from '../types';
import type { RunOutcome } from './simulate';

/** Measure name → value (numbers, and the regime's kind as text). */
export type Measures = Record<string, number | string>;

/** The name stem of the columns of mode (p, q): `kappa_1_-2`. */
export function modeStem(mode: Wavevector, pde: boolean): string {
  return `kappa${pde ? '_pde' : ''}_${mode[0]}_${mode[1]}`;
}

function putModes(
  out: Measures,
  modes: readonly Wavevector[],
  values: { re: number; im: number }[],
  pde: boolean,
) {
  modes.forEach((mode, i) => {
    const stem = modeStem(mode, pde);
    out[`${stem}_re`] = values[i].re;
    out[`${stem}_im`] = values[i].im;
    out[`${stem}_abs`] = Math.hypot(values[i].re, values[i].im);
  });
}

function boundFractions(particles: Configuration, delta: number) {
  const d = nearestOppositeDistances(particles);
  const n = particles.signs.length;
  return {
    spacing: fractionBelow(d, BOUND_SPACING_FRACTION / Math.sqrt(Math.max(1, n))),
    delta: fractionBelow(d, BOUND_DELTA_FACTOR * delta),
    median: finiteMedian(d),
  };
}

export function measureRun(
  r: RunOutcome,
  geometry: Geometry,
  modes: readonly Wavevector[] = [],
  core?: CoreModel,
): Measures {
  const n = r.signs.length;
  const atT = { pos: r.pos, signs: r.signs };
  const at0 = { pos: r.pos0, signs: r.signs };
  const bound = boundFractions(atT, r.delta);
  const bound0 = boundFractions(at0, r.delta);
  const moved = particleChange(r.signs, r.pos0, r.pos);
  const shift = displacementStats(r.pos0, r.unwrapped);
  const regime = classifyRegime({ geometry, n, delta: r.delta, T: r.T, lambda: r.lambda, core });
  const out: Measures = {
    n,
    delta: r.delta,
    T: r.T,
    particles_moved: Math.max(moved.plus, moved.minus),
    particles_moved_plus: moved.plus,
    particles_moved_minus: moved.minus,
    bound_fraction: bound.spacing,
    bound_fraction_delta: bound.delta,
    bound_fraction_0: bound0.spacing,
    bound_fraction_delta_0: bound0.delta,
    // √2/2, the largest distance on T², when a sign is absent (as dipoleStatistics reports)
    median_nearest_opposite: Number.isNaN(bound.median) ? Math.SQRT1_2 : bound.median,
    energy_particles: r.energy,
    energy_particles_0: r.energy0,
    max_displacement: shift.max,
    median_displacement: shift.median,
    steps: r.steps,
    rejected: r.rejected,
    lambda: r.lambda,
    log10_criterion: regime.log10Criterion,
    regime: regime.kind,
  };
  putModes(out, modes, particleKappaModes(atT, modes), false);
  if (r.pde) {
    const { solver, rho0 } = r.pde;
    const N = solver.N;
    const d = hMinusDistance(atT, N, solver.rhoPlus, solver.rhoMinus);
    const d0 = hMinusDistance(at0, N, rho0.rhoPlus, rho0.rhoMinus);
    const pdeMoved = gridChange(N, rho0, solver);
    Object.assign(out, {
      d_plus: d.plus,
      d_minus: d.minus,
      d0_plus: d0.plus,
      d0_minus: d0.minus,
      pde_moved: Math.max(pdeMoved.plus, pdeMoved.minus),
      pde_moved_plus: pdeMoved.plus,
      pde_moved_minus: pdeMoved.minus,
      energy_pde: solver.energy(),
      energy_pde_0: r.pde.energy0,
      pde_steps: solver.steps,
      pde_rejected: solver.rejected,
      pde_delta: solver.delta === 0 ? 'limit' : solver.delta,
      grid: N,
    });
    putModes(out, modes, gridKappaModes(N, solver.rhoPlus, solver.rhoMinus, modes), true);
  }
  return out;
}

/** What a scenario says before it is run (the row of a run that failed keeps these). */
export function scenarioMeasures(s: Scenario): Measures {
  return { n: s.n, delta: resolveDelta(s), T: s.T };
}
