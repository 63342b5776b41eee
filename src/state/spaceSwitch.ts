import { MIN_TABLE_DELTA } from '../model/oneD/kernel1d';
import { resolveDelta } from '../model/scenario/delta';
import type { Scenario } from '../model/scenario/types';

/**
 * The Space control (2D torus / 1D circle): the same scenario carried onto the other space, changed
 * only where the circle demands it (MATH §12), so one switch always lands on a valid scenario:
 * U keeps its modes of x₁ alone (q = 0), F₂ = 0, n rounds up to even, a table core with δ below the
 * 1D tables' range becomes poisson (the paper's model potential), and short dipoles are narrowed
 * to fit between their neighbours (γδ < 1/(4n)); noise stays (on the circle it moves x₁ only). Back to the torus only the dimension goes.
 */
export function withSpace(s: Scenario, dimension: 1 | 2): Scenario {
  const out = structuredClone(s);
  if (dimension === 2) {
    delete out.dimension;
    return out;
  }
  out.dimension = 1;
  out.field.modes = out.field.modes.filter((m) => m.q === 0);
  out.field.force = [out.field.force[0], 0];
  const init = out.initial;
  if (init.kind !== 'explicit' && out.n % 2 !== 0) out.n += 1;
  const delta = resolveDelta(out);
  if (out.core !== 'poisson' && delta < MIN_TABLE_DELTA) out.core = 'poisson';
  if (init.kind === 'dipoles' && !(init.gamma * delta < 0.25 / out.n)) {
    // the largest γ of the form 10^{-k} that fits
    let g = init.gamma;
    while (g * delta >= 0.25 / out.n && g > 1e-12) g /= 10;
    init.gamma = g;
  }
  return out;
}
