/**
 * Dipole statistics (MATH §8): for every particle the distance to the nearest particle of the
 * opposite sign (minimum image on T²), a log-scale histogram, and the fraction of "bound dipoles"
 * (distance < min(3δ, ¼ n^{−1/2}) by default; see DipoleOptions).
 *
 * Nearest neighbours by a cell list per sign (G×G cells, G ≈ √(n_sign)) searched in growing square
 * rings around the particle's cell until the ring cannot hold anything closer: O(n) for
 * reasonably spread configurations, never worse than a full scan.
 */
import type { Configuration } from '../types';

interface CellList {
  G: number;
  start: Int32Array; // G² + 1 offsets into items
  items: Int32Array; // particle indices sorted by cell
}

function cellOf(x: number, G: number): number {
  let c = Math.floor((x - Math.floor(x)) * G);
  if (c >= G) c = G - 1;
  if (c < 0) c = 0;
  return c;
}

function buildCellList(pos: Float64Array, idx: Int32Array, G: number): CellList {
  const start = new Int32Array(G * G + 1);
  const cell = new Int32Array(idx.length);
  for (let t = 0; t < idx.length; t++) {
    const p = idx[t];
    const c = cellOf(pos[2 * p + 1], G) * G + cellOf(pos[2 * p], G);
    cell[t] = c;
    start[c + 1]++;
  }
  for (let c = 0; c < G * G; c++) start[c + 1] += start[c];
  const fill = start.slice(0, G * G);
  const items = new Int32Array(idx.length);
  for (let t = 0; t < idx.length; t++) items[fill[cell[t]]++] = idx[t];
  return { G, start, items };
}

/** Squared minimum-image distance to the particles of one cell; returns the smaller of it and best2. */
function scanCell(pos: Float64Array, cl: CellList, c: number, x: number, y: number, best2: number): number {
  for (let s = cl.start[c]; s < cl.start[c + 1]; s++) {
    const q = cl.items[s];
    let dx = pos[2 * q] - x;
    let dy = pos[2 * q + 1] - y;
    dx -= Math.round(dx);
    dy -= Math.round(dy);
    const d2 = dx * dx + dy * dy;
    if (d2 < best2) best2 = d2;
  }
  return best2;
}

function nearestIn(pos: Float64Array, cl: CellList, x: number, y: number): number {
  const G = cl.G;
  const cx = cellOf(x, G);
  const cy = cellOf(y, G);
  let best2 = Number.POSITIVE_INFINITY;
  for (let r = 0; ; r++) {
    if (2 * r + 1 >= G) {
      // the ring wraps around the torus: finish with a full scan
      for (let c = 0; c < G * G; c++) best2 = scanCell(pos, cl, c, x, y, best2);
      return Math.sqrt(best2);
    }
    for (let b = -r; b <= r; b++) {
      const yy = (((cy + b) % G) + G) % G;
      const step = b === -r || b === r ? 1 : 2 * r; // interior rows: only the two ends
      for (let a = -r; a <= r; a += step) {
        const xx = (((cx + a) % G) + G) % G;
        best2 = scanCell(pos, cl, yy * G + xx, x, y, best2);
      }
    }
    // anything not yet scanned is at least r cells away
    const lim = r / G;
    if (best2 <= lim * lim) return Math.sqrt(best2);
  }
}

/**
 * Distance from each particle to the nearest particle of the opposite sign (minimum image), in the
 * input order; +Infinity when there is no particle of the opposite sign.
 */
export function nearestOppositeDistances(particles: Configuration): Float64Array {
  const { pos, signs } = particles;
  const n = signs.length;
  let np = 0;
  for (let i = 0; i < n; i++) if (signs[i] > 0) np++;
  const plusIdx = new Int32Array(np);
  const minusIdx = new Int32Array(n - np);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (signs[i] > 0) plusIdx[a++] = i;
    else minusIdx[b++] = i;
  }
  const grid = (m: number) => Math.max(1, Math.min(1024, Math.floor(Math.sqrt(m))));
  const clPlus = buildCellList(pos, plusIdx, grid(np));
  const clMinus = buildCellList(pos, minusIdx, grid(n - np));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const other = signs[i] > 0 ? clMinus : clPlus;
    out[i] =
      other.items.length === 0 ? Number.POSITIVE_INFINITY : nearestIn(pos, other, pos[2 * i], pos[2 * i + 1]);
  }
  return out;
}

