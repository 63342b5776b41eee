/**
 * The step-size floor (issue 7, items 4–5): the underflow limit is relative to t (a proposal
 * h < 1e-14·|t| no longer resolves t), never met by the first step of a tiny-δ run, and never by
 * a step clipped at a target: a step that would leave a sliver before a sample time lands on it.
 * Cost: ~0.1 s.
 */
import { describe, expect, it } from 'vitest';
import { createSystem } from '../../src/model/dynamics/createSystem';
import { integrate } from '../../src/model/integrate';
import { createStepper } from '../../src/model/integrate/stepper';
import type { ExternalField } from '../../src/model/types';

const U: ExternalField = { modes: [{ a: 1, p: 1, q: 0, phi: 0 }], force: [0, 0] };
const NONE: ExternalField = { modes: [], force: [0, 0] };

describe('step-size floor', () => {
  for (const method of ['stiff', 'auto'] as const)
    it(`a dipole of width δ/2 at δ = 1e-8 starts and runs (${method})`, () => {
      const delta = 1e-8;
      const spec = { geometry: 'isotropic' as const, core: 'gaussian' as const, delta };
      const pos = Float64Array.from([0.3 + 0.25 * delta, 0.4, 0.3 - 0.25 * delta, 0.4]);
      const sys = createSystem(spec, U, Int8Array.from([1, -1]));
      const r = integrate(sys, pos, 0.01, { method, rtol: 1e-6, atol: 1e-9 });
      // bound and trapped: the pair moves by a few δ at most
      for (let i = 0; i < 4; i++) expect(Math.abs(r.unwrapped[i] - pos[i])).toBeLessThan(5 * delta);
      for (let k = 1; k < r.energy.length; k++)
        expect(r.energy[k][1] - r.energy[k - 1][1]).toBeLessThanOrEqual(
          3e-13 * (1 + Math.abs(r.energy[k - 1][1])),
        );
    });

  it('sample times far from 0: no sliver step, no spurious underflow', () => {
    // two + half a period apart, a stable rest state (the force vanishes by symmetry): every
    // proposal is hmax, which falls 2e-12 short of each unit sample time; a sliver of 2e-12 is
    // below the floor 1e-14·t from t = 200 on
    const spec = { geometry: 'isotropic' as const, core: 'gaussian' as const, delta: 0.01 };
    const sys = createSystem(spec, NONE, Int8Array.from([1, 1]));
    const s = createStepper(sys, Float64Array.from([0.25, 0.5, 0.75, 0.5]), {
      method: 'explicit',
      rtol: 1e-6,
      atol: 1e-9,
      hmax: 1 - 2e-12,
    });
    let stepsAt50 = 0;
    for (let k = 1; k <= 400; k++) {
      s.advanceTo(k);
      expect(s.t).toBe(k);
      if (k === 50) stepsAt50 = s.steps;
    }
    // once the start-up transient (round-off forces of ~1e-13) has settled: one step per
    // sample interval, no sliver steps
    expect(s.steps - stepsAt50).toBe(350);
  });
});
