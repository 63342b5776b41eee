/** The particle system gives the same velocities and E_n whichever pair summation it uses. */
import { describe, expect, it } from 'vitest';
import { createSystem } from '../../src/model/dynamics/createSystem';
import { makeKernel } from '../../src/model/kernels';
import { relativeVelocityError } from './oracle/cases';

describe('createSystem: direct and fast pair sums agree', () => {
  for (const geometry of ['isotropic', 'slip'] as const) {
    it(`${geometry}, n = 300 with a short dipole, U and F`, () => {
      const n = 300;
      const spec = { geometry, core: 'plummer' as const, delta: 1e-3 };
      const kernel = makeKernel(spec);
      let s = 12345;
      const rnd = () => {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        return s / 2 ** 32;
      };
      const signs = Int8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? -1 : 1));
      const pos = Float64Array.from({ length: 2 * n }, () => 3 * rnd() - 1); // unwrapped, any reals
      pos[2] = pos[0] + 0.4e-3;
      pos[3] = pos[1] + 0.2e-3;
      signs[1] = -signs[0];
      const field = { modes: [{ a: 0.5, p: 1, q: 1, phi: 0.2 }], force: [0.3, 0] as [number, number] };
      const direct = createSystem(spec, field, signs, kernel, 'direct');
      const fast = createSystem(spec, field, signs, kernel, 'fast');
      const vd = new Float64Array(2 * n);
      const vf = new Float64Array(2 * n);
      direct.velocities(pos, vd);
      fast.velocities(pos, vf);
      const ref: number[][] = [];
      for (let i = 0; i < n; i++) ref.push([vd[2 * i], vd[2 * i + 1]]);
      expect(relativeVelocityError(vf, ref)).toBeLessThan(1e-7);
      const ed = direct.energy(pos);
      expect(Math.abs(fast.energy(pos) - ed) / Math.abs(ed)).toBeLessThan(1e-9);
    });
  }
});
