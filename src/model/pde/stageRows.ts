/**
 * The row kernels of one SSP-RK3 stage (stage.ts walks the rows): the rates from the x-faces of a
 * row, the y-faces above it, and the row update out = a·u0 + b·ρ + c·rates with κ of the output and
 * the positivity / density statistics. Fields hold [ρ+ | ρ−] (ρ− at offset NN = N²).
 *
 * Face velocities: + species u = (ξ_L − ξ_R)/h + F, − species its negative; the flux through a face
 * takes the upwind cell's face value ρ ± ½σ (limiter.ts). The x-faces of a row are swept with a
 * rolling window of cells i … i+2 (periodic indices wrapped in place, no padded copy).
 *
 * Every arithmetic operation and comparison runs on every cell; data-dependent choices only select
 * among values already computed (both upwind fluxes are formed, one is kept). V8 compiles a
 * function with the type feedback seen so far, and an operation in a branch never taken before
 * (e.g. u < 0 after a uniform start, or one geometry's code after the other's) deoptimizes it
 * later; a function called once per row can then stay in its slower on-stack-replacement code,
 * which boxes doubles (measured: slip at N = 512 three times slower, 8000 scavenges per 1000 stages).
 *
 * Scalars come in typed arrays, iv = [o, on, onn, N, NN, oC, oN] (row offsets and row-buffer
 * offsets) and sc = [1/h, F₁, F₂, θ/2, a, b, c], so that the loops see raw machine numbers: as
 * arguments, numbers are tagged values that V8 re-tests at uses inside a loop.
 *
 * Row buffer rb (length 8N, ρ+ then ρ− halves of N each): the rates of the current row at 0, the
 * half y-slopes of rows j and j+1 at oC and oN (2N and 4N, alternating), the fluxes through the
 * current y-face at 6N.
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

// Hot loops: module-level functions of typed arrays only (monomorphic, no closures).

/** Flux w·(face value) through a face with velocity w: the left cell's face if w > 0, else the right's. */
function upwind(w: number, left: number, right: number): number {
  const fl = w * left;
  const fr = w * right;
  return w > 0 ? fl : fr;
}

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

/** x-rates −(F_{i+½} − F_{i−½})/h of row o (iv[0]) of both species into rb[0…2N). */
export function xRates(
  s: Float64Array,
  xi: Float64Array,
  rb: Float64Array,
  iv: Int32Array,
  sc: Float64Array,
): void {
  const o = iv[0];
  const N = iv[3];
  const om = o + iv[4];
  const invh = sc[0];
  const F1 = sc[1];
  const hth = sc[3];
  // window: cells −1, 0 (L), 1 (R); flux through face −½
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
  const uW = (xi[o + N - 1] - xL) * invh + F1;
  let fpPrev = upwind(uW, pW + phsW, pL - phsL);
  let fmPrev = upwind(-uW, mW + mhsW, mL - mhsL);
  for (let i = 0; i < N; i++) {
    // face i+½ (cells L = i, R = i+1; the slope of R needs cell i+2)
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
    const fp = upwind(u, pL + phsL, pR - phsR);
    const fm = upwind(-u, mL + mhsL, mR - mhsR);
    rb[i] = (fpPrev - fp) * invh;
    rb[N + i] = (fmPrev - fm) * invh;
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
}

/**
 * The y-face above row o (rows j+1, j+2 at on, onn): in, the half y-slopes of row j (rb[oC…]) and
 * the fluxes through the face below (rb[6N…]); out, the slopes of row j+1 (rb[oN…]) and the fluxes
 * through the face above (replacing those below), and the row's rates rb[0…2N) become
 * (rate + flux below) − flux above.
 */
export function yRates(
  s: Float64Array,
  xi: Float64Array,
  rb: Float64Array,
  iv: Int32Array,
  sc: Float64Array,
): void {
  const o = iv[0];
  const on = iv[1];
  const onn = iv[2];
  const N = iv[3];
  const NN = iv[4];
  const oC = iv[5];
  const oN = iv[6];
  const oG = 6 * N;
  const invh = sc[0];
  const F2 = sc[2];
  const hth = sc[3];
  for (let i = 0; i < N; i++) {
    const pL = s[o + i];
    const mL = s[NN + o + i];
    const pU = s[on + i];
    const mU = s[NN + on + i];
    const pshU = halfSlope(hth, s[onn + i] - pU, pU - pL);
    const mshU = halfSlope(hth, s[NN + onn + i] - mU, mU - mL);
    rb[oN + i] = pshU;
    rb[oN + N + i] = mshU;
    const v = (xi[o + i] - xi[on + i]) * invh + F2;
    const gp = upwind(v, pL + rb[oC + i], pU - pshU) * invh;
    const gm = upwind(-v, mL + rb[oC + N + i], mU - mshU) * invh;
    rb[i] = rb[i] + rb[oG + i] - gp;
    rb[N + i] = rb[N + i] + rb[oG + N + i] - gm;
    rb[oG + i] = gp;
    rb[oG + N + i] = gm;
  }
}

/**
 * Row o of out = a·u0 + b·s + c·rates (rates rb[0…2N)), κ = out₊ − out₋, and stats[0] ← min of both
 * outputs, stats[1] ← max of out₊ + out₋.
 */
export function writeRow(
  s: Float64Array,
  u0: Float64Array,
  out: Float64Array,
  kappa: Float64Array,
  rb: Float64Array,
  iv: Int32Array,
  sc: Float64Array,
  stats: Float64Array,
): void {
  const o = iv[0];
  const N = iv[3];
  const om = o + iv[4];
  const a = sc[4];
  const b = sc[5];
  const c = sc[6];
  const flush = FLUSH;
  let mn = stats[0];
  let mx = stats[1];
  for (let i = 0; i < N; i++) {
    let x = a * u0[o + i] + b * s[o + i] + c * rb[i];
    let y = a * u0[om + i] + b * s[om + i] + c * rb[N + i];
    const xTiny = x < flush;
    const xPos = x > 0;
    const yTiny = y < flush;
    const yPos = y > 0;
    if (xTiny && xPos) x = 0;
    if (yTiny && yPos) y = 0;
    out[o + i] = x;
    out[om + i] = y;
    kappa[o + i] = x - y;
    if (x < mn) mn = x;
    if (y < mn) mn = y;
    if (x + y > mx) mx = x + y;
  }
  stats[0] = mn;
  stats[1] = mx;
}
