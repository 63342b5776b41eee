/** The independent implementation's cases in ../shared/oracle-cases (velocities and energies). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSystem } from '../../src/model/dynamics/createSystem';
import type { CoreModel, ExternalField, Geometry } from '../../src/model/types';

export const ORACLE_DIR = join(__dirname, '../../../shared/oracle-cases');

export interface OracleCase {
  geometry: Geometry;
  core: CoreModel;
  delta: number;
  U?: { modes?: ExternalField['modes']; force?: [number, number] };
  particles: number[][];
  expected: { velocities?: number[][]; energy?: number; T?: number; particles?: number[][] };
}

export function loadCase(name: string): OracleCase {
  return JSON.parse(readFileSync(join(ORACLE_DIR, name), 'utf8'));
}

export function fieldOf(c: OracleCase): ExternalField {
  return { modes: c.U?.modes ?? [], force: c.U?.force ?? [0, 0] };
}

export function relativeVelocityError(v: ArrayLike<number>, ref: number[][]): number {
  let maxErr = 0;
  let ms = 0;
  ref.forEach(([rx, ry], i) => {
    maxErr = Math.max(maxErr, Math.hypot(v[2 * i] - rx, v[2 * i + 1] - ry));
    ms += rx * rx + ry * ry;
  });
  return maxErr / Math.sqrt(ms / ref.length);
}

const velocityCases = readdirSync(ORACLE_DIR).filter((f) => f.startsWith('pub_vel_'));

describe('oracle cases: velocities and energy', () => {
  it('finds the shared cases', () => expect(velocityCases.length).toBeGreaterThanOrEqual(6));
  for (const name of velocityCases) {
    it(name, () => {
      const c = loadCase(name);
      const signs = Int8Array.from(c.particles.map((p) => p[2]));
      const pos = Float64Array.from(c.particles.flatMap((p) => [p[0], p[1]]));
      const sys = createSystem({ geometry: c.geometry, core: c.core, delta: c.delta }, fieldOf(c), signs);
      const v = new Float64Array(pos.length);
      sys.velocities(pos, v);
      expect(relativeVelocityError(v, c.expected.velocities!)).toBeLessThan(1e-6);
      const e = c.expected.energy!;
      expect(Math.abs(sys.energy(pos) - e) / Math.abs(e)).toBeLessThan(1e-8);
    });
  }
});
