import { coreForms, gaussBn, gaussBq, plummerBn, plummerBq } from '../kernels/cores';
import type { CoreModel, Geometry } from '../types';
import { type PiecewiseTable, TABLE_COEFS } from './table';

/**
 * The near field: Σ over pairs closer than r₂ (minimum image) of the compactly supported part
 * `near` of the pair potential, written as
 *   near = P_δ + T,
 * P_δ the closed-form R² kernel of the core (evaluated per pair, inline, exactly as the direct sum
 * does, so a short dipole is treated identically) and T a smooth function tabulated in q = |d|²
 * (profile form f(q) + β(q)(d₁² − d₂²), see profiles.ts). Pairs are found with a cell list on the
 * torus (cells of side ≈ r₂/2, each pair visited once); particles are processed in cell order, which
 * also gives the far-field spreading good locality.
 */
const GAUSS = 0;
const PLUMMER = 1;
const POISSON = 2;

export function coreCode(core: CoreModel): number {
  return core === 'gaussian' ? GAUSS : core === 'plummer' ? PLUMMER : POISSON;
}

export class NearField {
  readonly n: number;
  readonly r2: number;
  private readonly q2: number;
  private readonly slip: boolean;
  private readonly code: number;
  private readonly delta: number;
  private readonly d2: number;
  private readonly inv2d2: number;
  private readonly grad: PiecewiseTable;
  private readonly val: PiecewiseTable;
  /** near(0): the diagonal term of the energy. */
  readonly selfValue: number;
  private readonly phiDelta: (q: number) => number;
  /** Cells per side; 0 means one cell holding everything (all pairs, all 9 period shifts). */
  readonly cells: number;
  /** Neighbour cells within this many cells are visited. */
  readonly reach: number;
  private readonly cellStart: Int32Array;
  private readonly cellCount: Int32Array;
  /** order[s] = original index of the s-th particle in cell order. */
  readonly order: Int32Array;
  private readonly cellOf: Int32Array;
  /** Wrapped positions, signs and accumulated raw gradients, in cell order. */
  readonly sx: Float64Array;
  readonly sy: Float64Array;
  readonly sb: Float64Array;
  readonly fx: Float64Array;
  readonly fy: Float64Array;
  private energyAcc = 0;
  /** Pairs found inside r₂ by the last accumulate (for the clustering check). */
  pairsInside = 0;

  constructor(
    geometry: Geometry,
    core: CoreModel,
    delta: number,
    n: number,
    r2: number,
    grad: PiecewiseTable,
    val: PiecewiseTable,
    selfValue: number,
  ) {
    this.n = n;
    this.r2 = r2;
    this.q2 = r2 * r2;
    this.slip = geometry === 'slip';
    this.code = coreCode(core);
    this.delta = delta;
    this.d2 = delta * delta;
    this.inv2d2 = 1 / (2 * delta * delta);
    this.grad = grad;
    this.val = val;
    this.selfValue = selfValue;
    this.phiDelta = coreForms(core, delta).phi;
    // cells of side ≈ r₂/2 with a 5×5 neighbourhood test ~2.0× the pairs inside r₂ (side ≥ r₂
    // with 3×3: ≥ 2.9×); each neighbour cell is offset by a fixed period shift, so the pair loop
    // needs no per-pair minimum-image reduction.
    const c2 = Math.min(Math.floor(2 / r2), 2048);
    const c1 = Math.min(Math.floor(1 / r2), 2048);
    if (!(r2 > 0)) {
      // no near part: cells only order the particles for the far field's locality
      this.cells = Math.max(1, Math.min(256, Math.floor(Math.sqrt(n / 8))));
      this.reach = 0;
    } else if (c2 >= 5) {
      this.cells = c2;
      this.reach = 2;
    } else if (c1 >= 3) {
      this.cells = c1;
      this.reach = 1;
    } else {
      this.cells = 0;
      this.reach = 0;
    }
    const nc = this.cells === 0 ? 1 : this.cells * this.cells;
    this.cellStart = new Int32Array(nc + 1);
    this.cellCount = new Int32Array(nc);
    this.order = new Int32Array(n);
    this.cellOf = new Int32Array(n);
    this.sx = new Float64Array(n);
    this.sy = new Float64Array(n);
    this.sb = new Float64Array(n);
    this.fx = new Float64Array(n);
    this.fy = new Float64Array(n);
  }

