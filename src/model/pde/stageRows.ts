/**
 * The row kernels of one SSP-RK3 stage (stage.ts walks the rows): upwinded MUSCL fluxes through
 * the x-faces of a row and the y-faces above it, and the row update out = a·u0 + b·ρ + c·rates,
 * κ of the output and the positivity / density statistics, all in one loop per row.
 *
 * Face velocities: + species u = (ξ_L − ξ_R)/h + F, − species its negative; the flux through a face
 * takes the upwind cell's face value ρ ± ½σ (limiter.ts). The x-faces of a row are swept with a
 * rolling window of cells i … i+2 (periodic indices wrapped in place, no padded copy).
 *
 * Values in (0, 1e-150) are flushed to 0: depleted cells decay geometrically in long runs, and
 * denormal numbers make the arithmetic ~100× slower; the flush changes a mass by < 1e-150 (far
 * below round-off). FLUSH stays private to this module: the hot loops read a local constant, not
 * an import binding.
 */

import { halfSlope } from './limiter';

const FLUSH = 1e-150;

/** Flush (0, FLUSH) to 0 in place (initial and replaced densities). */
export function flushTiny(a: Float64Array): Float64Array {
  for (let q = 0; q < a.length; q++) if (a[q] > 0 && a[q] < FLUSH) a[q] = 0;
  return a;
}

// Hot loops: module-level functions of typed arrays and numbers only (monomorphic, no closures).

/** Half y-slopes ½σ of the row at offset o (rows below/above at ol, oh) into rb[oS…], rb[oS + N…]. */
export function yHalfSlopes(
  s: Float64Array,
  NN: number,
  o: number,
  ol: number,
  oh: number,
  N: number,
  hth: number,
  rb: Float64Array,
  oS: number,
): void {
  for (let i = 0; i < N; i++) {
    const c = s[o + i];
    rb[oS + i] = halfSlope(hth, s[oh + i] - c, c - s[ol + i]);
    const d = s[NN + o + i];
    rb[oS + N + i] = halfSlope(hth, s[NN + oh + i] - d, d - s[NN + ol + i]);
  }
}

/**
 * Row j (offset o; rows j+1, j+2 at on, onn) of a stage, on fields stored [ρ+ | ρ−] (ρ− at offset
 * NN = N²). Row buffer rb: half y-slopes of row j at oC (ρ+; ρ− at oC + N) and of row j+1 at oN,
 * the fluxes through the y-face below row j at 4N (ρ−: 5N). In: the slopes of row j and the fluxes
 * through the face below. Out: the slopes of row j+1, the fluxes through the face above (replacing
 * those below), and, unless `dry`, row j of out = a·u0 + b·s + c·rates, of κ and the statistics.
 * Rates are summed as (x-rate + flux below) − flux above. A dry row only primes the buffers.
 * `slip`: x-faces only (nothing moves in x₂; the row buffer and on, onn are not used).
 * Scalars come in typed arrays, iv = [o, on, onn, N, NN, oC, oN, slip, dry] and
 * sc = [1/h, F₁, F₂, θ/2, a, b, c], so that the loop sees raw machine numbers: as arguments, numbers
 * and booleans are tagged values that V8 re-tests at uses inside the loop (0 and 1 arrive as small
 * integers, a boolean is tested for truthiness).
 */
