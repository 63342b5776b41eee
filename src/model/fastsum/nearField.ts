import { type CoreForms, type PairConstants, pairRadialA, pairSlip } from '../kernels/cores';
import type { SortedParticles } from './cells';
import { type PiecewiseTable, poly7, TABLE_COEFS } from './table';

/**
 * The near field: Σ over pairs closer than r₂ (minimum image) of the compactly supported part
 * `near` of the pair potential, in profile form f(q) + β(q)(d₁² − d₂²) (profiles.ts), gradient
 * d·(a + b·u ± c). Two ways to evaluate it per pair:
 * - tabulated core: the whole profile (core included) from one piecewise table in q — when
 *   r₂²/δ² is moderate, so the table resolves the core with a few hundred intervals;
 * - exact core: near = P_δ + T, P_δ the closed-form R² kernel of the core evaluated per pair
 *   exactly as the direct sum does (a short dipole at r ≪ r₂ is treated identically; the
 *   gaussian core costs one division beyond r = 9δ) and T a smooth tabulated function.
 * Pairs are visited cell by cell (cells.ts), each unordered pair once; a band of cell rows can be
 * given, so that two threads can share the work (each into its own force arrays).
 */
export interface NearConfig {
  readonly slip: boolean;
  readonly tabulatedCore: boolean;
  readonly core: PairConstants;
  readonly forms: CoreForms;
  /** r₂². */
  readonly q2: number;
  /** Gradient coefficients [a] (isotropic) or [a, b, c] (slip): the whole profile or T. */
  readonly grad: PiecewiseTable;
  /** Values [f] or [f, β]: the whole profile or T. */
  readonly val: PiecewiseTable;
  /** near(0): the diagonal term of the energy. */
  readonly selfValue: number;
  readonly cells: number;
  readonly reach: number;
}

const ISO = 0;
const SLIP = 1;
const ENERGY = 2;
/** Gradient and energy in one sweep (accumulateWithEnergy): the same bits as the two sweeps. */
const BOTH = 3;

export class NearField {
  /** Pairs found inside r₂ by the last accumulate (for the clustering check). */
  pairsInside = 0;
  private readonly kind: number;
  /** The slip core's profile per pair (0..2), and bothBlock's energy (3). */
  private readonly prof = new Float64Array(4);
  private fx!: Float64Array;
  private fy!: Float64Array;
  private energyAcc = 0;

  constructor(
    readonly config: NearConfig,
    private readonly p: SortedParticles,
  ) {
    this.kind = config.slip ? SLIP : ISO;
  }

  /** Cell rows in the sweep (the unit of work sharing). */
  get rows(): number {
    return this.config.cells === 0 ? 1 : this.config.cells;
  }

  /** fx, fy (cell order) = Σ_j b_i b_j ∇near(x_i − x_j) over the pairs of rows [row0, row1). */
  accumulate(fx: Float64Array, fy: Float64Array, row0 = 0, row1 = this.rows): number {
    fx.fill(0, 0, this.p.n);
    fy.fill(0, 0, this.p.n);
    this.fx = fx;
    this.fy = fy;
    this.pairsInside = 0;
    this.sweep(this.kind, row0, row1);
    return this.pairsInside;
  }

  /** Σ b_i b_j near(x_i − x_j) over ordered pairs i ≠ j of rows [row0, row1) (no diagonal). */
  energy(row0 = 0, row1 = this.rows): number {
    this.energyAcc = 0;
    this.sweep(ENERGY, row0, row1);
    return 2 * this.energyAcc;
  }

  /**
   * accumulate and energy in one sweep (the pairs are found and loaded once): returns the energy,
   * the pair count in pairsInside. Each pair's terms are added in the same order as the separate
   * sweeps add them, so both results are the same bits.
   */
  accumulateWithEnergy(fx: Float64Array, fy: Float64Array, row0 = 0, row1 = this.rows): number {
    fx.fill(0, 0, this.p.n);
    fy.fill(0, 0, this.p.n);
    this.fx = fx;
    this.fy = fy;
    this.pairsInside = 0;
    this.energyAcc = 0;
    this.sweep(BOTH, row0, row1);
    return 2 * this.energyAcc;
  }

