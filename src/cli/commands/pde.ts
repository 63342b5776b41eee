import { createPdeSolver, type PdeSolver } from '../../model/pde/solver';
import { assertPdeReached } from '../../model/study/simulate';
import { InputError } from '../input';
import type { RunSetup } from '../setup';
import type { Watch } from '../watch';

export interface PdeRunOptions {
  T: number;
  grid: number;
  /** δ of the PDE: the particles' δ, a number, or 'limit' (δ → 0 at grid resolution). */
  delta: number | 'limit';
}

/** The PDE's initial cell averages, checked: present on this grid and of total mass 1. */
export function initialPde(setup: RunSetup, opts: PdeRunOptions): PdeSolver {
  const grid = opts.grid;
  if (setup.densityGrid !== undefined && setup.scenario === undefined && setup.densityGrid !== grid)
    throw new InputError(
      'grid',
      `--grid ${grid} differs from density.grid = ${setup.densityGrid} in the input`,
    );
  const d = setup.density?.(grid);
  if (!d)
    throw new InputError(
      'density',
      'the input defines no initial density (add a "density" block or use a scenario)',
    );
  let mass = 0;
  for (let i = 0; i < d.rhoPlus.length; i++) mass += d.rhoPlus[i] + d.rhoMinus[i];
  mass /= grid * grid;
  // written so that a NaN mass (a non-finite density) fails too
  if (!(Math.abs(mass - 1) <= 1e-6)) throw new InputError('density', `∫(ρ+ + ρ−) must be 1, got ${mass}`);
  return createPdeSolver({
    geometry: setup.spec.geometry,
    core: setup.spec.core,
    delta: opts.delta,
    field: setup.field,
    N: grid,
    rhoPlus: d.rhoPlus,
    rhoMinus: d.rhoMinus,
  });
}

/** `pde`: evolve the densities to T; energy logged at every step. */
export function pdeCommand(setup: RunSetup, opts: PdeRunOptions, watch?: Watch) {
  const started = performance.now();
  const pde = initialPde(setup, opts);
  const energy: Array<[number, number]> = [[pde.t, pde.energy()]];
  while (pde.t < opts.T) {
    if (!(pde.step(opts.T - pde.t) > 0)) assertPdeReached(pde, opts.T);
    energy.push([pde.t, pde.energy()]);
    watch?.at('pde', pde.t);
  }
  return {
    grid: opts.grid,
    T: opts.T,
    deltaLabel: pde.label,
    rhoPlus: Array.from(pde.rhoPlus),
    rhoMinus: Array.from(pde.rhoMinus),
    energy,
    mass: pde.masses(),
    minRho: pde.minRho(),
    steps: pde.steps,
    wallSeconds: (performance.now() - started) / 1000,
  };
}