export function stageRow(
  s: Float64Array,
  xi: Float64Array,
  u0: Float64Array,
  out: Float64Array,
  kappa: Float64Array,
  rb: Float64Array,
  iv: Int32Array,
  sc: Float64Array,
  stats: Float64Array,
): void {
  const o = iv[0];
  const on = iv[1];
  const onn = iv[2];
  const N = iv[3];
  const NN = iv[4];
  const oC = iv[5];
  const oN = iv[6];
  const xOnly = iv[7] !== 0;
  const dry = iv[8] !== 0;
  const flush = FLUSH;
  const invh = sc[0];
  const F1 = sc[1];
  const F2 = sc[2];
  const hth = sc[3];
  const a = sc[4];
  const b = sc[5];
  const c = sc[6];
  let mn = stats[0];
  let mx = stats[1];
  const om = o + NN;
  const oG = 4 * N;
  // window: cells −1, 0 (L), 1 (R) and the flux through face −½
  const pW = s[o + N - 1];
  const mW = s[om + N - 1];
  let pL = s[o];
  let mL = s[om];
  let pR = s[o + 1];
  let mR = s[om + 1];
  let pdLR = pR - pL;
  let mdLR = mR - mL;
  const phsW = halfSlope(hth, pL - pW, pW - s[o + N - 2]);
  const mhsW = halfSlope(hth, mL - mW, mW - s[om + N - 2]);
  let phsL = halfSlope(hth, pdLR, pL - pW);
  let mhsL = halfSlope(hth, mdLR, mL - mW);
  let xL = xi[o];
  let fpPrev = 0;
  let fmPrev = 0;
  {
    const u = (xi[o + N - 1] - xL) * invh + F1;
    if (u > 0) {
      fpPrev = u * (pW + phsW);
      fmPrev = -u * (mL - mhsL);
    } else {
      fpPrev = u * (pL - phsL);
      fmPrev = -u * (mW + mhsW);
    }
  }
  for (let i = 0; i < N; i++) {
    const q = o + i;
    // x-face i+½ (cells L = i, R = i+1; the slope of R needs cell i+2)
    const i1 = i + 1 < N ? i + 1 : 0;
    const i2 = i + 2 < N ? i + 2 : i + 2 - N;
    const p2 = s[o + i2];
    const m2 = s[om + i2];
    const pdR = p2 - pR;
    const mdR = m2 - mR;
    const phsR = halfSlope(hth, pdR, pdLR);
    const mhsR = halfSlope(hth, mdR, mdLR);
    const xR = xi[o + i1];
    const u = (xL - xR) * invh + F1;
    let fp = 0;
    let fm = 0;
    if (u > 0) {
      fp = u * (pL + phsL);
      fm = -u * (mR - mhsR);
    } else {
      fp = u * (pR - phsR);
      fm = -u * (mL + mhsL);
    }
    const xrP = (fpPrev - fp) * invh;
    const xrM = (fmPrev - fm) * invh;
    let rateP = xrP;
    let rateM = xrM;
    if (!xOnly) {
      // y-face above cell i (rows j | j+1), with the y-slope of row j+1 at column i
      const pU = s[on + i];
      const mU = s[NN + on + i];
      const pshU = halfSlope(hth, s[onn + i] - pU, pU - pL);
      const mshU = halfSlope(hth, s[NN + onn + i] - mU, mU - mL);
      rb[oN + i] = pshU;
      rb[oN + N + i] = mshU;
      const v = (xL - xi[on + i]) * invh + F2;
      let gp = 0;
      let gm = 0;
      if (v > 0) {
        gp = v * (pL + rb[oC + i]);
        gm = -v * (mU - mshU);
      } else {
        gp = v * (pU - pshU);
        gm = -v * (mL + rb[oC + N + i]);
      }
      gp *= invh;
      gm *= invh;
      rateP = xrP + rb[oG + i] - gp;
      rateM = xrM + rb[oG + N + i] - gm;
      rb[oG + i] = gp;
      rb[oG + N + i] = gm;
    }
    if (!dry) {
      let x = a * u0[q] + b * pL + c * rateP;
      let y = a * u0[NN + q] + b * mL + c * rateM;
      if (x > 0 && x < flush) x = 0;
      if (y > 0 && y < flush) y = 0;
      out[q] = x;
      out[NN + q] = y;
      kappa[q] = x - y;
      if (x < mn) mn = x;
      if (y < mn) mn = y;
      if (x + y > mx) mx = x + y;
    }
    fpPrev = fp;
    fmPrev = fm;
    pL = pR;
    pR = p2;
    mL = mR;
    mR = m2;
    pdLR = pdR;
    mdLR = mdR;
    phsL = phsR;
    mhsL = mhsR;
    xL = xR;
  }
  stats[0] = mn;
  stats[1] = mx;
}
