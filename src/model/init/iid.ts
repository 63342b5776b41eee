import { createRng, type Rng } from '../random';
import type { Configuration } from '../types';
import { bumpShare, type DensitySpec, densityMasses, type GridDensity, rho, rhoBound } from './densities';
import { splitBySign } from './quantise';
import { wrap01 } from './torus';

/**
 * Independent samples from ρ±/m± with a seed (MATH §7). The split n+ : n− is the deterministic one
 * of the stratified sampler (only positions are random), so both samplers give the same signs.
 * uniform: direct; sine, stripes: rejection under the bound ½(1 + |a|) (acceptance ≥ ½);
 * bumps: exact mixture sampling (pick the background or a bump, then a wrapped normal), which stays
 * efficient for narrow bumps where rejection would not; grid: pick a cell by its weight, then a
 * uniform point in it (exact, and fast where only a few cells are painted).
 * Output order: all + particles, then all −.
 */
export function iidSample(spec: DensitySpec, n: number, seed: number): Configuration {
  const masses = densityMasses(spec);
  const { nPlus, nMinus } = splitBySign(n, masses.plus, masses.minus);
  const rng = createRng(seed);
  const pos = new Float64Array(2 * n);
  const signs = new Int8Array(n);
  signs.fill(1, 0, nPlus);
  signs.fill(-1, nPlus, n);
  if (spec.kind === 'grid') {
    sampleGrid(spec.G, spec.plus, nPlus, rng, pos, 0);
    sampleGrid(spec.G, spec.minus, nMinus, rng, pos, 2 * nPlus);
    return { pos, signs };
  }
  for (let i = 0; i < nPlus; i++) samplePoint(spec, 1, rng, pos, 2 * i);
  for (let i = 0; i < nMinus; i++) samplePoint(spec, -1, rng, pos, 2 * (nPlus + i));
  return { pos, signs };
}

/** k points from the piecewise-constant weights v of a G×G grid (binary search of the cumulative sum). */
function sampleGrid(
  G: GridDensity['G'],
  v: number[],
  k: number,
  rng: Rng,
  out: Float64Array,
  o: number,
): void {
  const cum = new Float64Array(v.length);
  let s = 0;
  for (let c = 0; c < v.length; c++) {
    s += v[c];
    cum[c] = s;
  }
  for (let i = 0; i < k; i++) {
    const u = rng.nextDouble() * s;
    let lo = 0;
    let hi = v.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    out[o + 2 * i] = ((lo % G) + rng.nextDouble()) / G;
    out[o + 2 * i + 1] = (Math.floor(lo / G) + rng.nextDouble()) / G;
  }
}

function samplePoint(spec: DensitySpec, sign: 1 | -1, rng: Rng, out: Float64Array, o: number): void {
  if (spec.kind === 'uniform') {
    out[o] = rng.nextDouble();
    out[o + 1] = rng.nextDouble();
    return;
  }
  if (spec.kind === 'bumps') {
    sampleBumps(spec, sign, rng, out, o);
    return;
  }
  const bound = rhoBound(spec, sign);
  for (;;) {
    const x = rng.nextDouble();
    const y = rng.nextDouble();
    if (rng.nextDouble() * bound < rho(spec, sign, x, y)) {
      out[o] = x;
      out[o + 1] = y;
      return;
    }
  }
}

function sampleBumps(
  spec: Extract<DensitySpec, { kind: 'bumps' }>,
  sign: 1 | -1,
  rng: Rng,
  out: Float64Array,
  o: number,
): void {
  let total = spec.background / 2;
  for (const b of spec.bumps) total += bumpShare(b, sign) * b.w;
  let pick = rng.nextDouble() * total - spec.background / 2;
  if (pick < 0) {
    out[o] = rng.nextDouble();
    out[o + 1] = rng.nextDouble();
    return;
  }
  // Walk the cumulative weights; round-off at the end falls back to the last bump with weight.
  let chosen = -1;
  for (let k = 0; k < spec.bumps.length; k++) {
    const w = bumpShare(spec.bumps[k], sign) * spec.bumps[k].w;
    if (w === 0) continue;
    chosen = k;
    if (pick < w) break;
    pick -= w;
  }
  const b = spec.bumps[chosen];
  out[o] = wrap01(b.x + b.sigma * rng.normal());
  out[o + 1] = wrap01(b.y + b.sigma * rng.normal());
}
