import type { Geometry } from '../types';
import {
  chebyshevCellIntegral,
  chebyshevCoefficients,
  chebyshevOnGrid,
  chebyshevOnSymmetricGrid,
  chebyshevPoints,
} from './chebyshev2d';
import { CORES, type CoreForms, coreForms, integralI, pairConstants, pairRadialA, pairSlip } from './cores';
import { gaussLegendre } from './gaussLegendre';
import { kernelMultiplier } from './multipliers';
import { type PlanarKernel, planarKernel } from './planarKernel';

/**
 * The smooth periodic remainder R = V_δ^per − P_δ(x) on the cell [−½, ½]², where P_δ is the R²
 * closed form (planarKernel.ts) on the minimum image. R is what the pair loop adds from a table.
 *
 * Exact evaluation (once per kernel, at Chebyshev points) uses an Ewald-type identity: with a
 * gaussian screen of width σ, V^per_δ = V^per_{gauss,σ} + Σ_m h(x + m), h = P_δ − P_{gauss,σ}, so
 *   R(x) = F_σ(x) − P_{gauss,σ}(x) + Σ_{m≠0} h(x + m),
 * F_σ a rapidly converging Fourier sum. h decays only algebraically for plummer/poisson cores and
 * for `slip` (its B-term), so images are summed exactly for |m|∞ ≤ M and the rest, by the midpoint
 * rule on unit cells, as the integral over |y|∞ > L = M + ½; its gradient is the boundary
 * integral −∮ h(x + y) n ds (Reynolds), its value ∫₀¹ ∇T(sx)·x ds. Values are defined up to a
 * constant, fixed at the end by ∫_cell V_δ = 0 (V̂₀ = 0).
 */
const SIGMA = 0.15;
const FOURIER_K = 10; // e^{−2π²σ²K²} = e^{−44}
/**
 * Images summed exactly: h decays algebraically for slip and the algebraic cores (16, plus the
 * tail), and faster than any power for a compact isotropic core. For the gaussian core h =
 * ½(E₁(r²/2σ²) − E₁(r²/2δ²)) < e^{−45} beyond r = √90·max(σ, δ), and the images left out sit
 * at r ≥ box + ½ from the cell: box 1 for δ ≤ 0.15 (9 images instead of 49, one third of the
 * kernel build at small δ), up to 3 (the ring core's, whose h is not a pair of E₁, always 3).
 */
export function imageBox(geometry: Geometry, forms: CoreForms): number {
  if (geometry !== 'isotropic' || !CORES[forms.core].compactIsotropic) return 16;
  if (forms.core !== 'gaussian') return 3;
  const reach = Math.sqrt(90) * Math.max(SIGMA, forms.delta);
  return Math.min(3, Math.max(1, Math.ceil(reach - 0.5)));
}
const CHEB_COUNT = 34; // even (points in ± pairs); coefficients reach 1e-17; value error ~1e-13 (28: 1e-11)
export const TABLE_CELLS = 256;

interface Mode {
  k1: number;
  k2: number;
  c: number;
}

function smoothModes(geometry: Geometry): Mode[] {
  const modes: Mode[] = [];
  for (let k1 = 0; k1 <= FOURIER_K; k1++)
    for (let k2 = -FOURIER_K; k2 <= FOURIER_K; k2++) {
      if (k1 === 0 && k2 <= 0) continue; // half plane; the conjugate half doubles the cosine
      const kk = k1 * k1 + k2 * k2;
      const c =
        2 * kernelMultiplier(geometry, k1, k2) * Math.exp(-2 * Math.PI * Math.PI * SIGMA * SIGMA * kk);
      if (c > 1e-18) modes.push({ k1, k2, c });
    }
  return modes;
}

/**
 * What ExactRemainder.evaluate sums: everything; the smooth part and the images |m|∞ ≤ 1; the
 * images |m|∞ = 2; those beyond; the far-image tail.
 */
export type RemainderPart = 'all' | 'near' | 'ring2' | 'far' | 'tail';

export class ExactRemainder {
  private readonly modes: Mode[];
  private readonly target: PlanarKernel;
  private readonly screen: PlanarKernel;
  private readonly hAtLattice: Float64Array;
  private readonly edge = gaussLegendre(8);
  readonly hasTail: boolean;
  private readonly g = new Float64Array(4);
  private readonly cx = new Float64Array(FOURIER_K + 1);
  private readonly sx = new Float64Array(FOURIER_K + 1);
  private readonly cy = new Float64Array(FOURIER_K + 1);
  private readonly sy = new Float64Array(FOURIER_K + 1);

