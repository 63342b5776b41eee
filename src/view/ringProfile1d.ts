// Pure geometry of a density profile around the ring of T¹ (DOM-free, unit-tested): the band
// between the circle and the curve r = R ± offset(ρ), in world units (y up, the ring of
// ringLayout1d(1) flipped so x = 0 stays at the top and x grows clockwise on screen).
import { profileOffset, type RingLayout1d, ringPoint } from './ringLayout1d';

/** Ring point in world units (the layout is in y-down view units of a unit square). */
export function ringWorld(layout: RingLayout1d, x: number, offset = 0): [number, number] {
  const [px, py] = ringPoint(layout, x, offset);
  return [px, 1 - py];
}

/**
 * A scale for the profiles that changes rarely: the smallest of 1, 1.5, 2, 3, 5, 7.5, 10, 15, …
 * at or above max ρ (ρ = 1, twice the uniform ρ± = ½, at the least).
 */
export function profileScale(maxRho: number): number {
  const steps = [1, 1.5, 2, 3, 5, 7.5];
  let decade = 1;
  for (let guard = 0; guard < 40; guard++, decade *= 10)
    for (const s of steps) if (s * decade >= maxRho) return s * decade;
  return Number.MAX_VALUE;
}

/**
 * Vertices of the band of N cell averages (cell c centred at (c + ½)/N, the profile linear between
 * centres, closed around the ring): 2(N + 1) points, pairs (on the circle, on the curve), so the
 * triangle strip (2c, 2c+1, 2c+2), (2c+1, 2c+3, 2c+2) fills it. `side` +1 draws outside the
 * circle (ρ+), −1 inside (ρ−). Returns x, y, 0 triples into `out` (length 6(N + 1)).
 */
export function bandVertices(
  layout: RingLayout1d,
  cells: ArrayLike<number>,
  scale: number,
  side: 1 | -1,
  out: Float32Array,
): Float32Array {
  const N = cells.length;
  for (let c = 0; c <= N; c++) {
    const x = (c + 0.5) / N;
    const off = side * profileOffset(layout, cells[c % N], scale);
    const [ax, ay] = ringWorld(layout, x);
    const [bx, by] = ringWorld(layout, x, off);
    out.set([ax, ay, 0, bx, by, 0], 6 * c);
  }
  return out;
}

/** Triangle indices of the band strip for N cells. */
export function bandIndices(N: number): Uint32Array {
  const idx = new Uint32Array(6 * N);
  for (let c = 0; c < N; c++) idx.set([2 * c, 2 * c + 1, 2 * c + 2, 2 * c + 1, 2 * c + 3, 2 * c + 2], 6 * c);
  return idx;
}

/**
 * The particles' densities on M bins by linear (cloud-in-cell) weights: a particle at x shares
 * 1/n between the two bin centres (b + ½)/M around it, so a lattice of particles finer than the bins
 * gives a flat profile (plain counts would alias: 100 dipoles in 16 bins make 6s and 7s).
 * plus[b] = M·Σ_{b_i = +1} w_ib/n, so Σ plus/M = n₊/n, on the scale of the PDE's ρ+.
 */
export function histograms1d(
  pos: ArrayLike<number>,
  signs: ArrayLike<number>,
  M: number,
): { plus: Float64Array; minus: Float64Array } {
  const plus = new Float64Array(M);
  const minus = new Float64Array(M);
  const n = signs.length;
  for (let i = 0; i < n; i++) {
    const u = (pos[2 * i] - Math.floor(pos[2 * i])) * M - 0.5;
    const j = Math.floor(u);
    const w = u - j;
    const out = signs[i] > 0 ? plus : minus;
    out[(j + M) % M] += ((1 - w) * M) / n;
    out[(j + 1) % M] += (w * M) / n;
  }
  return { plus, minus };
}

/** Bins for n particles: about 8 per species per bin, 16 … 128. */
export const histogramBins = (n: number) => Math.max(16, Math.min(128, Math.round(n / 16)));

/** The closed curve through the M bin values at their centres (M points), x, y, 0 triples. */
export function binCurveVertices(
  layout: RingLayout1d,
  bins: ArrayLike<number>,
  scale: number,
  side: 1 | -1,
  out: Float32Array,
): Float32Array {
  const M = bins.length;
  for (let b = 0; b < M; b++) {
    const off = side * profileOffset(layout, bins[b], scale);
    out.set([...ringWorld(layout, (b + 0.5) / M, off), 0], 3 * b);
  }
  return out;
}
