import { initialPde, type PdeRunOptions } from '../../model/study/execute';
import { assertPdeReached } from '../../model/study/simulate';
import { asInput } from '../errors';
import type { RunSetup } from '../setup';
import type { Watch } from '../watch';

export type { PdeRunOptions };

/** `pde`: evolve the densities to T; energy logged at every step. */
export function pdeCommand(setup: RunSetup, opts: PdeRunOptions, watch?: Watch) {
  const started = performance.now();
  const pde = asInput(() => initialPde(setup, opts));
  const energy: Array<[number, number]> = [[pde.t, pde.energy()]];
  while (pde.t < opts.T) {
    if (!(pde.step(opts.T - pde.t) > 0)) assertPdeReached(pde, opts.T);
    energy.push([pde.t, pde.energy()]);
    watch?.at('pde', pde.t);
  }
  const theta = setup.noise?.temperature ?? 0;
  return {
    grid: opts.grid,
    T: opts.T,
    deltaLabel: pde.label,
    rhoPlus: Array.from(pde.rhoPlus),
    rhoMinus: Array.from(pde.rhoMinus),
    energy,
    // MATH §13: with noise, F = E + θ∫ρ±logρ± at T (the monotone quantity; E alone need not fall)
    ...(theta > 0 ? { temperature: theta, freeEnergy: pde.energy() + theta * pde.entropy() } : {}),
    mass: pde.masses(),
    minRho: pde.minRho(),
    steps: pde.steps,
    wallSeconds: (performance.now() - started) / 1000,
  };
}