export interface DipoleOptions {
  /** Number of histogram bins (default 40). */
  bins?: number;
  /** Histogram range [lo, hi] (defaults: a decade below min(δ, smallest distance), and √2/2). */
  lo?: number;
  hi?: number;
  /**
   * "Bound" means distance < min(boundFactor·δ, spacingFraction/√n) (defaults 3 and ¼): a few δ as
   * MATH §8 says, but never more than a quarter of the typical spacing, so that when δ is as large
   * as the spacing every nearest neighbour is not counted as a dipole partner.
   */
  boundFactor?: number;
  spacingFraction?: number;
}

export interface DipoleStatistics {
  /** Nearest opposite-sign distance per particle (input order). */
  distances: Float64Array;
  /** bins + 1 log-spaced edges; counts[b] counts edges[b] ≤ d < edges[b+1] (clamped into the range). */
  edges: Float64Array;
  counts: Int32Array;
  /** Particles closer than `boundRadius` to the other sign, and their fraction of all particles. */
  boundCount: number;
  boundFraction: number;
  /** min(boundFactor·δ, spacingFraction/√n). */
  boundRadius: number;
  /**
   * Median and geometric mean of the finite distances. With no particle of the opposite sign
   * (or no particle) there are none: both are then NO_PARTNER_DISTANCE, never NaN.
   */
  median: number;
  geometricMean: number;
}

/**
 * The nearest-opposite distance reported when a sign is absent: √2/2, the largest minimum-image
 * distance on T² (and the histogram's upper edge), the supremum any configuration can approach.
 * Finite, so it survives JSON; no particle is "bound" at this distance.
 */
export const NO_PARTNER_DISTANCE = Math.SQRT1_2;

export function dipoleStatistics(
  particles: Configuration,
  delta: number,
  opts: DipoleOptions = {},
): DipoleStatistics {
  const distances = nearestOppositeDistances(particles);
  const bins = opts.bins ?? 40;
  const boundRadius = Math.min(
    (opts.boundFactor ?? 3) * delta,
    (opts.spacingFraction ?? 0.25) / Math.sqrt(Math.max(1, particles.signs.length)),
  );
  const finite = Array.from(distances).filter((d) => Number.isFinite(d));
  finite.sort((x, y) => x - y);
  const positive = finite.filter((d) => d > 0);
  const dmin = positive.length > 0 ? positive[0] : delta;
  const base = Math.min(delta > 0 ? delta : dmin, dmin);
  const lo = opts.lo ?? 10 ** (Math.floor(Math.log10(base)) - 1);
  const hi = opts.hi ?? NO_PARTNER_DISTANCE;
  const edges = new Float64Array(bins + 1);
  const l0 = Math.log10(lo);
  const l1 = Math.log10(hi);
  for (let b = 0; b <= bins; b++) edges[b] = 10 ** (l0 + ((l1 - l0) * b) / bins);
  const counts = new Int32Array(bins);
  let boundCount = 0;
  let logSum = 0;
  for (const d of finite) {
    let b = Math.floor(((Math.log10(Math.max(d, Number.MIN_VALUE)) - l0) / (l1 - l0)) * bins);
    if (b < 0) b = 0;
    if (b >= bins) b = bins - 1;
    counts[b]++;
    if (d < boundRadius) boundCount++;
    logSum += Math.log(Math.max(d, Number.MIN_VALUE));
  }
  const n = distances.length;
  const m = finite.length;
  const median =
    m === 0
      ? NO_PARTNER_DISTANCE
      : m % 2 === 1
        ? finite[(m - 1) / 2]
        : 0.5 * (finite[m / 2 - 1] + finite[m / 2]);
  return {
    distances,
    edges,
    counts,
    boundCount,
    boundFraction: n > 0 ? boundCount / n : 0,
    boundRadius,
    median,
    geometricMean: m === 0 ? NO_PARTNER_DISTANCE : Math.exp(logSum / m),
  };
}
