import { pairRadialA, pairSlip } from '../kernels/cores';
import type { NearConfig } from './nearField';
import { poly7, TABLE_COEFS } from './table';

/**
 * The gaussian core's logarithms, per particle instead of per pair: beyond s = q/2δ² = 40 its Φ is
 * −½ ln q exactly as written in the core (forms.phi), and a particle's Σ_j b_j ln q_ij over such
 * pairs is ln Π_{b_j = 1} q_ij − ln Π_{b_j = −1} q_ij. The energy loops multiply q into the two
 * running products of i (plus, minus: its whole cell's sweep, across blocks) and the sweep takes
 * their logarithms once per particle (nearField.ts flushLogs): measured, Math.log per pair was
 * half the cost of an energy sweep. A product below 1e-280 is folded into acc (q ≥ 80δ² ≥ 8e-23
 * keeps the next one normal; q < r₂² < 1, so none overflows). Signs other than ±1 take phi.
 */
export interface RowLogs {
  readonly plus: Float64Array;
  readonly minus: Float64Array;
  readonly acc: Float64Array;
  /** 1/(2δ²) of the core. */
  readonly inv2d2: number;
}

/** Below this a running product is folded into acc (see RowLogs). */
const PRODUCT_FLOOR = 1e-280;

/** The pair's −½ b_j ln q into i's products (false for a charge other than ±1: the caller adds phi). */
function intoProducts(logs: RowLogs, i: number, q: number, sj: number): boolean {
  if (sj === 1) {
    const p = logs.plus[i] * q;
    if (p < PRODUCT_FLOOR) {
      logs.acc[i] += Math.log(p);
      logs.plus[i] = 1;
    } else logs.plus[i] = p;
    return true;
  }
  if (sj === -1) {
    const m = logs.minus[i] * q;
    if (m < PRODUCT_FLOOR) {
      logs.acc[i] -= Math.log(m);
      logs.minus[i] = 1;
    } else logs.minus[i] = m;
    return true;
  }
  return false;
}

/**
 * The near field's pair loops over one block of pairs (i in [i0, i1), j in [j0, j1), j > i when
 * `same`; displacement x_i + shift − x_j): each pair once, its gradient added to i in fx, fy and
 * subtracted from j in jx, jy (the same arrays, or a chunk's spill: nearField.ts).
 */

/** Isotropic: ∇ = a·d; the exact core adds P_δ's Φ'/r to the tabulated T. */
export function isoBlock(
  sx: Float64Array,
  sy: Float64Array,
  sb: Float64Array,
  fx: Float64Array,
  fy: Float64Array,
  jx: Float64Array,
  jy: Float64Array,
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
      jx[j] -= gx;
      jy[j] -= gy;
    }
    fx[i] += ax;
    fy[i] += ay;
  }
  return inside;
}

/** Slip: ∇ = d·(a + b·u ± c) with u = d₁² − d₂²; the exact core adds P_δ's a, (B_q − B/q)/q, B/q. */
export function slipBlock(
  sx: Float64Array,
  sy: Float64Array,
  sb: Float64Array,
  fx: Float64Array,
  fy: Float64Array,
  jx: Float64Array,
  jy: Float64Array,
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
      jx[j] -= gx;
      jy[j] -= gy;
    }
    fx[i] += ax;
    fy[i] += ay;
  }
  return inside;
}

/** Pair values Σ b_i b_j near over the block; not the hot path of the dynamics. */
export function energyBlock(
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
  logs: RowLogs | null,
): number {
  const { q2, slip, forms, core } = cfg;
  const exact = !cfg.tabulatedCore;
  // s > 40 never holds without logs: every pair takes phi
  const logS = logs ? logs.inv2d2 : 0;
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
      const sj = sb[j];
      const tq = q * invH;
      const k = tq | 0;
      const t = 2 * (tq - k) - 1;
      const o = k * stride;
      let v = poly7(coef, o, t);
      if (!(q * logS > 40 && intoProducts(logs!, i, q, sj)) && exact) v += forms.phi(q);
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
      ei += sj * v;
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
export function bothBlock(
  sx: Float64Array,
  sy: Float64Array,
  sb: Float64Array,
  fx: Float64Array,
  fy: Float64Array,
  jx: Float64Array,
  jy: Float64Array,
  i0: number,
  i1: number,
  j0: number,
  j1: number,
  same: boolean,
  shx: number,
  shy: number,
  cfg: NearConfig,
  prof: Float64Array,
  logs: RowLogs | null,
): number {
  const { q2, slip, forms, core } = cfg;
  const exact = !cfg.tabulatedCore;
  const logS = logs ? logs.inv2d2 : 0;
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
      if (!(q * logS > 40 && intoProducts(logs!, i, q, sj)) && exact) v += forms.phi(q);
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
      jx[j] -= gx;
      jy[j] -= gy;
    }
    fx[i] += ax;
    fy[i] += ay;
    e += bi * ei;
  }
  prof[3] = e;
  return inside;
}
