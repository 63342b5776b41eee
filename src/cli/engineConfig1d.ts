/**
 * The engine cfg on the circle (`"dimension": 1`, MATH §12): particles `[x, b]`, an optional
 * `density` block with `grid` cell averages per species, U of x₁ only. Positions are stored in the
 * engine's interleaved layout with x₂ = 0 (see src/model/oneD/pairKernel1d.ts).
 */
import { problem1dField } from '../model/oneD/validate1d';
import { fail, list, num } from '../model/scenario/read';
import type { ExternalField, InteractionSpec } from '../model/types';
import { type EngineConfig, readParticles } from './engineConfig';

function readCells(v: unknown, path: string, cells: number): Float64Array {
  const a = list(v, path, cells);
  if (a.length !== cells) fail(path, `must hold grid = ${cells} cell averages in 1D, got ${a.length}`);
  return Float64Array.from(a, (x, i) => num(x, `${path}[${i}]`, undefined, { min: 0 }));
}

/** The 1D reading of a cfg whose generic fields (spec, U) the 2D reader has already checked. */
export function readEngineConfig1d(
  o: Record<string, unknown>,
  spec: InteractionSpec,
  field: ExternalField,
  needParticles: boolean,
): EngineConfig {
  const p =
    problem1dField(field) ??
    (o.geometry !== undefined
      ? { field: 'geometry', message: 'has no meaning in 1D (leave it out)' }
      : undefined);
  if (p) fail(p.field.replace(/^field/, 'U'), p.message);
  const config =
    o.particles === undefined && !needParticles
      ? { pos: new Float64Array(0), signs: new Int8Array(0) }
      : readParticles(o.particles, 1);
  let density: EngineConfig['density'];
  if (o.density !== undefined) {
    const d = o.density as Record<string, unknown>;
    const grid = num(d.grid, 'density.grid', undefined, { integer: true, min: 8, max: 4096 });
    density = {
      grid,
      rhoPlus: readCells(d.rhoPlus, 'density.rhoPlus', grid),
      rhoMinus: readCells(d.rhoMinus, 'density.rhoMinus', grid),
    };
  }
  return { spec: { ...spec, geometry: 'slip' }, field, config, density, dimension: 1 };
}