  constructor(
    readonly geometry: Geometry,
    readonly forms: CoreForms,
    readonly box = imageBox(geometry, forms),
  ) {
    this.modes = smoothModes(geometry);
    // a compact isotropic core: h < e^{−40} beyond the box
    this.hasTail = !(geometry === 'isotropic' && CORES[forms.core].compactIsotropic);
    this.target = planarKernel(geometry, forms);
    this.screen = planarKernel(geometry, coreForms('gaussian', SIGMA));
    const side = 2 * box + 1;
    this.hAtLattice = new Float64Array(side * side);
    for (let a = -box; a <= box; a++)
      for (let b = -box; b <= box; b++)
        if (a !== 0 || b !== 0) this.hAtLattice[(a + box) * side + b + box] = this.h(a, b);
  }

  private h(x: number, y: number): number {
    return this.target.value(x, y) - this.screen.value(x, y);
  }

  private hGrad(x: number, y: number, out: Float64Array, o: number): void {
    this.target.gradient(x, y, out, o);
    this.screen.gradient(x, y, this.g, 2);
    out[o] -= this.g[2];
    out[o + 1] -= this.g[3];
  }

  /**
   * The midpoint rule on unit cells: ∫_cell f = f(m) + Δf/24 + (∂₁⁴ + ∂₂⁴)f/1920 + ∂₁²∂₂²f/576 + …,
   * so Σ_m f(m) = ∫ [f − Δf/24 + 7(∂₁⁴ + ∂₂⁴)f/5760 + ∂₁²∂₂²f/576] + O(∂⁶f). Integrating this
   * corrected h over the far region makes the image sum exact to O(L⁻⁷) instead of O(L⁻³).
   * Derivatives by a 13-point stencil (step ¼; h is smooth on the scale L ≥ 16 out there).
   */
  private hCorrected(x: number, y: number): number {
    const e = 0.25;
    const c = this.h(x, y);
    const xp = this.h(x + e, y);
    const xm = this.h(x + -e, y);
    const yp = this.h(x, y + e);
    const ym = this.h(x, y + -e);
    const xpp = this.h(x + 2 * e, y);
    const xmm = this.h(x + -2 * e, y);
    const ypp = this.h(x, y + 2 * e);
    const ymm = this.h(x, y + -2 * e);
    const e2 = e * e;
    const e4 = e2 * e2;
    const dxx = (-xpp + 16 * xp - 30 * c + 16 * xm - xmm) / (12 * e2);
    const dyy = (-ypp + 16 * yp - 30 * c + 16 * ym - ymm) / (12 * e2);
    const dxxxx = (xpp - 4 * xp + 6 * c - 4 * xm + xmm) / e4;
    const dyyyy = (ypp - 4 * yp + 6 * c - 4 * ym + ymm) / e4;
    const corners =
      this.h(x + e, y + e) + this.h(x + e, y + -e) + this.h(x + -e, y + e) + this.h(x + -e, y + -e);
    const dxxyy = (corners - 2 * (xp + xm + yp + ym) + 4 * c) / e4;
    return c - (dxx + dyy) / 24 + (7 * (dxxxx + dyyyy)) / 5760 + dxxyy / 576;
  }

  /** Gradient of the far-image sum Σ_{|m|∞>M} ∇h(x+m) ≈ ∫_{|y|∞>L} ∇h(x+y) dy, corrected. */
  private tailGradient(x: number, y: number, out: Float64Array): void {
    const L = this.box + 0.5;
    const panels = 4;
    const width = (2 * L) / panels;
    let gx = 0;
    let gy = 0;
    for (let p = 0; p < panels; p++) {
      const mid = -L + (p + 0.5) * width;
      for (let i = 0; i < this.edge.nodes.length; i++) {
        const t = mid + 0.5 * width * this.edge.nodes[i];
        const w = 0.5 * width * this.edge.weights[i];
        gx += w * (this.hCorrected(x + L, y + t) - this.hCorrected(x - L, y + t));
        gy += w * (this.hCorrected(x + t, y + L) - this.hCorrected(x + t, y - L));
      }
    }
    out[0] = -gx;
    out[1] = -gy;
  }