  /** Wrap into [0, 1)², sort into cells (counting sort), zero the accumulators. */
  sort(pos: Float64Array, signs: Int8Array): void {
    const { n, cells, cellStart, cellCount, order, cellOf, sx, sy, sb } = this;
    if (signs.length !== n || pos.length < 2 * n)
      throw new RangeError(
        `fast sum built for n = ${n}, got ${signs.length} signs, ${pos.length / 2} positions`,
      );
    const c = cells === 0 ? 1 : cells;
    cellCount.fill(0);
    for (let i = 0; i < n; i++) {
      let x = pos[2 * i];
      let y = pos[2 * i + 1];
      x -= Math.floor(x);
      y -= Math.floor(y);
      // x − ⌊x⌋ rounds to 1 for tiny negative x
      if (x >= 1) x = 0;
      if (y >= 1) y = 0;
      let cx = Math.floor(x * c);
      let cy = Math.floor(y * c);
      if (cx >= c) cx = c - 1;
      if (cy >= c) cy = c - 1;
      const k = cy * c + cx;
      cellOf[i] = k;
      cellCount[k]++;
      sx[i] = x; // staged in original order, permuted below
      sy[i] = y;
    }
    let acc = 0;
    for (let k = 0; k < cellCount.length; k++) {
      cellStart[k] = acc;
      acc += cellCount[k];
    }
    cellStart[cellCount.length] = acc;
    cellCount.fill(0);
    for (let i = 0; i < n; i++) {
      const k = cellOf[i];
      order[cellStart[k] + cellCount[k]++] = i;
    }
    // permute through fx/fy as scratch (they are zeroed right after)
    const tx = this.fx;
    const ty = this.fy;
    tx.set(sx);
    ty.set(sy);
    for (let s = 0; s < n; s++) {
      const i = order[s];
      sx[s] = tx[i];
      sy[s] = ty[i];
      sb[s] = signs[i];
    }
    this.fx.fill(0);
    this.fy.fill(0);
  }

  /** Visit every unordered cell pair within reach once; mode 0 gradients, 1 energy. */
  private sweep(mode: number): void {
    const { cells, cellStart, reach } = this;
    if (cells === 0) {
      // r₂ < ½: of the 9 period shifts of a pair, at most one is within r₂
      for (let oy = -1; oy <= 1; oy++)
        for (let ox = -1; ox <= 1; ox++) this.block(0, this.n, 0, this.n, true, ox, oy, mode);
      return;
    }
    const c = cells;
    for (let cy = 0; cy < c; cy++)
      for (let cx = 0; cx < c; cx++) {
        const k = cy * c + cx;
        const i0 = cellStart[k];
        const i1 = cellStart[k + 1];
        if (i0 === i1) continue;
        this.block(i0, i1, i0, i1, true, 0, 0, mode);
        // half stencil: (ox, 0) for ox > 0, and every ox for oy > 0
        for (let oy = 0; oy <= reach; oy++) {
          let ny = cy + oy;
          let shy = 0;
          if (ny >= c) {
            ny -= c;
            shy = -1;
          }
          for (let ox = oy === 0 ? 1 : -reach; ox <= reach; ox++) {
            let nx = cx + ox;
            let shx = 0;
            if (nx >= c) {
              nx -= c;
              shx = -1;
            } else if (nx < 0) {
              nx += c;
              shx = 1;
            }
            const m = ny * c + nx;
            this.block(i0, i1, cellStart[m], cellStart[m + 1], false, shx, shy, mode);
          }
        }
      }
  }

  /** Pairs (i in [i0, i1), j in [j0, j1)), j > i if same; displacement x_i + shift − x_j. */
  private block(
    i0: number,
    i1: number,
    j0: number,
    j1: number,
    same: boolean,
    shx: number,
    shy: number,
    mode: number,
  ): void {
    if (j0 === j1) return;
    if (mode === 0) {
      if (this.slip) this.gradSlip(i0, i1, j0, j1, same, shx, shy);
      else this.gradIso(i0, i1, j0, j1, same, shx, shy);
    } else this.energyBlock(i0, i1, j0, j1, same, shx, shy);
  }

  /** fx, fy (cell order) += Σ_j b_i b_j ∇near(x_i − x_j) over pairs within r₂. */
  accumulate(): void {
    this.pairsInside = 0;
    this.sweep(0);
  }

  /** Σ_i Σ_j b_i b_j near(x_i − x_j), diagonal included. */
  energy(): number {
    this.energyAcc = 0;
    this.sweep(1);
    let self = 0;
    for (let i = 0; i < this.n; i++) self += this.sb[i] * this.sb[i];
    return 2 * this.energyAcc + self * this.selfValue;
  }

  private gradIso(
    i0: number,
    i1: number,
    j0: number,
    j1: number,
    same: boolean,
    shx: number,
    shy: number,
  ): void {
    const { sx, sy, sb, fx, fy, q2, code, delta, d2, inv2d2 } = this;
    const coef = this.grad.coef;
    const invH = this.grad.invH;
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
        let a: number;
        if (code === GAUSS) {
          const s = q * inv2d2;
          a = s > 40 ? -1 / q : s < 1e-12 ? -inv2d2 : Math.expm1(-s) / q;
        } else if (code === PLUMMER) a = -1 / (q + d2);
        else {
          const rho = Math.sqrt(q + d2);
          a = -1 / (rho * (delta + rho));
        }
        const tq = q * invH;
        const k = tq | 0;
        const t = 2 * (tq - k) - 1;
        const o = k * TABLE_COEFS;
        a +=
          coef[o] +
          t *
            (coef[o + 1] +
              t *
                (coef[o + 2] +
                  t *
                    (coef[o + 3] +
                      t * (coef[o + 4] + t * (coef[o + 5] + t * (coef[o + 6] + t * coef[o + 7]))))));
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
    this.pairsInside += inside;
  }

