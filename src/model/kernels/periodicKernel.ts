import type { InteractionSpec } from '../types';
import { type CoreForms, coreForms, type PairConstants, pairConstants, pairRadialA } from './cores';
import type { PairKernel } from './pairKernel';
import {
  accumulatePairGradients,
  gradientStencil,
  pairEnergySum,
  remainderGradient,
  remainderValue,
} from './pairSums';
import { type PlanarKernel, planarKernel } from './planarKernel';
import { buildRemainderTables, type RemainderTables } from './remainder';

/**
 * Below |d|² = LINEAR_Q the isotropic gaussian kernel's remainder is read from its expansion at 0:
 * ΔR = ΔV^per − ΔP_δ = 2π(1 − Σ_{m≠0} ρ_δ(· + m)) = 2π up to e^{−1/8δ²} (δ ≤ 0.05), and the cell's
 * square symmetry leaves R − π|d|²/2 harmonic with no term below Re d⁴ (d as a complex number,
 * coefficient −G₄/4, G₄ = Σ' m⁻⁴ ≈ 3.15), so ∇R = πd + O(3|d|³) and D²R = πI + O(10|d|²): errors
 * ≤ 3e-15 and 1e-9 here, below the table's own (~4e-15 at 0, ~1e-9 in the bulk). The close pairs
 * of short dipoles (the multirate clusters' only kernel calls) skip the 16-node stencil.
 */
