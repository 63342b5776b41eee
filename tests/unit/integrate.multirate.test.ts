/**
 * The multirate method (integrate/multirate.ts) against the independent trajectory oracles
 * (tests/oracle-cases/pub_traj_*, a Python implementation) and the energy law, with its split
 * actually used (clusters sub-stepped).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSystem } from '../../src/model/dynamics/createSystem';
import { createStepper } from '../../src/model/integrate';
import type { MultirateStepper } from '../../src/model/integrate/multirate';
import { makeKernel } from '../../src/model/kernels';
import type { CoreModel, ExternalField, Geometry } from '../../src/model/types';

interface TrajCase {
  geometry: Geometry;
  core: CoreModel;
  delta: number;
  U?: { modes?: ExternalField['modes']; force?: [number, number] };
  particles: number[][];
  expected: { T: number; particles: number[][] };
}

function runCase(name: string, rtol: number, atol: number) {
  const c: TrajCase = JSON.parse(readFileSync(join(__dirname, '../oracle-cases', name), 'utf8'));
  const spec = { geometry: c.geometry, core: c.core, delta: c.delta };
  const field: ExternalField = { modes: c.U?.modes ?? [], force: c.U?.force ?? [0, 0] };
  const signs = Int8Array.from(c.particles.map((p) => p[2]));
  const pos = Float64Array.from(c.particles.flatMap((p) => [p[0], p[1]]));
  const st = createStepper(createSystem(spec, field, signs, makeKernel(spec)), pos, {
    method: 'multirate',
    rtol,
    atol,
  });
  let E = st.energy();
  let rises = 0;
  let maxClusters = 0;
  const mr = st as unknown as MultirateStepper;
  while (st.t < c.expected.T) {
    st.stepToward(c.expected.T);
    if (st.energy() > E + 1e-13 * (1 + Math.abs(E))) rises++;
    E = st.energy();
    maxClusters = Math.max(maxClusters, mr.fast.clusters.count);
  }
  const w = st.wrapped();
  let err = 0;
  c.expected.particles.forEach(([x, y], i) => {
    let dx = w[2 * i] - x;
    let dy = w[2 * i + 1] - y;
    dx -= Math.round(dx);
    dy -= Math.round(dy);
    err = Math.max(err, Math.hypot(dx, dy));
  });
  return { err, rises, st, maxClusters, sub: mr.fast.subSteps };
}

const DIPOLES = 'pub_traj_iso_gaussian_n50_d0.001_dipoles_T0.2.json';

describe('multirate method', () => {
  it('dipole oracle, tight: matches, energy never rises, pairs are sub-stepped', () => {
    const { err, rises, st, maxClusters, sub } = runCase(DIPOLES, 1e-10, 1e-12);
    expect(err).toBeLessThan(1e-7);
    expect(rises).toBe(0);
    expect(maxClusters).toBeGreaterThan(0);
    expect(sub).toBeGreaterThan(st.steps);
  });

  it('dipole oracle, default tolerances: within 1e-6', () => {
    const { err, rises } = runCase(DIPOLES, 1e-6, 1e-9);
    expect(err).toBeLessThan(1e-6);
    expect(rises).toBe(0);
  });

  it('non-stiff oracles (isotropic with U, slip plummer), tight', () => {
    for (const name of [
      'pub_traj_iso_gaussian_n8_d0.04_U_T0.3.json',
      'pub_traj_slip_plummer_n8_d0.03_U_T0.3.json',
    ]) {
      const { err, rises } = runCase(name, 1e-11, 1e-12);
      expect(err, name).toBeLessThan(1e-7);
      expect(rises, name).toBe(0);
    }
  });
});
