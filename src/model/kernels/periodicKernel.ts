import type { InteractionSpec } from '../types';
import { type CoreForms, coreForms } from './cores';
import type { PairKernel } from './pairKernel';
import { accumulatePairGradients, pairEnergySum, remainderValue } from './pairSums';
import { type PlanarKernel, planarKernel } from './planarKernel';
import { buildRemainderTables, type RemainderTables } from './remainder';

/**
 * V_δ^per(d) = P_δ(d*) + R(d*), d* the minimum image in [−½, ½)²: the closed-form R² kernel
 * carries the singular core exactly, the smooth periodic remainder R comes from tables read with
 * tensor cubic Lagrange stencils (error ~ h⁴·R⁽⁴⁾ ≈ 1e-9 at h = 1/256).
 */
export class PeriodicKernel implements PairKernel {
  readonly selfValue: number;
  readonly lambda: number;
  private readonly planar: PlanarKernel;
  readonly forms: CoreForms;
  readonly tables: RemainderTables;
  private readonly stride: number;
  private readonly wx = new Float64Array(4);
  private readonly wy = new Float64Array(4);
  private readonly g = new Float64Array(2);
  private readonly qx = new Float64Array(6);
  private readonly qy = new Float64Array(6);

  constructor(readonly spec: InteractionSpec) {
    const forms = coreForms(spec.core, spec.delta);
    this.forms = forms;
    this.planar = planarKernel(spec.geometry, forms);
    this.tables = buildRemainderTables(spec.geometry, forms);
    this.stride = this.tables.cells + 3;
    this.selfValue = this.value(0, 0);
    this.lambda = hessianSupNorm(this);
  }

  /** Stencil base index into the tables for the reduced point, weights into wx, wy. */
  private stencil(x: number, y: number): number {
    const cells = this.tables.cells;
    let tx = (x + 0.5) * cells + 1;
    let ty = (y + 0.5) * cells + 1;
    let i = Math.floor(tx);
    let j = Math.floor(ty);
    if (i > cells) i = cells;
    if (j > cells) j = cells;
    tx -= i;
    ty -= j;
    lagrangeWeights(tx, this.wx);
    lagrangeWeights(ty, this.wy);
    return (i - 1) * this.stride + (j - 1);
  }

  /** Component c (0: ∂₁R, 1: ∂₂R) of the interleaved gradient table at the stencil. */
  private gradAt(c: number, base: number): number {
    const t = this.tables.grad;
    const s = this.stride;
    const wy = this.wy;
    let sum = 0;
    for (let a = 0; a < 4; a++) {
      const r = 2 * (base + a * s) + c;
      sum += this.wx[a] * (wy[0] * t[r] + wy[1] * t[r + 2] + wy[2] * t[r + 4] + wy[3] * t[r + 6]);
    }
    return sum;
  }

  /** raw[i] = −Σ_{j≠i} b_i b_j ∇V_δ(x_i − x_j) for all i (n times the interaction part of the velocities). */
  accumulate(pos: Float64Array, signs: Int8Array, raw: Float64Array): void {
    accumulatePairGradients(
      { geometry: this.spec.geometry, forms: this.forms, tables: this.tables },
      pos,
      signs,
      signs.length,
      raw,
    );
  }

  value(dx: number, dy: number): number {
    dx -= Math.round(dx);
    dy -= Math.round(dy);
    return this.planar.value(dx, dy) + this.remainderValue(dx, dy);
  }

  private remainderValue(x: number, y: number): number {
    return remainderValue(this.tables, x, y, this.qx, this.qy);
  }

  /** Σ_{i<j} b_i b_j V_δ(x_i − x_j), the O(n²) energy loop. */
  pairEnergy(pos: Float64Array, signs: Int8Array): number {
    return pairEnergySum(
      { geometry: this.spec.geometry, forms: this.forms, tables: this.tables },
      pos,
      signs,
      signs.length,
    );
  }

  gradient(dx: number, dy: number, out: Float64Array, o: number): void {
    dx -= Math.round(dx);
    dy -= Math.round(dy);
    this.planar.gradient(dx, dy, out, o);
    const base = this.stencil(dx, dy);
    out[o] += this.gradAt(0, base);
    out[o + 1] += this.gradAt(1, base);
  }

  /** Central differences of the gradient with a step scaled to the local length max(|d|, δ). */
  hessian(dx: number, dy: number, out: Float64Array, o: number): void {
    dx -= Math.round(dx);
    dy -= Math.round(dy);
    const eta = 1e-4 * Math.max(Math.hypot(dx, dy), this.spec.delta);
    const g = this.g;
    this.gradient(dx + eta, dy, g, 0);
    let xx = g[0];
    let xy = g[1];
    this.gradient(dx - eta, dy, g, 0);
    xx = (xx - g[0]) / (2 * eta);
    xy = (xy - g[1]) / (2 * eta);
    this.gradient(dx, dy + eta, g, 0);
    let yx = g[0];
    let yy = g[1];
    this.gradient(dx, dy - eta, g, 0);
    yx = (yx - g[0]) / (2 * eta);
    yy = (yy - g[1]) / (2 * eta);
    out[o] = xx;
    out[o + 1] = 0.5 * (xy + yx);
    out[o + 2] = yy;
  }
}

function lagrangeWeights(f: number, w: Float64Array): void {
  const fm1 = f - 1;
  const fm2 = f - 2;
  const fp1 = f + 1;
  w[0] = (-f * fm1 * fm2) / 6;
  w[1] = (fp1 * fm1 * fm2) / 2;
  w[2] = (-fp1 * f * fm2) / 2;
  w[3] = (fp1 * f * fm1) / 6;
}

/**
 * λ_δ = sup ‖D²V_δ‖ (spectral norm), searched on rings around the core where it peaks
 * (r ≤ 4δ, plus a coarse sweep of the cell for large δ).
 */
function hessianSupNorm(k: PairKernel): number {
  const h = new Float64Array(3);
  const delta = k.spec.delta;
  let best = 0;
  const probe = (x: number, y: number) => {
    k.hessian(x, y, h, 0);
    const mean = 0.5 * (h[0] + h[2]);
    const rad = Math.hypot(0.5 * (h[0] - h[2]), h[1]);
    best = Math.max(best, Math.abs(mean) + rad);
  };
  for (let ri = 0; ri <= 40; ri++) {
    const r = Math.min(0.5, (ri / 10) * delta);
    for (let a = 0; a < 16; a++) {
      const th = (Math.PI * a) / 16;
      probe(r * Math.cos(th), r * Math.sin(th));
    }
  }
  return best;
}
