import type { Bump, DensitySpec, GridDensity } from './densities';
import { bumpImages, bumpShare, bumpsTotal, gridTotal, stripeProfile } from './densities';
import { erfDiff } from './erf';
import { gaussLegendre } from './gaussLegendre';

/** Cell averages of ρ± on an N×N grid, flat index j·N + i for the cell [i/N,(i+1)/N)×[j/N,(j+1)/N). */
export interface CellAverages {
  rhoPlus: Float64Array;
  rhoMinus: Float64Array;
}

const TWO_PI = 2 * Math.PI;

function sinc(t: number): number {
  return t === 0 ? 1 : Math.sin(t) / t;
}

/**
 * Exact (or round-off-level) cell averages of a density (MATH §7, §11):
 * - uniform, sine: closed form (the average of sin over a cell is its centre value × two sincs);
 * - bumps: products of 1D periodised-Gaussian cell masses from erf differences (exact);
 * - stripes: composite 16-point Gauss–Legendre in x₁ (the profile does not depend on x₂), with
 *   sub-intervals shorter than the tanh wall so the analytic-function error bound is below 1e-13;
 * - grid (painted): exact, from the overlaps of the N cells with the G coarse cells per axis.
 */
export function cellAverages(spec: DensitySpec, N: number): CellAverages {
  if (!Number.isInteger(N) || N < 1)
    throw new RangeError(`cellAverages: N must be a positive integer, got ${N}`);
  const rhoPlus = new Float64Array(N * N);
  const rhoMinus = new Float64Array(N * N);
  switch (spec.kind) {
    case 'uniform':
      rhoPlus.fill(0.5);
      rhoMinus.fill(0.5);
      break;
    case 'sine':
      fillSine(spec.a, spec.p, spec.q, N, rhoPlus, rhoMinus);
      break;
    case 'stripes':
      fillColumns(stripeColumnAverages(spec.a, spec.beta, spec.m, N), N, rhoPlus, rhoMinus);
      break;
    case 'bumps':
      fillBumps(spec.background, spec.bumps, N, rhoPlus, rhoMinus);
      break;
    case 'grid':
      fillGrid(spec, N, rhoPlus, rhoMinus);
      break;
  }
  return { rhoPlus, rhoMinus };
}

function fillSine(a: number, p: number, q: number, N: number, plus: Float64Array, minus: Float64Array): void {
  const h = 1 / N;
  const damp = sinc((Math.PI * p) / N) * sinc((Math.PI * q) / N);
  for (let j = 0; j < N; j++) {
    const yc = (j + 0.5) * h;
    for (let i = 0; i < N; i++) {
      const xc = (i + 0.5) * h;
      const k = a * damp * Math.sin(TWO_PI * (p * xc + q * yc));
      // |k| ≤ 1 up to round-off: clamp so that |a| = 1 cannot give −1e-17
      plus[j * N + i] = Math.max(0, 0.5 * (1 + k));
      minus[j * N + i] = Math.max(0, 0.5 * (1 - k));
    }
  }
}

/** Cell averages of κ-profile a·tanh(β sin 2πm x)/tanh β over the N columns. */
function stripeColumnAverages(a: number, beta: number, m: number, N: number): Float64Array {
  const rule = gaussLegendre(16);
  const h = 1 / N;
  // Nearest complex singularity of the profile is ≈ 1/(4mβ) from the real axis; 16-point rules on
  // pieces of length ≤ 1/(4 m max(β,1)) then converge past 1e-14.
  const pieces = Math.max(1, Math.ceil(h * 4 * m * Math.max(beta, 1)));
  const len = h / pieces;
  const out = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let k = 0; k < pieces; k++) {
      const mid = i * h + (k + 0.5) * len;
      for (let g = 0; g < rule.nodes.length; g++) {
        s += rule.weights[g] * stripeProfile(beta, m, mid + 0.5 * len * rule.nodes[g]);
      }
    }
    out[i] = (a * s * 0.5 * len) / h;
  }
  return out;
}

function fillColumns(kappa: Float64Array, N: number, plus: Float64Array, minus: Float64Array): void {
  for (let j = 0; j < N; j++) {
    for (let i = 0; i < N; i++) {
      plus[j * N + i] = Math.max(0, 0.5 * (1 + kappa[i]));
      minus[j * N + i] = Math.max(0, 0.5 * (1 - kappa[i]));
    }
  }
}