  /**
   * [R(x) − T(x), ∂₁R, ∂₂R, ∂₁T, ∂₂T] into out[0..4] for x in the cell, R up to the global
   * constant, T the far-image tail (its value is integrated from its gradient by the builder).
   */
  evaluate(x: number, y: number, out: Float64Array, part: RemainderPart = 'all'): void {
    out[3] = 0;
    out[4] = 0;
    if (part !== 'all' && part !== 'near') {
      out[0] = 0;
      out[1] = 0;
      out[2] = 0;
      if (part === 'ring2') this.images(x, y, 2, 2, out);
      else if (part === 'far') this.images(x, y, 3, this.box, out);
      else if (this.hasTail) this.addTail(x, y, out);
      return;
    }
    this.smooth(x, y, out);
    this.images(x, y, 1, part === 'near' ? 1 : this.box, out);
    if (part === 'all' && this.hasTail) this.addTail(x, y, out);
  }

  private addTail(x: number, y: number, out: Float64Array): void {
    const tail = this.g;
    this.tailGradient(x, y, tail);
    out[1] += tail[0];
    out[2] += tail[1];
    out[3] = tail[0];
    out[4] = tail[1];
  }

  /** Adds Σ over images from ≤ |m|∞ ≤ to of [h(x + m) − h(m), ∇h] to out[0..2]. */
  private images(x: number, y: number, from: number, to: number, out: Float64Array): void {
    let value = out[0];
    let gx = out[1];
    let gy = out[2];
    const box = Math.min(to, this.box);
    const side = 2 * this.box + 1;
    for (let a = -box; a <= box; a++)
      for (let b = -box; b <= box; b++) {
        if ((a === 0 && b === 0) || Math.max(Math.abs(a), Math.abs(b)) < from) continue;
        value += this.h(x + a, y + b) - this.hAtLattice[(a + this.box) * side + b + this.box];
        this.hGrad(x + a, y + b, this.g, 0);
        gx += this.g[0];
        gy += this.g[1];
      }
    out[0] = value;
    out[1] = gx;
    out[2] = gy;
  }

  /** F_σ − P_{gauss,σ} and its gradient into out[0..2]. */
  private smooth(x: number, y: number, out: Float64Array): void {
    let value = 0;
    let gx = 0;
    let gy = 0;
    const twoPi = 2 * Math.PI;
    // e^{2πi(k₁x + k₂y)} from the 2(K + 1) phases of each coordinate: 44 sines and cosines per
    // point instead of 2 per mode (~290); the products agree to ~1e-16 of each term
    const { cx, sx, cy, sy } = this;
    for (let k = 0; k <= FOURIER_K; k++) {
      cx[k] = Math.cos(twoPi * k * x);
      sx[k] = Math.sin(twoPi * k * x);
      cy[k] = Math.cos(twoPi * k * y);
      sy[k] = Math.sin(twoPi * k * y);
    }
    for (const m of this.modes) {
      const k2 = m.k2 < 0 ? -m.k2 : m.k2;
      const s2 = m.k2 < 0 ? -sy[k2] : sy[k2];
      const cos = cx[m.k1] * cy[k2] - sx[m.k1] * s2;
      const sin = sx[m.k1] * cy[k2] + cx[m.k1] * s2;
      value += m.c * cos;
      const s = -m.c * twoPi * sin;
      gx += s * m.k1;
      gy += s * m.k2;
    }
    value -= this.screen.value(x, y);
    this.screen.gradient(x, y, this.g, 0);
    gx -= this.g[0];
    gy -= this.g[1];
    out[0] = value;
    out[1] = gx;
    out[2] = gy;
  }
}

/** ∫ over the cell [−½, ½]² of the planar kernel P_δ (the angular part of `slip` integrates to 0). */
export function planarCellIntegral(geometry: Geometry, forms: CoreForms): number {
  // 8 ∫₀^{π/4} I(ρ(θ)) dθ with ρ(θ) = 1/(2 cos θ): the square in polar coordinates.
  const gl = gaussLegendre(24);
  let s = 0;
  for (let i = 0; i < gl.nodes.length; i++) {
    const theta = (Math.PI / 8) * (1 + gl.nodes[i]);
    s += (Math.PI / 8) * gl.weights[i] * integralI(forms, 1 / (2 * Math.cos(theta)));
  }
  return 8 * s + (geometry === 'slip' ? 0.5 : 0);
}

/**
 * Uniform tables on the cell: ∂₁R, ∂₂R on [−½ − h, ½ + h]² (one ghost node each side, for cubic
 * stencils: the hot path) and R on [−½ − 2h, ½ + 2h]² (two ghosts, quintic stencils: energies need
 * ~1e-12 absolute because E_n is a sum with cancellations).
 */