const LINEAR_Q = 1e-10;

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
  private readonly g = new Float64Array(2);
  private readonly h = new Float64Array(2);
  private readonly qx = new Float64Array(6);
  private readonly qy = new Float64Array(6);

  /** Near pairs (|d| < 1e-5) of an isotropic gaussian core: ∇R = πd, see LINEAR_Q. */
  private readonly linearCore: boolean;

  private readonly isotropic: boolean;
  private readonly constants: PairConstants;

  constructor(readonly spec: InteractionSpec) {
    this.isotropic = spec.geometry === 'isotropic';
    this.constants = pairConstants(spec.core, spec.delta);
    this.linearCore = spec.geometry === 'isotropic' && spec.core === 'gaussian' && spec.delta <= 0.05;
    const forms = coreForms(spec.core, spec.delta);
    this.forms = forms;
    this.planar = planarKernel(spec.geometry, forms);
    this.tables = buildRemainderTables(spec.geometry, forms);
    this.selfValue = this.planar.value(0, 0) + this.tables.atOrigin;
    this.lambda = hessianSupNorm(this);
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

  /** The minimum image goes to the work in out[o..o+1], as in hessian (below), and for the same reason. */
  gradient(dx: number, dy: number, out: Float64Array, o: number): void {
    out[o] = dx - Math.round(dx);
    out[o + 1] = dy - Math.round(dy);
    this.gradientAt(out, o);
  }

  private gradientAt(out: Float64Array, o: number): void {
    const dx = out[o];
    const dy = out[o + 1];
    if (this.isotropic) {
      // the hot-path Φ'/r (cores/index.ts), as the pair sums use it: the multirate clusters call
      // this per sub-step stage, and the closure forms.phiA costs ~3× as much there
      const a = pairRadialA(dx * dx + dy * dy, this.constants);
      out[o] = a * dx;
      out[o + 1] = a * dy;
    } else this.planar.gradient(dx, dy, out, o);
    if (this.linearCore && dx * dx + dy * dy < LINEAR_Q) {
      out[o] += Math.PI * dx;
      out[o + 1] += Math.PI * dy;
      return;
    }
    const g = this.g;
    g[0] = dx;
    g[1] = dy;
    remainderGradient(this.tables, g);
    out[o] += g[0];
    out[o + 1] += g[1];
  }

  /**
   * isotropic: in closed form, D²Φ = Φ'/r·I + C·x xᵀ (cores' phiA, phiC) plus the derivative of
   * the remainder's cubic stencil on its gradient table (∂₁₂ the mean of the two). slip: central
   * differences of the gradient with a step scaled to the local length max(|d|, δ). The minimum
   * image goes to the work in out[o..o+1], not as arguments: this entry is small enough for V8 to
   * inline where the work is not, and numbers passed to a call it does not inline are boxed (two
   * heap allocations per call: the cluster sub-steps factor a matrix per sub-step).
   */
  hessian(dx: number, dy: number, out: Float64Array, o: number): void {
    out[o] = dx - Math.round(dx);
    out[o + 1] = dy - Math.round(dy);
    if (this.isotropic) this.isotropicHessian(out, o);
    else this.slipHessian(out, o);
  }

  private isotropicHessian(out: Float64Array, o: number): void {
    const dx = out[o];
    const dy = out[o + 1];
    const q = dx * dx + dy * dy;
    const a = pairRadialA(q, this.constants);
    const c = q > 0 ? this.forms.phiC(q) : 0;
    if (this.linearCore && q < LINEAR_Q) {
      out[o] = Math.PI;
      out[o + 1] = 0;
      out[o + 2] = Math.PI;
    } else remainderHessian(this.tables, out, o);
    out[o] += a + c * dx * dx;
    out[o + 1] += c * dx * dy;
    out[o + 2] += a + c * dy * dy;
  }

  private slipHessian(out: Float64Array, o: number): void {
    const dx = out[o];
    const dy = out[o + 1];
    const eta = 1e-4 * Math.max(Math.hypot(dx, dy), this.spec.delta);
    const g = this.h;
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

const hessianStencil = new Float64Array(10);

/** d/df of the cubic Lagrange weights of nodes −1…2 (cubicWeights in pairSums.ts), times cells. */
function cubicDerivatives(f: number, cells: number, d: Float64Array, o: number): void {
  const ff = 3 * f * f;
  d[o] = (-(ff - 6 * f + 2) / 6) * cells;
  d[o + 1] = ((ff - 4 * f - 1) / 2) * cells;
  d[o + 2] = (-(ff - 2 * f - 2) / 2) * cells;
  d[o + 3] = ((ff - 1) / 6) * cells;
}

const hessianDerivs = new Float64Array(8);

/**
 * D²R at (x, y) = (out[o], out[o + 1]) ∈ [−½, ½)² from the gradient table: the derivatives of the
 * tensor cubic Lagrange interpolants that `remainderGradient` reads (the same stencil), [∂₁₁, ∂₁₂,
 * ∂₂₂] into out[o..o+2]. The point comes in the array for the reason remainderGradient's does.
 */
function remainderHessian(t: RemainderTables, out: Float64Array, o: number): void {
  const w = hessianStencil;
  const dw = hessianDerivs;
  const r0 = gradientStencil(t, out[o], out[o + 1], w);
  const row = 2 * (t.cells + 3);
  // derivatives of the weights in the table index, times cells: per unit length
  cubicDerivatives(w[8], t.cells, dw, 0);
  cubicDerivatives(w[9], t.cells, dw, 4);
  const v0 = w[4];
  const v1 = w[5];
  const v2 = w[6];
  const v3 = w[7];
  const dv0 = dw[4];
  const dv1 = dw[5];
  const dv2 = dw[6];
  const dv3 = dw[7];
  const g = t.grad;
  let xx = 0;
  let x2 = 0;
  let y1 = 0;
  let yy = 0;
  for (let a = 0; a < 4; a++) {
    const r = r0 + a * row;
    const s0 = v0 * g[r] + v1 * g[r + 2] + v2 * g[r + 4] + v3 * g[r + 6];
    const s1 = v0 * g[r + 1] + v1 * g[r + 3] + v2 * g[r + 5] + v3 * g[r + 7];
    const d0 = dv0 * g[r] + dv1 * g[r + 2] + dv2 * g[r + 4] + dv3 * g[r + 6];
    const d1 = dv0 * g[r + 1] + dv1 * g[r + 3] + dv2 * g[r + 5] + dv3 * g[r + 7];
    xx += dw[a] * s0; // ∂₁(∂₁R)
    y1 += dw[a] * s1; // ∂₁(∂₂R)
    x2 += w[a] * d0; // ∂₂(∂₁R)
    yy += w[a] * d1; // ∂₂(∂₂R)
  }
  out[o] = xx;
  out[o + 1] = 0.5 * (x2 + y1);
  out[o + 2] = yy;
}

/**
 * The largest at(x, y) on rings around the core, where a core's derivatives peak: r = 0 … 4δ
 * in steps of δ/10 (at most ½), 16 directions over a half turn (V_δ is even).
 */
export function supNearCore(delta: number, at: (x: number, y: number) => number): number {
  let best = 0;
  for (let ri = 0; ri <= 40; ri++) {
    const r = Math.min(0.5, (ri / 10) * delta);
    for (let a = 0; a < 16; a++) {
      const th = (Math.PI * a) / 16;
      best = Math.max(best, at(r * Math.cos(th), r * Math.sin(th)));
    }
  }
  return best;
}

/** λ_δ = sup ‖D²V_δ‖ (spectral norm), where it peaks (supNearCore). */
function hessianSupNorm(k: PairKernel): number {
  const h = new Float64Array(3);
  return supNearCore(k.spec.delta, (x, y) => {
    k.hessian(x, y, h, 0);
    const mean = 0.5 * (h[0] + h[2]);
    const rad = Math.hypot(0.5 * (h[0] - h[2]), h[1]);
    return Math.abs(mean) + rad;
  });
}