/**
 * Masses of the periodised 1D Gaussian (σ, centre c) in the N cells [i/N, (i+1)/N), as a cyclic
 * window: cell (first + k) mod N has mass values[k]; cells outside the window lie more than 9σ
 * from every image of c (mass < 1e-19) and are skipped, which makes narrow bumps cheap.
 */
export function gaussianCellWindow(
  c: number,
  sigma: number,
  N: number,
): { first: number; values: Float64Array } {
  const c0 = c - Math.floor(c);
  const M = bumpImages(sigma);
  const scale = 1 / (sigma * Math.SQRT2);
  const reach = 9 * sigma;
  let first = 0;
  let count = N;
  if (2 * reach * N + 2 < N) {
    first = Math.floor((c0 - reach) * N);
    count = Math.floor((c0 + reach) * N) - first + 1;
  }
  const values = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const i = first + k;
    const lo = i / N - c0;
    const hi = (i + 1) / N - c0;
    let s = 0;
    for (let m = -M; m <= M; m++) s += erfDiff((lo + m) * scale, (hi + m) * scale);
    values[k] = 0.5 * s;
  }
  return { first: ((first % N) + N) % N, values };
}

/** Dense version of gaussianCellWindow: the masses of all N cells. */
export function gaussianCellMasses(c: number, sigma: number, N: number): Float64Array {
  const { first, values } = gaussianCellWindow(c, sigma, N);
  const out = new Float64Array(N);
  for (let k = 0; k < values.length; k++) out[(first + k) % N] += values[k];
  return out;
}

function fillBumps(
  background: number,
  bumps: Bump[],
  N: number,
  plus: Float64Array,
  minus: Float64Array,
): void {
  const z = bumpsTotal({ background, bumps });
  plus.fill(background / 2 / z);
  minus.fill(background / 2 / z);
  const area = N * N;
  for (const b of bumps) {
    if (b.w === 0) continue;
    const gx = gaussianCellWindow(b.x, b.sigma, N);
    const gy = gaussianCellWindow(b.y, b.sigma, N);
    const wp = (bumpShare(b, 1) * b.w * area) / z;
    const wm = (bumpShare(b, -1) * b.w * area) / z;
    for (let ky = 0; ky < gy.values.length; ky++) {
      const row = ((gy.first + ky) % N) * N;
      for (let kx = 0; kx < gx.values.length; kx++) {
        const g = gx.values[kx] * gy.values[ky];
        const cell = row + ((gx.first + kx) % N);
        plus[cell] += wp * g;
        minus[cell] += wm * g;
      }
    }
  }
}

/**
 * Share of fine cell i (of N) that lies in coarse cell a (of G), as a sparse list per fine cell:
 * the overlap length of [i/N, (i+1)/N) and [a/G, (a+1)/G) divided by 1/N.
 */
function cellOverlaps(N: number, G: number): { a: number; w: number }[][] {
  const out: { a: number; w: number }[][] = [];
  for (let i = 0; i < N; i++) {
    const lo = i / N;
    const hi = (i + 1) / N;
    const parts: { a: number; w: number }[] = [];
    for (let a = Math.floor(lo * G); a < G && a / G < hi; a++) {
      const w = (Math.min(hi, (a + 1) / G) - Math.max(lo, a / G)) * N;
      if (w > 0) parts.push({ a, w });
    }
    out.push(parts);
  }
  return out;
}

function fillGrid(g: GridDensity, N: number, plus: Float64Array, minus: Float64Array): void {
  const scale = (g.G * g.G) / gridTotal(g);
  const ov = cellOverlaps(N, g.G);
  for (let j = 0; j < N; j++) {
    for (let i = 0; i < N; i++) {
      let p = 0;
      let m = 0;
      for (const y of ov[j])
        for (const x of ov[i]) {
          const c = y.a * g.G + x.a;
          p += x.w * y.w * g.plus[c];
          m += x.w * y.w * g.minus[c];
        }
      plus[j * N + i] = p * scale;
      minus[j * N + i] = m * scale;
    }
  }
}
