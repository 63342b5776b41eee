/**
 * A scenario with `dimension: 1` (MATH §12) read on the circle: ρ◦ is the x₁-marginal of the
 * scenario's ρ+ + ρ− (cell averages of the 2D density library summed over rows, so a density of x₁
 * alone is taken exactly), the particles are n/2 of each sign at its quantiles (`sample`; the
 * sampling method and seed do not enter) or n/2 short dipoles of half-width γδ (`dipoles`), or the
 * explicit list's x and b; the PDE starts from ρ± = ρ◦/2 (explicit lists: their mollified density).
 */
import { cellAverages } from '../init/cellAverages';
import { resolveDelta } from '../scenario/delta';
import { initialDensity } from '../scenario/initial';
import type { Scenario } from '../scenario/types';
import {
  type Cumulative,
  halfDensityCells,
  type Particles1d,
  quantileData1d,
  shortDipoles1d,
} from './init1d';

const MARGINAL_CELLS = 1024;

/** x₁-marginal cell averages of ρ+ and ρ− on N cells. */
function marginals(s: Scenario, N: number): { plus: Float64Array; minus: Float64Array } {
  const c = cellAverages(initialDensity(s), N);
  const plus = new Float64Array(N);
  const minus = new Float64Array(N);
  for (let j = 0; j < N; j++)
    for (let i = 0; i < N; i++) {
      plus[i] += c.rhoPlus[j * N + i] / N;
      minus[i] += c.rhoMinus[j * N + i] / N;
    }
  return { plus, minus };
}

/** The cumulative distribution of ρ◦ = ρ+ + ρ− (x₁-marginal), linear within each of 1024 cells. */
export function scenarioCumulative(s: Scenario): Cumulative {
  const N = MARGINAL_CELLS;
  const { plus, minus } = marginals(s, N);
  const cum = new Float64Array(N + 1);
  for (let i = 0; i < N; i++) cum[i + 1] = cum[i] + (plus[i] + minus[i]) / N;
  const total = cum[N];
  return (x) => {
    const u = Math.min(Math.max(x, 0), 1) * N;
    const i = Math.min(N - 1, Math.floor(u));
    return (cum[i] + (u - i) * (cum[i + 1] - cum[i])) / total;
  };
}

export function initialParticles1d(s: Scenario): Particles1d {
  const init = s.initial;
  if (init.kind === 'explicit') {
    const x = Float64Array.from(init.particles, (p) => p[0] - Math.floor(p[0]));
    return { x, signs: Int8Array.from(init.particles, (p) => (p[2] === 1 ? 1 : -1)) };
  }
  const F = scenarioCumulative(s);
  return init.kind === 'dipoles'
    ? shortDipoles1d(s.n, F, resolveDelta(s), init.gamma)
    : quantileData1d(s.n, F);
}

/** Initial PDE cell averages on N cells. */
export function initialCells1d(s: Scenario, N: number): { rhoPlus: Float64Array; rhoMinus: Float64Array } {
  if (s.initial.kind === 'explicit') {
    const { plus, minus } = marginals(s, N);
    return { rhoPlus: plus, rhoMinus: minus };
  }
  const half = halfDensityCells(N, scenarioCumulative(s));
  return { rhoPlus: half, rhoMinus: Float64Array.from(half) };
}
