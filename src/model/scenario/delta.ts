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
