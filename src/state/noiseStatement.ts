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
  /** (δ/ℓ)^{1/(nθ)} (1 when δ ≥ ℓ: no barrier). */
  factor: number;
  verdict: 'bound' | 'rarely' | 'break' | 'no barrier';
  /** One line for the regime area. */
  text: string;
}

/**
 * What the noise does to short dipoles (MATH §13): a ± pair's separation feels (2/n)·log s against
 * a diffusion 2θ, so escaping from δ to the spacing ℓ = n^{−1/2} has Arrhenius factor
 * (δ/ℓ)^{1/(nθ)}. Null without noise.
 */
export function noiseStatement(s: Pick<Scenario, 'noise' | 'n' | 'delta'>): NoiseStatement | null {
  const theta = resolveTemperature(s);
  if (!(theta > 0)) return null;
  const delta = resolveDelta(s);
  const { factor, barrier } = dipoleBreakFactor(s.n, theta, delta);
  const head = `θ = ${threeDigits(theta)} (nθ = ${threeDigits(s.n * theta)})`;
  if (barrier === 0)
    return {
      theta,
      factor,
      verdict: 'no barrier',
      text: `${head}: δ ≥ the spacing n^−½, no core barrier holds a dipole together`,
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
    text: `${head}: dipoles of width δ break at rate ∝ (δ/ℓ)^(1/(nθ)) = ${threeDigits(factor)} (ℓ = n^−½): ${says}`,
  };
}
