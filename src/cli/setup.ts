import { initialCells1d, initialParticles1d } from '../model/oneD/scenario1d';
import { embed1d } from '../model/oneD/system1d';
import { resolveDelta } from '../model/scenario/delta';
import type { Scenario } from '../model/scenario/types';
import { noiseOf, type RunSetup, scenarioSetup } from '../model/study/execute';
import type { Input } from './input';

export type { RunSetup };

export function setupFrom(input: Input): RunSetup {
  if (input.kind === 'cfg') {
    const { spec, field, config, density, dimension, noise } = input.cfg;
    return {
      dimension,
      noise,
      spec,
      field,
      config,
      densityGrid: density?.grid,
      density: (grid) => (density && density.grid === grid ? density : undefined),
    };
  }
  const s = input.scenario;
  if (s.dimension === 1) return setup1dFrom(s);
  return scenarioSetup(s);
}

function setup1dFrom(s: Scenario): RunSetup {
  const p = initialParticles1d(s);
  return {
    dimension: 1,
    spec: { geometry: 'slip', core: s.core, delta: resolveDelta(s) },
    field: s.field,
    config: { pos: embed1d(p.x), signs: p.signs },
    scenario: s,
    densityGrid: s.pde.grid,
    density: (grid) => initialCells1d(s, grid),
    ...noiseOf(s),
  };
}

/** [x, y, b] per particle, or [x, b] on the circle (dimension 1). */
export function particlesJson(pos: Float64Array, signs: Int8Array, dimension: 1 | 2 = 2): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < signs.length; i++)
    out.push(
      dimension === 1
        ? [pos[2 * i] - Math.floor(pos[2 * i]), signs[i]]
        : [pos[2 * i], pos[2 * i + 1], signs[i]],
    );
  return out;
}