  private gradSlip(
    i0: number,
    i1: number,
    j0: number,
    j1: number,
    same: boolean,
    shx: number,
    shy: number,
  ): void {
    const { sx, sy, sb, fx, fy, q2, code, delta, d2, inv2d2 } = this;
    const coef = this.grad.coef;
    const invH = this.grad.invH;
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
        let a: number;
        let bn: number;
        let bq: number;
        if (code === GAUSS) {
          const s = q * inv2d2;
          if (s > 40) {
            a = -1 / q;
            bn = (1 - 1 / s) / q;
            bq = inv2d2 / (s * s);
          } else {
            a = s < 1e-12 ? -inv2d2 : Math.expm1(-s) / q;
            bn = gaussBn(s) * inv2d2;
            bq = gaussBq(s) * inv2d2;
          }
        } else if (code === PLUMMER) {
          a = -1 / (q + d2);
          const u = q / d2;
          bn = plummerBn(u) / d2;
          bq = plummerBq(u) / d2;
        } else {
          const rho = Math.sqrt(q + d2);
          const dr = delta + rho;
          a = -1 / (rho * dr);
          bn = 1 / (dr * dr);
          bq = delta / (rho * dr * dr);
        }
        const u = xx - yy;
        const tq = q * invH;
        const k = tq | 0;
        const t = 2 * (tq - k) - 1;
        let o = k * stride;
        const ta =
          coef[o] +
          t *
            (coef[o + 1] +
              t *
                (coef[o + 2] +
                  t *
                    (coef[o + 3] +
                      t * (coef[o + 4] + t * (coef[o + 5] + t * (coef[o + 6] + t * coef[o + 7]))))));
        o += TABLE_COEFS;
        const tb =
          coef[o] +
          t *
            (coef[o + 1] +
              t *
                (coef[o + 2] +
                  t *
                    (coef[o + 3] +
                      t * (coef[o + 4] + t * (coef[o + 5] + t * (coef[o + 6] + t * coef[o + 7]))))));
        o += TABLE_COEFS;
        const tc =
          coef[o] +
          t *
            (coef[o + 1] +
              t *
                (coef[o + 2] +
                  t *
                    (coef[o + 3] +
                      t * (coef[o + 4] + t * (coef[o + 5] + t * (coef[o + 6] + t * coef[o + 7]))))));
        const bb = bi * sb[j];
        const common = a + (u / q) * bq + ta + tb * u;
        const bn2 = (2 * bn) / q;
        const gx = bb * dx * (common + bn2 * yy + tc);
        const gy = bb * dy * (common - bn2 * xx - tc);
        ax += gx;
        ay += gy;
        fx[j] -= gx;
        fy[j] -= gy;
      }
      fx[i] += ax;
      fy[i] += ay;
    }
    this.pairsInside += inside;
  }

  /** Pair values; not the hot path of the dynamics, so P_δ comes from the closure. */
  private energyBlock(
    i0: number,
    i1: number,
    j0: number,
    j1: number,
    same: boolean,
    shx: number,
    shy: number,
  ): void {
    const { sx, sy, sb, q2, slip, code, inv2d2 } = this;
    const coef = this.val.coef;
    const invH = this.val.invH;
    const nf = slip ? 2 : 1;
    const stride = nf * TABLE_COEFS;
    const phi = this.phiDelta;
    const bnScale = code === GAUSS ? inv2d2 : 1 / this.d2;
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
        let v: number;
        if (code === GAUSS) v = q * inv2d2 > 40 ? -0.5 * Math.log(q) : phi(q);
        else v = phi(q);
        const tq = q * invH;
        const k = tq | 0;
        const t = 2 * (tq - k) - 1;
        let o = k * stride;
        v +=
          coef[o] +
          t *
            (coef[o + 1] +
              t *
                (coef[o + 2] +
                  t *
                    (coef[o + 3] +
                      t * (coef[o + 4] + t * (coef[o + 5] + t * (coef[o + 6] + t * coef[o + 7]))))));
        if (slip) {
          o += TABLE_COEFS;
          let bn: number;
          if (code === GAUSS) bn = gaussBn(q * inv2d2) * bnScale;
          else if (code === PLUMMER) bn = plummerBn(q * bnScale) * bnScale;
          else {
            const dr = this.delta + Math.sqrt(q + this.d2);
            bn = 1 / (dr * dr);
          }
          const tb =
            coef[o] +
            t *
              (coef[o + 1] +
                t *
                  (coef[o + 2] +
                    t *
                      (coef[o + 3] +
                        t * (coef[o + 4] + t * (coef[o + 5] + t * (coef[o + 6] + t * coef[o + 7]))))));
          v += 0.5 + (0.5 * bn + tb) * (dx * dx - dy * dy);
        }
        ei += sb[j] * v;
      }
      e += sb[i] * ei;
    }
    this.energyAcc += e;
  }
}