export interface RemainderTables {
  readonly cells: number;
  /** Built on first use: the velocities never read it (a sixth of a cold start at n = 1000). */
  readonly value: Float64Array;
  /** ∂₁R, ∂₂R interleaved per node: one cache line serves both components in the hot loop. */
  readonly grad: Float64Array;
  /** R(0, 0), the value table's node at the origin (without building the table). */
  readonly atOrigin: number;
}

class Tables implements RemainderTables {
  private values: Float64Array | null = null;
  readonly atOrigin: number;

  constructor(
    readonly cells: number,
    readonly grad: Float64Array,
    private readonly cv: Float64Array,
  ) {
    // the same sums as the grid's node at 0 (valueNodes[cells/2 + 2] = 0 exactly)
    this.atOrigin = chebyshevOnSymmetricGrid(cv, CHEB_COUNT, Float64Array.of(0), 1, 1)[0];
  }

  get value(): Float64Array {
    if (!this.values) {
      const h = 1 / this.cells;
      const valueNodes = new Float64Array(this.cells + 5);
      for (let i = 0; i < valueNodes.length; i++) valueNodes[i] = -0.5 + (i - 2) * h;
      this.values = chebyshevOnSymmetricGrid(this.cv, CHEB_COUNT, valueNodes, 1, 1);
    }
    return this.values;
  }
}

/**
 * T(x) = ∫₀¹ ∇T(sx)·x ds (T(0) = 0), with ∇T read from its own Chebyshev interpolant: for each
 * quadrature node s the whole scaled grid (s·x_a, s·x_b) at once (separable, the same sums in the
 * same order as point by point).
 */
function addTailValue(
  sv: Float64Array,
  tx: Float64Array,
  ty: Float64Array,
  pts: Float64Array,
  n: number,
): void {
  if (tx.every((v) => v === 0) && ty.every((v) => v === 0)) return;
  const cx = chebyshevCoefficients(tx, n);
  const cy = chebyshevCoefficients(ty, n);
  const gl = gaussLegendre(6);
  const t = new Float64Array(n * n);
  const scaled = new Float64Array(n);
  for (let i = 0; i < gl.nodes.length; i++) {
    const s = 0.5 * (1 + gl.nodes[i]);
    for (let a = 0; a < n; a++) scaled[a] = s * pts[a];
    const gx = chebyshevOnGrid(cx, n, scaled, scaled);
    const gy = chebyshevOnGrid(cy, n, scaled, scaled);
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++)
        t[a * n + b] += 0.5 * gl.weights[i] * (gx[a * n + b] * pts[a] + gy[a * n + b] * pts[b]);
  }
  for (let q = 0; q < n * n; q++) sv[q] += t[q];
}

const RING2_COUNT = 20;
const FAR_COUNT = 16;
const TAIL_COUNT = 8;

/**
 * [R, ∂₁R, ∂₂R, ∂₁T, ∂₂T] (as ExactRemainder.evaluate writes them) on the tensor grid pts²
 * (pts a ± symmetric Chebyshev set). V_δ^per, P_δ and so R are even in x₁ and in x₂ separately
 * (radial cores, the slip factor x₁² − x₂², the square lattice): one quadrant is evaluated, the
 * other three are its mirror images (∂₁R, ∂₁T odd in x₁; ∂₂R, ∂₂T in x₂). The mirrored points
 * differ from the computed ones by an ulp, so the tables move at rounding level only.
 */
function quadrantSamples(
  pts: Float64Array,
  evaluate: (x: number, y: number, out: Float64Array) => void,
): Float64Array[] {
  const n = pts.length;
  const s = [0, 1, 2, 3, 4].map(() => new Float64Array(n * n));
  const out = new Float64Array(5);
  const half = n / 2;
  for (let a = 0; a < half; a++)
    for (let b = 0; b < half; b++) {
      evaluate(pts[a], pts[b], out);
      for (let qa = 0; qa < 2; qa++)
        for (let qb = 0; qb < 2; qb++) {
          const k = (qa ? n - 1 - a : a) * n + (qb ? n - 1 - b : b);
          const fx = qa ? -1 : 1;
          const fy = qb ? -1 : 1;
          s[0][k] = out[0];
          s[1][k] = fx * out[1];
          s[2][k] = fy * out[2];
          s[3][k] = fx * out[3];
          s[4][k] = fy * out[4];
        }
    }
  return s;
}