  /** The diagonal Σ_i near(0). */
  selfEnergy(): number {
    const sb = this.p.sb;
    let self = 0;
    for (let i = 0; i < this.p.n; i++) self += sb[i] * sb[i];
    return self * this.config.selfValue;
  }

  /**
   * Visit every unordered pair of cells within reach once, for the cells of rows [row0, row1):
   * the cell itself and those to its right in its own row, and the 2·reach + 1 cells of each of
   * the next `reach` rows. Cells of a row are contiguous in cell order, so each of these is one
   * range of particles (two where it wraps around the torus, each with its period shift): a few
   * long inner loops per cell instead of one short loop per cell pair.
   */
  private sweep(kind: number, row0: number, row1: number): void {
    const { cells, reach } = this.config;
    const cs = this.p.cellStart;
    if (cells === 0) {
      // r₂ < ½: of the 9 period shifts of a pair, at most one is within r₂
      if (row0 > 0 || row1 < 1) return;
      const n = this.p.n;
      for (let oy = -1; oy <= 1; oy++)
        for (let ox = -1; ox <= 1; ox++) this.block(kind, 0, n, 0, n, true, ox, oy);
      return;
    }
    const c = cells;
    for (let cy = row0; cy < row1; cy++)
      for (let cx = 0; cx < c; cx++) {
        const k = cy * c + cx;
        const i0 = cs[k];
        const i1 = cs[k + 1];
        if (i0 === i1) continue;
        // own row: j > i through the cells up to cx + reach
        const row = cy * c;
        this.block(kind, i0, i1, i0, cs[row + Math.min(cx + reach, c - 1) + 1], true, 0, 0);
        if (cx + reach >= c) this.block(kind, i0, i1, cs[row], cs[row + cx + reach - c + 1], false, -1, 0);
        for (let oy = 1; oy <= reach; oy++) {
          let ny = cy + oy;
          let shy = 0;
          if (ny >= c) {
            ny -= c;
            shy = -1;
          }
          const nrow = ny * c;
          const lo = cx - reach;
          const hi = cx + reach;
          this.block(
            kind,
            i0,
            i1,
            cs[nrow + Math.max(lo, 0)],
            cs[nrow + Math.min(hi, c - 1) + 1],
            false,
            0,
            shy,
          );
          if (lo < 0) this.block(kind, i0, i1, cs[nrow + c + lo], cs[nrow + c], false, 1, shy);
          if (hi >= c) this.block(kind, i0, i1, cs[nrow], cs[nrow + hi - c + 1], false, -1, shy);
        }
      }
  }

  /** Pairs (i in [i0, i1), j in [j0, j1)), j > i if same; displacement x_i + shift − x_j. */
  private block(
    kind: number,
    i0: number,
    i1: number,
    j0: number,
    j1: number,
    same: boolean,
    shx: number,
    shy: number,
  ): void {
    if (j0 >= j1) return;
    const { sx, sy, sb } = this.p;
    const cfg = this.config;
    switch (kind) {
      case ISO:
        this.pairsInside += isoBlock(sx, sy, sb, this.fx, this.fy, i0, i1, j0, j1, same, shx, shy, cfg);
        return;
      case SLIP:
        this.pairsInside += slipBlock(
          sx,
          sy,
          sb,
          this.fx,
          this.fy,
          i0,
          i1,
          j0,
          j1,
          same,
          shx,
          shy,
          cfg,
          this.prof,
        );
        return;
      case ENERGY:
        this.energyAcc += energyBlock(sx, sy, sb, i0, i1, j0, j1, same, shx, shy, cfg, this.prof);
        return;
      default: {
        const e = this.prof;
        this.pairsInside += bothBlock(sx, sy, sb, this.fx, this.fy, i0, i1, j0, j1, same, shx, shy, cfg, e);
        this.energyAcc += e[3];
      }
    }
  }
}

