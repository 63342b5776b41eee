import { dipoleBreakFactor } from '../model/noise/dipoles';
import { resolveDelta } from '../model/scenario/delta';
import { resolveTemperature } from '../model/scenario/noise';
import type { Scenario } from '../model/scenario/types';
import { threeDigits } from './regimeStatement';

/** Arrhenius factors below this: an escape is not seen in any run (effectively bound). */
export const BOUND_FACTOR = 1e-3;
/** Factors above this: dipoles break on the time scale of the run. */
export const BREAK_FACTOR = 0.1;

export interface NoiseStatement {
  theta: number;
  /** (δ/ℓ)^{1/(nθ)−2} (1 when δ ≥ ℓ or nθ ≥ ½: nothing holds a dipole). */
  factor: number;
  verdict: 'bound' | 'rarely' | 'break' | 'no barrier' | 'no bound state';
  /** One line for the regime area. */
  text: string;
}

/**
 * What the noise does to short dipoles (MATH §13): a ± pair's separation feels (2/n)·log s against
 * a diffusion 2θ, so escaping from δ to the spacing ℓ = n^{−1/2} has Arrhenius factor
 * (δ/ℓ)^{1/(nθ)} times the room (ℓ/δ)² the pair finds out there: rate ∝ (δ/ℓ)^{1/(nθ)−2}, and for
 * nθ ≥ ½ no bound state at all. On the circle the separation is 1D and ℓ = 1/n: (δ/ℓ)^{1/(nθ)−1},
 * no bound state for nθ ≥ 1. Null without noise.
 */
export function noiseStatement(
  s: Pick<Scenario, 'noise' | 'n' | 'delta'> & { dimension?: number },
): NoiseStatement | null {
  const theta = resolveTemperature(s);
  if (!(theta > 0)) return null;
  const delta = resolveDelta(s);
  const d = s.dimension === 1 ? 1 : 2;
  const spacing = d === 1 ? 1 / s.n : 1 / Math.sqrt(s.n);
  const ell = d === 1 ? 'n^−1' : 'n^−½';
  const { factor, barrier, exponent } = dipoleBreakFactor(s.n, theta, delta, spacing, d);
  const head = `θ = ${threeDigits(theta)} (nθ = ${threeDigits(s.n * theta)})`;
  if (barrier === 0)
    return {
      theta,
      factor,
      verdict: 'no barrier',
      text: `${head}: δ ≥ the spacing ${ell}, no core barrier holds a dipole together`,
    };
  if (exponent <= 0)
    return {
      theta,
      factor,
      verdict: 'no bound state',
      text: `${head}: nθ ≥ ${d === 1 ? '1' : '½'}, the log attraction cannot hold a ± pair against the noise (its separation's law r^(${d - 1}−1/(nθ)) is not concentrated at 0): dipoles can break`,
    };
  const verdict = factor < BOUND_FACTOR ? 'bound' : factor < BREAK_FACTOR ? 'rarely' : 'break';
  const says = {
    bound: 'effectively bound',
    rarely: 'they break, but rarely',
    break: 'dipoles can break',
  }[verdict];
  return {
    theta,
    factor,
    verdict,
    text: `${head}: dipoles of width δ break at rate ∝ (δ/ℓ)^(1/(nθ)−${d}) = ${threeDigits(factor)} (ℓ = ${ell}): ${says}`,
  };
}
