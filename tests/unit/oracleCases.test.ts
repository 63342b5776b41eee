/** The independent implementation's cases in tests/oracle-cases (velocities and energies). */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSystem } from '../../src/model/dynamics/createSystem';
import { fieldOf, loadCase, ORACLE_DIR, relativeVelocityError } from './oracle/cases';

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