/** Isotropic: ∇ = a·d; the exact core adds P_δ's Φ'/r to the tabulated T. */
function isoBlock(
  sx: Float64Array,
  sy: Float64Array,
  sb: Float64Array,
  fx: Float64Array,
  fy: Float64Array,
  i0: number,
  i1: number,
  j0: number,
  j1: number,
  same: boolean,
  shx: number,
  shy: number,
  cfg: NearConfig,
): number {
  const q2 = cfg.q2;
  const coef = cfg.grad.coef;
  const invH = cfg.grad.invH;
  const core = cfg.core;
  const exact = !cfg.tabulatedCore;
  let inside = 0;
  for (let i = i0; i < i1; i++) {
    const xi = sx[i] + shx;
    const yi = sy[i] + shy;
    const bi = sb[i];
    let ax = 0;
    let ay = 0;
    for (let j = same ? i + 1 : j0; j < j1; j++) {
      const dx = xi - sx[j];
      const dy = yi - sy[j];
      const q = dx * dx + dy * dy;
      if (q >= q2 || q === 0) continue;
      inside++;
      const tq = q * invH;
      const k = tq | 0;
      let a = poly7(coef, k * TABLE_COEFS, 2 * (tq - k) - 1);
      if (exact) a += pairRadialA(q, core);
      a *= bi * sb[j];
      const gx = a * dx;
      const gy = a * dy;
      ax += gx;
      ay += gy;
      fx[j] -= gx;
      fy[j] -= gy;
    }
    fx[i] += ax;
    fy[i] += ay;
  }
  return inside;
}

/** Slip: ∇ = d·(a + b·u ± c) with u = d₁² − d₂²; the exact core adds P_δ's a, (B_q − B/q)/q, B/q. */
function slipBlock(
  sx: Float64Array,
  sy: Float64Array,
  sb: Float64Array,
  fx: Float64Array,
  fy: Float64Array,
  i0: number,
  i1: number,
  j0: number,
  j1: number,
  same: boolean,
  shx: number,
  shy: number,
  cfg: NearConfig,
  prof: Float64Array,
): number {
  const q2 = cfg.q2;
  const coef = cfg.grad.coef;
  const invH = cfg.grad.invH;
  const core = cfg.core;
  const exact = !cfg.tabulatedCore;
  const stride = 3 * TABLE_COEFS;
  let inside = 0;
  for (let i = i0; i < i1; i++) {
    const xi = sx[i] + shx;
    const yi = sy[i] + shy;
    const bi = sb[i];
    let ax = 0;
    let ay = 0;
    for (let j = same ? i + 1 : j0; j < j1; j++) {
      const dx = xi - sx[j];
      const dy = yi - sy[j];
      const xx = dx * dx;
      const yy = dy * dy;
      const q = xx + yy;
      if (q >= q2 || q === 0) continue;
      inside++;
      const u = xx - yy;
      const tq = q * invH;
      const k = tq | 0;
      const t = 2 * (tq - k) - 1;
      const o = k * stride;
      let a = poly7(coef, o, t);
      let b = poly7(coef, o + TABLE_COEFS, t);
      let c = poly7(coef, o + 2 * TABLE_COEFS, t);
      if (exact) {
        pairSlip(q, core, prof);
        const bn = prof[1];
        a += prof[0];
        b += (prof[2] - bn) / q;
        c += bn;
      }
      const bb = bi * sb[j];
      const common = a + b * u;
      const gx = bb * dx * (common + c);
      const gy = bb * dy * (common - c);
      ax += gx;
      ay += gy;
      fx[j] -= gx;
      fy[j] -= gy;
    }
    fx[i] += ax;
    fy[i] += ay;
  }
  return inside;
}

/** Pair values Σ b_i b_j near over the block; not the hot path of the dynamics. */
function energyBlock(
  sx: Float64Array,
  sy: Float64Array,
  sb: Float64Array,
  i0: number,
  i1: number,
  j0: number,
  j1: number,
  same: boolean,
  shx: number,
  shy: number,
  cfg: NearConfig,
  prof: Float64Array,
): number {
  const { q2, slip, forms, core } = cfg;
  const exact = !cfg.tabulatedCore;
  const coef = cfg.val.coef;
  const invH = cfg.val.invH;
  const stride = (slip ? 2 : 1) * TABLE_COEFS;
  let e = 0;
  for (let i = i0; i < i1; i++) {
    const xi = sx[i] + shx;
    const yi = sy[i] + shy;
    let ei = 0;
    for (let j = same ? i + 1 : j0; j < j1; j++) {
      const dx = xi - sx[j];
      const dy = yi - sy[j];
      const q = dx * dx + dy * dy;
      if (q >= q2) continue;
      const tq = q * invH;
      const k = tq | 0;
      const t = 2 * (tq - k) - 1;
      const o = k * stride;
      let v = poly7(coef, o, t);
      if (exact) v += forms.phi(q);
      if (slip) {
        let beta = poly7(coef, o + TABLE_COEFS, t);
        if (exact) {
          v += 0.5;
          if (q > 0) {
            pairSlip(q, core, prof);
            beta += 0.5 * prof[1];
          }
        }
        v += beta * (dx * dx - dy * dy);
      }
      ei += sb[j] * v;
    }
    e += sb[i] * ei;
  }
  return e;
}

