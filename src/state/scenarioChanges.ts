import { resolveDelta, resolvePdeDelta } from '../model/scenario/delta';
import { resolveNoise, resolveTemperature } from '../model/scenario/noise';
import type { Scenario } from '../model/scenario/types';

/** What a scenario change forces the simulation to redo (the least that is needed). */
export interface ScenarioChange {
  /** New initial data: resample particles, new initial density, t = 0. */
  restart: boolean;
  /** PDE switched on/off or a new grid: the PDE starts over, so the run goes back to t = 0. */
  pdeSetup: boolean;
  /** New particle dynamics (kept positions, clock continues). */
  particlePhysics: boolean;
  /** New PDE dynamics (kept densities, clock continues). */
  pdePhysics: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Compares two valid scenarios. Changing U, F, δ, the core, the tolerances, the noise or the PDE's time scheme keeps the particles
 * where they are; only the initial data (kind, density, sampling, seed, n, and for short dipoles
 * δ and the geometry, which fix their width and slip planes) resamples.
 */
export function classifyChange(prev: Scenario, next: Scenario): ScenarioChange {
  const dipoles = next.initial.kind === 'dipoles';
  const explicit = next.initial.kind === 'explicit';
  const restart =
    prev.dimension !== next.dimension ||
    !same(prev.initial, next.initial) ||
    prev.n !== next.n ||
    (dipoles && (resolveDelta(prev) !== resolveDelta(next) || prev.geometry !== next.geometry)) ||
    (explicit && prev.pde.grid !== next.pde.grid);
  const pdeSetup =
    prev.dimension !== next.dimension ||
    prev.pde.enabled !== next.pde.enabled ||
    prev.pde.grid !== next.pde.grid;
  const particlePhysics =
    prev.geometry !== next.geometry ||
    prev.core !== next.core ||
    resolveDelta(prev) !== resolveDelta(next) ||
    !same(prev.field, next.field) ||
    !same(prev.integrator, next.integrator) ||
    !same(resolveNoise(prev), resolveNoise(next));
  const pdePhysics =
    prev.geometry !== next.geometry ||
    prev.core !== next.core ||
    resolvePdeDelta(prev) !== resolvePdeDelta(next) ||
    !same(prev.field, next.field) ||
    resolveTemperature(prev) !== resolveTemperature(next) ||
    // valid scenarios store only 'ssp43' (the default is absent)
    prev.pde.rk !== next.pde.rk;
  return { restart, pdeSetup, particlePhysics, pdePhysics };
}
