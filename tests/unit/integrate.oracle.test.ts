/** Trajectory oracle cases (independent Python implementation, tests/oracle-cases/pub_traj_*). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSystem } from '../../src/model/dynamics/createSystem';
import type { ParticleSystem } from '../../src/model/dynamics/particleSystem';
import { type IntegratorOptions, integrate } from '../../src/model/integrate';
import { makeKernel } from '../../src/model/kernels';
import type { CoreModel, ExternalField, Geometry } from '../../src/model/types';

const ORACLE_DIR = join(__dirname, '../oracle-cases');

interface TrajCase {
  geometry: Geometry;
  core: CoreModel;
  delta: number;
  U?: { modes?: ExternalField['modes']; force?: [number, number] };
  particles: number[][];
  expected: { T: number; particles: number[][] };
  meta: { energy_T: number };
}

function load(name: string): { c: TrajCase; system: ParticleSystem; pos: Float64Array } {
  const c: TrajCase = JSON.parse(readFileSync(join(ORACLE_DIR, name), 'utf8'));
  const spec = { geometry: c.geometry, core: c.core, delta: c.delta };
  const field: ExternalField = { modes: c.U?.modes ?? [], force: c.U?.force ?? [0, 0] };
  const signs = Int8Array.from(c.particles.map((p) => p[2]));
  const pos = Float64Array.from(c.particles.flatMap((p) => [p[0], p[1]]));
  return { c, system: createSystem(spec, field, signs, makeKernel(spec)), pos };
}

/** Largest minimum-image distance between computed (wrapped) and expected positions. */
function positionError(w: Float64Array, expected: number[][]): number {
  let worst = 0;
  expected.forEach(([x, y], i) => {
    let dx = w[2 * i] - x;
    let dy = w[2 * i + 1] - y;
    dx -= Math.round(dx);
    dy -= Math.round(dy);
    worst = Math.max(worst, Math.hypot(dx, dy));
  });
  return worst;
}

function run(name: string, opts: IntegratorOptions) {
  const { c, system, pos } = load(name);
  const r = integrate(system, pos, c.expected.T, opts);
  const err = positionError(r.pos, c.expected.particles);
  const energyErr = Math.abs(r.energy[r.energy.length - 1][1] - c.meta.energy_T);
  return { err, energyErr, r };
}

const TIGHT = { rtol: 1e-11, atol: 1e-12 };

describe('trajectory oracle cases', () => {
  it('pub_traj_iso_gaussian_n8_d0.04_U_T0.3 (explicit, tight)', () => {
    const { err, energyErr } = run('pub_traj_iso_gaussian_n8_d0.04_U_T0.3.json', {
      method: 'explicit',
      ...TIGHT,
    });
    expect(err).toBeLessThan(1e-7); // observed 1.5e-10 (the kernel tables' accuracy)
    expect(energyErr).toBeLessThan(1e-8);
  });

  it('pub_traj_slip_plummer_n8_d0.03_U_T0.3 (explicit, tight)', () => {
    const { err, energyErr } = run('pub_traj_slip_plummer_n8_d0.03_U_T0.3.json', {
      method: 'explicit',
      ...TIGHT,
    });
    expect(err).toBeLessThan(1e-7); // observed 4e-11
    expect(energyErr).toBeLessThan(1e-8);
  });

  it('auto picks the explicit method for the non-stiff cases and matches too', () => {
    const { err, r } = run('pub_traj_iso_gaussian_n8_d0.04_U_T0.3.json', { method: 'auto', ...TIGHT });
    expect(err).toBeLessThan(1e-7);
    expect(r.steps).toBeLessThan(1000);
  });

  const DIPOLES = 'pub_traj_iso_gaussian_n50_d0.001_dipoles_T0.2.json';

  it('dipole case (stiff: ROS34PW2 near-pair W-method, rtol 1e-8, atol 1e-10)', () => {
    const { err, energyErr, r } = run(DIPOLES, { method: 'stiff', rtol: 1e-8, atol: 1e-10 });
    expect(err).toBeLessThan(1e-7); // observed 4e-11
    expect(energyErr).toBeLessThan(1e-10);
    expect(r.steps).toBeLessThan(1000); // explicit needs ~1300 steps (stability, nδ² = 5e-5)
  });

  it('dipole case (auto with the default tolerances rtol 1e-6, atol 1e-9)', () => {
    const { err, r } = run(DIPOLES, { method: 'auto', rtol: 1e-6, atol: 1e-9 });
    expect(err).toBeLessThan(1e-6); // observed 4e-10
    expect(r.steps).toBeLessThan(400);
  });

  it('dipole case (explicit, tight)', () => {
    const { err } = run(DIPOLES, { method: 'explicit', ...TIGHT });
    expect(err).toBeLessThan(1e-7); // observed 2e-13
  });
});