/**
 * isoBlock or slipBlock and energyBlock in one loop, each term computed by the same expressions
 * in the same order (bit-identical to the two sweeps); the block's energy into prof[3]. Pairs at
 * q = 0 (coincident particles) enter the energy only, as in the separate sweeps.
 */
function bothBlock(
  sx: Float64Array,
  sy: Float64Array,
  sb: Float64Array,
  fx: Float64Array,
  fy: Float64Array,
  i0: number,
  i1: number,
  j0: number,
  j1: number,
  same: boolean,
  shx: number,
  shy: number,
  cfg: NearConfig,
  prof: Float64Array,
): number {
  const { q2, slip, forms, core } = cfg;
  const exact = !cfg.tabulatedCore;
  const gcoef = cfg.grad.coef;
  const gInvH = cfg.grad.invH;
  const vcoef = cfg.val.coef;
  const vInvH = cfg.val.invH;
  const gStride = (slip ? 3 : 1) * TABLE_COEFS;
  const vStride = (slip ? 2 : 1) * TABLE_COEFS;
  let inside = 0;
  let e = 0;
  for (let i = i0; i < i1; i++) {
    const xi = sx[i] + shx;
    const yi = sy[i] + shy;
    const bi = sb[i];
    let ax = 0;
    let ay = 0;
    let ei = 0;
    for (let j = same ? i + 1 : j0; j < j1; j++) {
      const dx = xi - sx[j];
      const dy = yi - sy[j];
      const xx = dx * dx;
      const yy = dy * dy;
      const q = xx + yy;
      if (q >= q2) continue;
      const sj = sb[j];
      // the value (energyBlock's expressions)
      const vq = q * vInvH;
      const vk = vq | 0;
      const vt = 2 * (vq - vk) - 1;
      const vo = vk * vStride;
      let v = poly7(vcoef, vo, vt);
      if (exact) v += forms.phi(q);
      let bn = 0;
      if (slip) {
        let beta = poly7(vcoef, vo + TABLE_COEFS, vt);
        if (exact) {
          v += 0.5;
          if (q > 0) {
            pairSlip(q, core, prof);
            bn = prof[1];
            beta += 0.5 * bn;
          }
        }
        v += beta * (dx * dx - dy * dy);
      }
      ei += sj * v;
      if (q === 0) continue;
      inside++;
      // the gradient (isoBlock's, slipBlock's expressions; pairSlip's profile reused)
      const tq = q * gInvH;
      const k = tq | 0;
      const t = 2 * (tq - k) - 1;
      const o = k * gStride;
      let gx: number;
      let gy: number;
      if (slip) {
        let a = poly7(gcoef, o, t);
        let b = poly7(gcoef, o + TABLE_COEFS, t);
        let c = poly7(gcoef, o + 2 * TABLE_COEFS, t);
        if (exact) {
          a += prof[0];
          b += (prof[2] - bn) / q;
          c += bn;
        }
        const bb = bi * sj;
        const common = a + b * (xx - yy);
        gx = bb * dx * (common + c);
        gy = bb * dy * (common - c);
      } else {
        let a = poly7(gcoef, o, t);
        if (exact) a += pairRadialA(q, core);
        a *= bi * sj;
        gx = a * dx;
        gy = a * dy;
      }
      ax += gx;
      ay += gy;
      fx[j] -= gx;
      fy[j] -= gy;
    }
    fx[i] += ax;
    fy[i] += ay;
    e += bi * ei;
  }
  prof[3] = e;
  return inside;
}