export function buildRemainderTables(
  geometry: Geometry,
  forms: CoreForms,
  cells = TABLE_CELLS,
): RemainderTables {
  const exact = new ExactRemainder(geometry, forms);
  const pts = chebyshevPoints(CHEB_COUNT);
  const n = CHEB_COUNT;
  // The images beyond the nearest ring are analytic in the cell with singularities ≥ k − ½ away
  // for |m|∞ ≥ k (in the complex plane too: |x + m|² = 0 needs |Im x| ≥ k − ½), so Chebyshev
  // interpolants of 20² points (k = 2: ~6^{−20}·|h|), 16² (k = 3: ~10^{−16}·|h|) and 8² (the
  // tail, k = 16) carry them to rounding (checked against exact sums: ≤ 2e-15 in ∂R, 3e-14 in R,
  // the sums' own noise): slip (box 16, ~3000 of ~3300 core evaluations per point) evaluates
  // them at 100, 64 and 16 points instead of 289.
  const [sv, sx, sy, tx, ty] = quadrantSamples(pts, (x, y, out) => exact.evaluate(x, y, out, 'near'));
  const targets = [sv, sx, sy, tx, ty];
  for (const [part, count] of [
    ['ring2', exact.box >= 2 ? RING2_COUNT : 0],
    ['far', exact.box >= 3 ? FAR_COUNT : 0],
    ['tail', exact.hasTail ? TAIL_COUNT : 0],
  ] as const) {
    if (count === 0) continue;
    const samples = quadrantSamples(chebyshevPoints(count), (x, y, out) => exact.evaluate(x, y, out, part));
    for (let f = 0; f < 5; f++) {
      const atPts = chebyshevOnGrid(chebyshevCoefficients(samples[f], count), count, pts, pts);
      for (let k = 0; k < n * n; k++) targets[f][k] += atPts[k];
    }
  }
  addTailValue(sv, tx, ty, pts, n);
  const cv = chebyshevCoefficients(sv, n);
  const constant = -(planarCellIntegral(geometry, forms) + chebyshevCellIntegral(cv, n));
  cv[0] += constant;
  const h = 1 / cells;
  const nodes = new Float64Array(cells + 3);
  for (let i = 0; i < nodes.length; i++) nodes[i] = -0.5 + (i - 1) * h;
  // nodes ±k·h exactly (h = 2⁻⁸), parities those of R: even in each variable
  const grad = new Float64Array(2 * nodes.length * nodes.length);
  chebyshevOnSymmetricGrid(chebyshevCoefficients(sx, n), n, nodes, -1, 1, grad, 2, 0);
  chebyshevOnSymmetricGrid(chebyshevCoefficients(sy, n), n, nodes, 1, -1, grad, 2, 1);
  exactEdges(geometry, forms, nodes, grad);
  return new Tables(cells, grad, cv);
}

/**
 * ∂₁V^per vanishes on x₁ = ±½ and ∂₂V^per on x₂ = ±½ (V^per is even in each coordinate and
 * 1-periodic), so there ∂R = −∂P exactly: the edge nodes get that value (the series' own is
 * off by ~4e-13), with P's gradient as the pair loops compute it, so that a pair exactly half a
 * period apart feels no force at all (its rest state is exact: the explicit stepper then takes
 * hmax steps, tests/unit/integrate.stepFloor.test.ts).
 */
function exactEdges(geometry: Geometry, forms: CoreForms, nodes: Float64Array, grad: Float64Array): void {
  const L = nodes.length;
  const c = pairConstants(forms.core, forms.delta);
  const prof = new Float64Array(3);
  const planarGrad = (dx: number, dy: number, d: 0 | 1): number => {
    const q = dx * dx + dy * dy;
    if (geometry === 'isotropic') return pairRadialA(q, c) * (d === 0 ? dx : dy);
    pairSlip(q, c, prof);
    const w2 = ((dx * dx - dy * dy) / q) * prof[2];
    const bn2 = (2 * prof[1]) / q;
    return d === 0 ? dx * (prof[0] + w2 + bn2 * dy * dy) : dy * (prof[0] + w2 - bn2 * dx * dx);
  };
  // nodes[1] = −½ and nodes[L − 2] = ½ exactly (h = 2⁻⁸)
  for (const e of [1, L - 2])
    for (let j = 0; j < L; j++) {
      grad[2 * (e * L + j)] = -planarGrad(nodes[e], nodes[j], 0);
      grad[2 * (j * L + e) + 1] = -planarGrad(nodes[j], nodes[e], 1);
    }
}
