import { createRng, type Rng } from '../random';
import type { Configuration, Geometry } from '../types';
import { cellAverages } from './cellAverages';
import { placeByCells } from './cellPlacement';
import type { DensitySpec } from './densities';
import { wrap01 } from './torus';

export type DipoleOrientation = 'horizontal' | 'vertical' | 'random';
export const DIPOLE_ORIENTATIONS: readonly DipoleOrientation[] = ['horizontal', 'vertical', 'random'];

export interface DipoleOptions {
  /** ρ◦ is taken as the neutral part ½(ρ+ + ρ−) of this density (the construction needs ρ+ = ρ−). */
  density: DensitySpec;
  /** Number of particles, even: n/2 dipoles. */
  n: number;
  /** Core radius δ. */
  delta: number;
  /** Half-width factor: |d_k| = γδ, so each ± pair is 2γδ apart. */
  gamma: number;
  orientation: DipoleOrientation;
  seed: number;
  geometry: Geometry;
}

/**
 * In slip geometry a dipole with d·e₂ = 0 sits on one slip plane and collapses; random directions
 * there are drawn with |sin θ| ≥ this bound (≥ 5.7° away from horizontal).
 */
export const SLIP_MIN_SIN = 0.1;

/** Why `opts` cannot produce dipoles, as [field, message], or null when it can. */
export function dipoleOptionsProblem(
  opts: Pick<DipoleOptions, 'n' | 'orientation' | 'geometry'>,
): [string, string] | null {
  if (opts.n % 2 !== 0) return ['n', `short dipoles need an even number of particles, got ${opts.n}`];
  if (opts.geometry === 'slip' && opts.orientation === 'horizontal') {
    return [
      'orientation',
      'horizontal dipoles lie on one slip plane (d·e₂ = 0) and are not allowed in slip geometry; use vertical or random',
    ];
  }
  return null;
}

/**
 * The paper's counterexample initial data (§4.1, MATH §7): n/2 dipole centres z_k on a lattice
 * adapted to ρ◦ (cells of side 1/G, G = ⌈√(n/2)⌉, counts ∝ cell masses, points at sub-cell centres,
 * so centres are ≥ 1/(G·r_max) apart with r_max = ⌈√(largest cell count)⌉ ≈ √(1 + max ρ◦)); each
 * dipole is + at z_k + d_k and − at z_k − d_k with |d_k| = γδ.
 * Output order: pairs (+, −) at indices (2k, 2k+1).
 */
export function shortDipoles(opts: DipoleOptions): Configuration {
  const problem = dipoleOptionsProblem(opts);
  if (problem) throw new RangeError(`${problem[0]}: ${problem[1]}`);
  const K = opts.n / 2;
  const rng = createRng(opts.seed);
  const G = Math.max(1, Math.ceil(Math.sqrt(K)));
  const avg = cellAverages(opts.density, G);
  const weights = new Float64Array(G * G);
  for (let c = 0; c < G * G; c++) weights[c] = avg.rhoPlus[c] + avg.rhoMinus[c];
  const centres = placeByCells(weights, G, K, rng, false);
  const half = opts.gamma * opts.delta;
  const pos = new Float64Array(2 * opts.n);
  const signs = new Int8Array(opts.n);
  const dir = new Float64Array(2);
  for (let k = 0; k < K; k++) {
    direction(opts.orientation, opts.geometry, rng, dir);
    const zx = centres[2 * k];
    const zy = centres[2 * k + 1];
    pos[4 * k] = wrap01(zx + half * dir[0]);
    pos[4 * k + 1] = wrap01(zy + half * dir[1]);
    pos[4 * k + 2] = wrap01(zx - half * dir[0]);
    pos[4 * k + 3] = wrap01(zy - half * dir[1]);
    signs[2 * k] = 1;
    signs[2 * k + 1] = -1;
  }
  return { pos, signs };
}

/** A unit vector: fixed, or uniform on the circle (rejection from the disk: no trig, portable). */
function direction(o: DipoleOrientation, geometry: Geometry, rng: Rng, out: Float64Array): void {
  if (o === 'horizontal') {
    out[0] = 1;
    out[1] = 0;
    return;
  }
  if (o === 'vertical') {
    out[0] = 0;
    out[1] = 1;
    return;
  }
  for (;;) {
    const u = 2 * rng.nextDouble() - 1;
    const v = 2 * rng.nextDouble() - 1;
    const r2 = u * u + v * v;
    if (r2 > 1 || r2 < 1e-6) continue;
    const r = Math.sqrt(r2);
    if (geometry === 'slip' && Math.abs(v) < SLIP_MIN_SIN * r) continue;
    out[0] = u / r;
    out[1] = v / r;
    return;
  }
}
