/**
 * The fast-sum plan's near cut-off (plan.ts cutoffRadius) against the scan it shortens: every
 * radius ½·0.995^k in turn, from the outside in, until the first whose near profile has a
 * component above ε (the radius before it is the cut-off). cutoffRadius looks at every 16th
 * radius first for the gaussian core; this checks that it finds the same radius for both
 * geometries, δ from 1e-12 to 0.1, grids 32 … 4096 and tolerances 1e-6 … 1e-12 (and that the
 * coarse scan would not for the ring core, which is therefore scanned radius by radius).
 */
import { describe, expect, it } from 'vitest';
import { COARSE_SCAN, cutoffRadius, ewaldNearProfile, profileExceeds } from '../../src/model/fastsum/plan';
import { zeroProfile } from '../../src/model/fastsum/profiles';
import { makeKernel } from '../../src/model/kernels';
import type { CoreModel, Geometry } from '../../src/model/types';

function fullScan(profile: Parameters<typeof cutoffRadius>[0], eps: number): number {
  const p = zeroProfile();
  let last = 0.5;
  for (let r = 0.5; r > 1e-6; r *= 0.995) {
    if (profileExceeds(profile, r, eps, p)) return last;
    last = r;
  }
  return last;
}

describe('fast-sum plan: the near cut-off', () => {
  it('equals the radius-by-radius scan for the gaussian core: both geometries, δ, grids, tolerances', () => {
    let cases = 0;
    const deltas = [1e-12, 1e-9, 1e-7, 1e-5, 1e-4, 1e-3, 3e-3, 0.01, 0.03, 0.05, 0.1];
    for (const geometry of ['isotropic', 'slip'] as Geometry[])
      for (const core of ['gaussian'] as CoreModel[])
        for (const delta of deltas) {
          const kernel = makeKernel({ geometry, core, delta });
          for (const M of [32, 64, 128, 256, 512, 1024, 2048, 4096])
            for (const eps of [1e-6, 1e-10, 1e-12]) {
              const { profile } = ewaldNearProfile(kernel, M / 4, eps);
              expect(
                cutoffRadius(profile, eps, COARSE_SCAN),
                `${geometry} ${core} δ ${delta} M ${M} ε ${eps}`,
              ).toBe(fullScan(profile, eps));
              cases++;
            }
        }
    expect(cases).toBe(2 * deltas.length * 8 * 3);
  });

  it('would miss the lone exceeding radius of the ring core (δ = 0.1, grid 32, ε = 1e-6): it is scanned in full', () => {
    const kernel = makeKernel({ geometry: 'isotropic', core: 'ring', delta: 0.1 });
    const { profile } = ewaldNearProfile(kernel, 8, 1e-6);
    expect(cutoffRadius(profile, 1e-6, COARSE_SCAN)).not.toBe(fullScan(profile, 1e-6));
    expect(cutoffRadius(profile, 1e-6)).toBe(fullScan(profile, 1e-6));
  });

  it('finds a cut-off inside the scan on its edges: the first radius, none, and one between coarse radii', () => {
    const step = (edge: number) => (q: number, out: ReturnType<typeof zeroProfile>) => {
      out.f = q < edge * edge ? 1 : 0;
      out.beta = 0;
      out.a = 0;
      out.b = 0;
      out.c = 0;
    };
    for (const edge of [0.6, 0.5, 0.4999, 0.3, 0.123, 0.01, 1e-7])
      expect(cutoffRadius(step(edge), 0.5, COARSE_SCAN), `edge ${edge}`).toBe(fullScan(step(edge), 0.5));
  });
});
