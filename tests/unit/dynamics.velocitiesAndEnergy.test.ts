/**
 * The one-pass velocities + energy of the fast-sum system (the stepper uses it for f(y1) and
 * E_n(y1) of an attempt) gives exactly what the two separate calls give, so trajectories do not
 * depend on which path ran; the direct-sum system does not offer it (no pass to share). ~1–3 s
 * (kernel and fast-sum set-up).
 */
import { describe, expect, it } from 'vitest';
import { createSystem } from '../../src/model/dynamics/createSystem';
import type { ExternalField } from '../../src/model/types';

const U: ExternalField = { modes: [{ a: 1, p: 1, q: 0, phi: 0.3 }], force: [0.2, 0] };

describe('velocitiesAndEnergy', () => {
  it('equals velocities + energy bit for bit (fast sum)', () => {
    const n = 300;
    let s = 7;
    const rnd = () => {
      s = (s * 16807) % 2147483647;
      return s / 2147483647;
    };
    const pos = Float64Array.from({ length: 2 * n }, rnd);
    const signs = Int8Array.from({ length: n }, (_, i) => (i % 3 ? 1 : -1));
    const spec = { geometry: 'isotropic' as const, core: 'gaussian' as const, delta: 1 / n };
    const sys = createSystem(spec, U, signs, undefined, 'fast');
    const v = new Float64Array(2 * n);
    const w = new Float64Array(2 * n);
    sys.velocities(pos, v);
    const E = sys.energy(pos);
    const both = sys.velocitiesAndEnergy;
    expect(both).toBeDefined();
    expect(both?.(pos, w)).toBe(E);
    expect(w).toEqual(v);
    expect(createSystem(spec, U, signs, undefined, 'direct').velocitiesAndEnergy).toBeUndefined();
  });
});
