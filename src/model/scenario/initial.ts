import { type DensitySpec, neutralise } from '../init/densities';
import { shortDipoles } from '../init/dipoles';
import { explicitConfiguration } from '../init/explicit';
import { iidSample } from '../init/iid';
import { stratifiedSample } from '../init/stratified';
import { wrap01 } from '../init/torus';
import type { Configuration } from '../types';
import { resolveDelta } from './delta';
import type { Scenario } from './types';

/** The particles a (valid) scenario starts from; bit-identical for identical scenarios. */
export function initialConfiguration(s: Scenario): Configuration {
  const init = s.initial;
  switch (init.kind) {
    case 'sample':
      return init.sampling === 'stratified'
        ? stratifiedSample(init.density, s.n, init.seed)
        : iidSample(init.density, s.n, init.seed);
    case 'dipoles':
      return shortDipoles({
        density: init.density,
        n: s.n,
        delta: resolveDelta(s),
        gamma: init.gamma,
        orientation: init.orientation,
        seed: init.seed,
        geometry: s.geometry,
      });
    case 'explicit':
      return explicitConfiguration(init.particles);
  }
}

/**
 * The density the companion PDE starts from, matching the particles' initial data:
 * - sample: the sampled density itself (its masses differ from n±/n by at most 1/(2n));
 * - dipoles: the neutral ρ◦ = ½(ρ+ + ρ−) for both signs, which the dipoles approximate;
 * - explicit: the empirical measure mollified by periodised Gaussians (one bump of weight 1/n per
 *   particle, background 0, σ = max(0.5/√n, 2/grid), capped at 0.5), so the PDE sees the same
 *   masses n±/n and the same rough shape, resolved on its grid. Cost O(n·(σN)²) for the cell averages.
 */
export function initialDensity(s: Scenario): DensitySpec {
  const init = s.initial;
  switch (init.kind) {
    case 'sample':
      return structuredClone(init.density);
    case 'dipoles':
      return neutralise(init.density);
    case 'explicit': {
      const n = init.particles.length;
      const sigma = Math.min(0.5, Math.max(0.5 / Math.sqrt(n), 2 / s.pde.grid));
      return {
        kind: 'bumps',
        background: 0,
        bumps: init.particles.map(([x, y, b]) => ({
          x: wrap01(x),
          y: wrap01(y),
          sigma,
          w: 1,
          s: b === 1 ? 1 : -1,
        })),
      };
    }
  }
}
