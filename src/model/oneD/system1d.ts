/**
 * The particle system on the circle T¹ (MATH §12), as a ParticleSystem the existing integrators take:
 * dx_i/dt = −(1/n) Σ_j b_i b_j V_δ'(x_i − x_j) − b_i U'(x_i) + b_i F, E_n as in 2D. Positions are
 * interleaved [x, 0] pairs (see pairKernel1d.ts); U may only hold modes with q = 0 and F₂ = 0.
 */
import { createSystem, type Summation } from '../dynamics/createSystem';
import type { ParticleSystem } from '../dynamics/particleSystem';
import type { CoreModel, ExternalField } from '../types';
import { FastSum1d } from './fastSum1d';
import { makeKernel1d } from './kernel1d';
import { pairKernel1d } from './pairKernel1d';

/**
 * From this n on the fast sum (fastSum1d.ts) replaces the direct loop. Measured crossover (one
 * evaluation, same process, tests/bench/oneD.ts, load ~3.5 on 2 cores): poisson ≈ 256 (its direct
 * loop has no table lookups: equal at 256, fast 2.4× ahead at 512), the tabulated cores below 128
 * (fast 1.7× ahead at 128, 8× at 256). Set with a ~2× margin.
 */
export function fastSum1dPays(core: CoreModel, n: number): boolean {
  return n >= (core === 'poisson' ? 512 : 256);
}

/** Throws a one-line message unless the field lives on the circle (modes with q = 0, F = [F₁, 0]). */
export function assertField1d(field: ExternalField): void {
  field.modes.forEach((m, i) => {
    if (m.q !== 0)
      throw new RangeError(`field.modes[${i}].q: must be 0 in 1D (U depends on x only), got ${m.q}`);
  });
  if (field.force[1] !== 0) throw new RangeError(`field.force[1]: must be 0 in 1D, got ${field.force[1]}`);
}

export function createSystem1d(
  core: CoreModel,
  delta: number,
  field: ExternalField,
  signs: Int8Array,
  summation: Summation = 'auto',
): ParticleSystem {
  assertField1d(field);
  const k = makeKernel1d(core, delta);
  const kernel = pairKernel1d(core, delta, k);
  return createSystem(
    kernel.spec,
    field,
    signs,
    kernel,
    summation,
    (n) => fastSum1dPays(core, n),
    (_kernel, n) => new FastSum1d(k, n),
  );
}

/** Interleaved [x, 0] positions from circle coordinates. */
export function embed1d(x: ArrayLike<number>): Float64Array {
  const pos = new Float64Array(2 * x.length);
  for (let i = 0; i < x.length; i++) pos[2 * i] = x[i];
  return pos;
}

/** Circle coordinates (x only) of interleaved positions, wrapped to [0,1). */
export function project1d(pos: ArrayLike<number>): Float64Array {
  const x = new Float64Array(pos.length / 2);
  for (let i = 0; i < x.length; i++) x[i] = pos[2 * i] - Math.floor(pos[2 * i]);
  return x;
}
