import { cellAverages } from '../model/init/cellAverages';
import { resolveDelta } from '../model/scenario/delta';
import { initialConfiguration, initialDensity } from '../model/scenario/initial';
import type { Scenario } from '../model/scenario/types';
import type { Configuration, ExternalField, InteractionSpec } from '../model/types';
import type { Input } from './input';

/** What every command needs, whatever the input format. */
export interface RunSetup {
  spec: InteractionSpec;
  field: ExternalField;
  config: Configuration;
  scenario?: Scenario;
  /** Initial PDE cell averages on `grid`, when the input defines them. */
  density?: (grid: number) => { rhoPlus: Float64Array; rhoMinus: Float64Array } | undefined;
  densityGrid?: number;
}

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
  const s = input.scenario;
  const spec: InteractionSpec = { geometry: s.geometry, core: s.core, delta: resolveDelta(s) };
  const densitySpec = initialDensity(s);
  return {
    spec,
    field: s.field,
    config: initialConfiguration(s),
    scenario: s,
    densityGrid: s.pde.grid,
    density: (grid) => cellAverages(densitySpec, grid),
  };
}

export function particlesJson(pos: Float64Array, signs: Int8Array): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < signs.length; i++) out.push([pos[2 * i], pos[2 * i + 1], signs[i]]);
  return out;
}
