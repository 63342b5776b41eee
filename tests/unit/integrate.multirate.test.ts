/**
 * The multirate method (integrate/multirate.ts) against the independent trajectory oracles
 * (tests/oracle-cases/pub_traj_*, a Python implementation) and the energy law, with its split
 * actually used (clusters sub-stepped).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSystem } from '../../src/model/dynamics/createSystem';
import type { ParticleSystem } from '../../src/model/dynamics/particleSystem';
import { createStepper } from '../../src/model/integrate';
import { ClusterSolver } from '../../src/model/integrate/clusterSolver';
import { MultirateStepper } from '../../src/model/integrate/multirate';
import { makeKernel } from '../../src/model/kernels';
import type { CoreModel, ExternalField, Geometry } from '../../src/model/types';
import { rng } from './testRng';

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

  // explicit sub-steps (δ = 1/n: the clusters are not stiff on the macro step) and ROS34PW2 ones
  for (const explicit of [true, false])
    it(`scipy Radau reference (i.i.d. n = 200, δ = 1/n, U = cos 2πx₁, t = 0.025; radauOracle.test.ts), ${explicit ? 'explicit' : 'Rosenbrock'} sub-steps: tight within 1e-6`, () => {
      const c = JSON.parse(readFileSync(join(__dirname, 'oracle/radau-pairing-u1-scipy.json'), 'utf8'));
      const spec = { geometry: c.geometry, core: c.core, delta: c.delta };
      const signs = Int8Array.from(c.particles.map((p: number[]) => p[2]));
      const pos = Float64Array.from(c.particles.flatMap((p: number[]) => [p[0], p[1]]));
      if (!explicit) ClusterSolver.explicitStable = 0;
      try {
        const st = createStepper(createSystem(spec, c.U, signs, makeKernel(spec)), pos, {
          method: 'multirate',
          rtol: 1e-10,
          atol: 1e-12,
        });
        const out = c.outputs[0];
        let E = st.energy();
        while (st.t < out.t) {
          st.stepToward(out.t);
          expect(st.energy()).toBeLessThanOrEqual(E + 3e-13 * (1 + Math.abs(E)));
          E = st.energy();
        }
        let err = 0;
        out.positions.forEach(([x, y]: number[], i: number) => {
          let dx = st.unwrapped[2 * i] - x;
          let dy = st.unwrapped[2 * i + 1] - y;
          dx -= Math.round(dx);
          dy -= Math.round(dy);
          err = Math.max(err, Math.hypot(dx, dy));
        });
        expect(err).toBeLessThan(1e-6);
        expect(Math.abs(st.energy() - out.energy)).toBeLessThan(1e-9);
        const fast = (st as unknown as MultirateStepper).fast;
        expect(fast.solves).toBeGreaterThan(100);
        if (explicit) expect(fast.explicitSolves).toBeGreaterThan(0.5 * fast.solves);
        else expect(fast.explicitSolves).toBe(0);
      } finally {
        ClusterSolver.explicitStable = 1;
      }
    });

  it('slip geometry: explicit and ROS34PW2 sub-steps give the same trajectory at tight tolerances', () => {
    const n = 200;
    const spec = { geometry: 'slip' as const, core: 'gaussian' as const, delta: 1 / n };
    const r = rng(11);
    const pos = Float64Array.from({ length: 2 * n }, () => r());
    const signs = Int8Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
    const field: ExternalField = { modes: [{ a: 1, p: 1, q: 0, phi: 0 }], force: [0, 0] };
    const kernel = makeKernel(spec);
    const run = (explicitStable: number) => {
      ClusterSolver.explicitStable = explicitStable;
      try {
        const st = createStepper(createSystem(spec, field, signs, kernel), pos, {
          method: 'multirate',
          rtol: 1e-11,
          atol: 1e-13,
        });
        st.advanceTo(0.005);
        const fast = (st as unknown as MultirateStepper).fast;
        return { y: Float64Array.from(st.unwrapped), explicit: fast.explicitSolves, solves: fast.solves };
      } finally {
        ClusterSolver.explicitStable = 1;
      }
    };
    const a = run(1);
    const b = run(0);
    expect(a.explicit).toBe(a.solves);
    expect(a.solves).toBeGreaterThan(500);
    expect(b.explicit).toBe(0);
    let d = 0;
    for (let k = 0; k < a.y.length; k++) d = Math.max(d, Math.abs(a.y[k] - b.y[k]));
    expect(d).toBeLessThan(1e-10);
    expect(d).toBeGreaterThan(0); // two different integrators, not one path twice
  });

  it('clusters stiff on the macro step keep ROS34PW2 sub-steps (dipoles, δ = 1e-7)', () => {
    const n = 40;
    const spec = { geometry: 'isotropic' as const, core: 'gaussian' as const, delta: 1e-7 };
    const pos = new Float64Array(2 * n);
    const signs = new Int8Array(n);
    for (let k = 0; k < n / 2; k++) {
      const x = (k % 5) / 5 + 0.1;
      const y = Math.floor(k / 5) / 4 + 0.1;
      pos.set([x, y, x + 3e-7, y + 1e-7], 4 * k);
      signs[2 * k] = 1;
      signs[2 * k + 1] = -1;
    }
    const st = createStepper(createSystem(spec, { modes: [], force: [0, 0] }, signs, makeKernel(spec)), pos, {
      method: 'multirate',
      rtol: 1e-6,
      atol: 1e-9,
    });
    st.advanceTo(0.05);
    const fast = (st as unknown as MultirateStepper).fast;
    expect(fast.solves).toBeGreaterThan(0);
    expect(fast.explicitSolves).toBe(0);
  });

  it('the next attempt prepared during the energy sum (clusters, S at the history) changes no bit', () => {
    // i.i.d. n = 1000 (the fast sum runs the preparation inside its evaluation), δ = 1/n, U = cos 2πx₁
    const n = 1000;
    const spec = { geometry: 'isotropic' as const, core: 'gaussian' as const, delta: 1 / n };
    const field: ExternalField = { modes: [{ a: 1, p: 1, q: 0, phi: 0 }], force: [0, 0] };
    let seed = 7;
    const rnd = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const pos = Float64Array.from({ length: 2 * n }, rnd);
    const signs = Int8Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
    const run = (prepare: boolean, hideDuring: boolean) => {
      MultirateStepper.prepareAhead = prepare;
      try {
        const sys = createSystem(spec, field, signs, makeKernel(spec));
        // a system that never runs `during` itself: the stepper must run it after the sum
        const system: ParticleSystem = hideDuring
          ? { ...sys, velocities: (p, o) => sys.velocities(p, o), energy: (p) => sys.energy(p) }
          : sys;
        const st = createStepper(system, pos, { method: 'multirate', rtol: 1e-6, atol: 1e-9 });
        st.advanceTo(0.004);
        const mr = st as unknown as MultirateStepper;
        return { y: Float64Array.from(st.unwrapped), steps: st.steps, used: mr.preparedStarts };
      } finally {
        MultirateStepper.prepareAhead = true;
      }
    };
    const plain = run(false, false);
    const inside = run(true, false);
    const after = run(true, true);
    expect(plain.used).toBe(0);
    expect(inside.used).toBeGreaterThan(0.8 * inside.steps);
    expect(after.used).toBe(inside.used);
    expect(inside.steps).toBe(plain.steps);
    expect(Buffer.from(inside.y.buffer).equals(Buffer.from(plain.y.buffer))).toBe(true);
    expect(Buffer.from(after.y.buffer).equals(Buffer.from(plain.y.buffer))).toBe(true);
  });
});
