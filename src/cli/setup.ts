import { cellAverages } from '../model/init/cellAverages';
import { initialCells1d, initialParticles1d } from '../model/oneD/scenario1d';
import { embed1d } from '../model/oneD/system1d';
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
  /** 1: the circle (positions interleaved with x₂ = 0, MATH §12). */
  dimension?: 1;
}

export function setupFrom(input: Input): RunSetup {
  if (input.kind === 'cfg') {
    const { spec, field, config, density, dimension } = input.cfg;
    return {
      dimension,
      spec,
      field,
      config,
      densityGrid: density?.grid,
      density: (grid) => (density && density.grid === grid ? density : undefined),
    };
  }
  const s = input.scenario;
  if (s.dimension === 1) return setup1dFrom(s);
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
