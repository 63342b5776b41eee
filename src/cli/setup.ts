import { type RunSetup, scenarioSetup } from '../model/study/execute';
import type { Input } from './input';

export type { RunSetup };

export function setupFrom(input: Input): RunSetup {
  if (input.kind === 'cfg') {
    const { spec, field, config, density } = input.cfg;
    return {
      spec,
      field,
      config,
      densityGrid: density?.grid,
      density: (grid) => (density && density.grid === grid ? density : undefined),
    };
  }
  return scenarioSetup(input.scenario);
}

export function particlesJson(pos: Float64Array, signs: Int8Array): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < signs.length; i++) out.push([pos[2 * i], pos[2 * i + 1], signs[i]]);
  return out;
}
