import type { DeltaSpec, Scenario } from './types';

/** δ from a DeltaSpec at n particles (MATH §9). */
export function evaluateDelta(spec: DeltaSpec, n: number): number {
  if (typeof spec === 'number') return spec;
  if (spec.rule === 'power') return spec.c * n ** -spec.p;
  return spec.c / Math.sqrt(Math.log(n));
}

/** The core radius δ of a scenario, its rule evaluated at the scenario's n. */
export function resolveDelta(scenario: Pick<Scenario, 'delta' | 'n'>): number {
  return evaluateDelta(scenario.delta, scenario.n);
}

/** The PDE's δ: the particles' δ ('same'), 'limit' (δ → 0 at grid resolution), or its own number. */
export function resolvePdeDelta(scenario: Pick<Scenario, 'delta' | 'n' | 'pde'>): number | 'limit' {
  const d = scenario.pde.delta;
  return d === 'same' ? resolveDelta(scenario) : d;
}
