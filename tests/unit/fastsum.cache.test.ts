/**
 * The construction caches (the screen's radial tables by (shape, c), Gauss–Legendre rules) must
 * not change any answer: fast sums built one after another in one process, for slip (whose
 * screens' Laplacian weight c differs with δ and the grid) and isotropic kernels, each agree with
 * the direct O(n²) sum of their kernel, and a rebuild of the first, after the others filled the
 * caches, gives the first's result bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { createFastSum } from '../../src/model/fastsum';
import { makeKernel } from '../../src/model/kernels';
import type { Geometry } from '../../src/model/types';
import { rng } from './testRng';

function run(geometry: Geometry, delta: number, n: number) {
  const r = rng(7);
  const pos = new Float64Array(2 * n);
  for (let k = 0; k < 2 * n; k++) pos[k] = r();
  const signs = new Int8Array(n);
  for (let i = 0; i < n; i++) signs[i] = i % 2 === 0 ? 1 : -1;
  // a short dipole, so the core is inside the near field
  pos[2] = pos[0] + 3 * delta;
  pos[3] = pos[1] - 2 * delta;
  const kernel = makeKernel({ geometry, core: 'gaussian', delta });
  const fast = new Float64Array(2 * n);
  createFastSum(kernel, n).accumulate(pos, signs, fast);
  const direct = new Float64Array(2 * n);
  kernel.accumulate(pos, signs, direct);
  let worst = 0;
  let ms = 0;
  for (let i = 0; i < 2 * n; i++) {
    worst = Math.max(worst, Math.abs(fast[i] - direct[i]));
    ms += direct[i] ** 2;
  }
  return { fast, error: worst / Math.sqrt(ms / n) };
}

describe.each<Geometry>(['slip', 'isotropic'])('fast sums built in sequence (%s)', (geometry) => {
  it('each matches the direct sum (≤ 1e-7), a rebuild the first bit for bit', () => {
    const first = run(geometry, 1e-3, 400);
    expect(first.error).toBeLessThan(1e-7);
    for (const [delta, n] of [
      [3e-3, 300],
      [1e-7, 500],
    ] as const)
      expect(run(geometry, delta, n).error).toBeLessThan(1e-7);
    const again = run(geometry, 1e-3, 400);
    expect(Array.from(again.fast)).toEqual(Array.from(first.fast));
  });
});
