/**
 * What a scenario must satisfy to run on the circle (`dimension: 1`, MATH §12), checked by the
 * scenario validator after the fields themselves: U of x₁ only, F₂ = 0, the core's δ range in 1D,
 * n even for generated data (n/2 of each sign), dipoles that fit between their neighbours.
 */
import { resolveDelta } from '../scenario/delta';
import type { Scenario } from '../scenario/types';
import type { ExternalField } from '../types';
import { minDelta1d } from './kernel1d';

type Problem = { field: string; message: string };

/** U of x₁ only and F₂ = 0. */
export function problem1dField(field: ExternalField): Problem | undefined {
  const q = field.modes.findIndex((m) => m.q !== 0);
  if (q >= 0) return { field: `field.modes[${q}].q`, message: 'must be 0 in 1D (U depends on x only)' };
  if (field.force[1] !== 0) return { field: 'field.force', message: 'the second component must be 0 in 1D' };
  return undefined;
}

/** The first problem as {field, message}, or undefined. */
export function problem1d(s: Scenario): Problem | undefined {
  const f = problem1dField(s.field);
  if (f) return f;
  const delta = resolveDelta(s);
  if (delta < minDelta1d(s.core))
    return {
      field: 'delta',
      message: `the ${s.core} core needs δ ≥ ${minDelta1d(s.core)} in 1D (got ${delta}); poisson (the paper's model potential) and gaussian take any δ`,
    };
  if (s.pde.rk !== undefined && s.pde.rk !== 'ssp33')
    return { field: 'pde.rk', message: "must be ssp33 in 1D (the circle's PDE has SSP-RK3 only)" };
  if (s.initial.kind !== 'explicit' && s.n % 2 !== 0)
    return { field: 'n', message: 'must be even in 1D (n/2 particles of each sign)' };
  if (s.initial.kind === 'dipoles' && !(s.initial.gamma * delta < 0.25 / s.n))
    return {
      field: 'initial.gamma',
      message: `γδ must be below 1/(4n) in 1D, got γδ = ${s.initial.gamma * delta}`,
    };
  return undefined;
}
