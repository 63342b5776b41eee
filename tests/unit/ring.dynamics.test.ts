/**
 * Ring-core particle dynamics: velocities and energy of the fast sum (every split it chooses:
 * far-only, ewald with the core tabulated, ewald with the core per pair) against direct Fourier
 * sums of the multiplier, both geometries; the direct pair sum is checked the same way for every
 * core in kernels.test.ts. Velocities are −n∇E_n (finite differences), for both summations; and
 * short dipoles (0.3δ) at δ = 1e-4 agree between the two. Cost: ~25 s at load 9 (Fourier sums,
 * slip kernels); a fraction of that idle.
 */
import { describe, expect, it } from 'vitest';
import { createSystem, type Summation } from '../../src/model/dynamics/createSystem';
import { createFastSum } from '../../src/model/fastsum';
import { makeKernel } from '../../src/model/kernels';
import { type ExternalField, GEOMETRIES, type InteractionSpec } from '../../src/model/types';
import { relativeVelocityError } from './oracle/cases';
import { fourierVelocities } from './oracle/fourierSum';
import { rng } from './testRng';

const field: ExternalField = { modes: [{ a: 0.4, p: 2, q: 1, phi: 0.3 }], force: [0.05, 0] };

/** n particles, half of each sign, uniform, with a ± pair at distance t·δ at the front. */
function particles(n: number, delta: number, seed: number, t = 0.9): number[][] {
  const r = rng(seed);
  const p = Array.from({ length: n }, (_, i) => [r(), r(), i % 2 === 0 ? 1 : -1]);
  p[1] = [p[0][0] + 0.8 * t * delta, p[0][1] + 0.6 * t * delta, -1];
  return p;
}

function system(spec: InteractionSpec, p: number[][], summation: Summation) {
  const kernel = makeKernel(spec);
  const sys = createSystem(spec, field, Int8Array.from(p.map((q) => q[2])), kernel, summation);
  return { sys, kernel, pos: Float64Array.from(p.flatMap((q) => [q[0], q[1]])) };
}

describe.each(GEOMETRIES)('%s ring core: fast sum vs direct Fourier sums', (geometry) => {
  // the plans: far-only; ewald with the core tabulated; ewald with the core per pair
  for (const [delta, n] of [
    [0.2, 300],
    [0.02, 701],
    [0.008, 200],
  ])
    it(`δ = ${delta}, n = ${n}: velocities ≤ 1e-9, energy ≤ 1e-10 (relative)`, () => {
      const spec: InteractionSpec = { geometry, core: 'ring', delta };
      const p = particles(n, delta, 3);
      const ref = fourierVelocities(spec, field, p);
      const { sys, kernel, pos } = system(spec, p, 'fast');
      const plan = createFastSum(kernel, n).plan;
      expect(plan.split).toBe(delta === 0.2 ? 'far-only' : 'ewald');
      if (plan.near) expect(plan.near.tabulatedCore).toBe(delta === 0.02);
      const v = new Float64Array(pos.length);
      sys.velocities(pos, v);
      const velErr = relativeVelocityError(v, ref.velocities);
      const energyErr = Math.abs(sys.energy(pos) - ref.energy) / Math.abs(ref.energy);
      console.log(
        `ring fast ${geometry} δ=${delta}: velocity ${velErr.toExponential(1)}, energy ${energyErr.toExponential(1)}`,
      );
      expect(velErr).toBeLessThan(1e-9);
      expect(energyErr).toBeLessThan(1e-10);
    });
});

describe.each(GEOMETRIES)('%s ring core: velocities are −n∇E_n', (geometry) => {
  for (const [summation, n] of [
    ['direct', 12],
    ['fast', 300],
  ] as const)
    it(`${summation} sum, n = ${n}, δ = 0.01 (central differences, 1e-6 relative)`, () => {
      const delta = 0.01;
      const spec: InteractionSpec = { geometry, core: 'ring', delta };
      const { sys, pos } = system(spec, particles(n, delta, 11), summation);
      const v = new Float64Array(pos.length);
      sys.velocities(pos, v);
      const h = 1e-4 * delta;
      // the dipole's ends (inside the core, where m_δ < 0 matters most) and one far particle
      for (const c of [0, 1, 2, 3, 8, 9]) {
        if (geometry === 'slip' && c % 2 === 1) continue;
        const x0 = pos[c];
        pos[c] = x0 + h;
        const ep = sys.energy(pos);
        pos[c] = x0 - h;
        const em = sys.energy(pos);
        pos[c] = x0;
        const fd = (-n * (ep - em)) / (2 * h);
        // −b∇U + bF: the energy holds U, and F (not a gradient) is added back
        const force = c % 2 === 0 ? ((c / 2) % 2 === 0 ? 1 : -1) * field.force[0] : 0;
        expect(Math.abs(v[c] - (fd + force))).toBeLessThan(1e-6 * Math.max(1, Math.abs(v[c])));
      }
    });
});

describe('ring core: fast sum on short dipoles at tiny δ', () => {
  it('dipoles at 0.3δ, δ = 1e-4, both geometries: fast = direct to 1e-8', () => {
    for (const geometry of GEOMETRIES)
      for (const delta of [1e-4]) {
        const kernel = makeKernel({ geometry, core: 'ring', delta });
        const p = particles(401, delta, 7, 0.3);
        const signs = Int8Array.from(p.map((q) => q[2]));
        const pos = Float64Array.from(p.flatMap((q) => [q[0], q[1]]));
        const ref = new Float64Array(pos.length);
        const got = new Float64Array(pos.length);
        kernel.accumulate(pos, signs, ref);
        createFastSum(kernel, p.length).accumulate(pos, signs, got);
        for (const i of [0, 1]) {
          const err = Math.hypot(got[2 * i] - ref[2 * i], got[2 * i + 1] - ref[2 * i + 1]);
          // (measured 1.2e-9: the direct sum's cubic remainder table, the fast sum is closer)
          expect(err / Math.hypot(ref[2 * i], ref[2 * i + 1])).toBeLessThan(1e-8);
        }
      }
  });
});
