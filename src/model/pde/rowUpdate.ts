/**
 * Writing a finished row of one SSP-RK3 stage: out = a·u0 + b·u + c·rates, κ of the output, and
 * the row's contribution to the positivity / speed statistics.
 *
 * Values in (0, 1e-150) are flushed to 0: depleted cells decay geometrically in long runs, and
 * denormal numbers make the arithmetic ~100× slower; the flush changes a mass by < 1e-150 (far
 * below round-off). FLUSH stays private to this module: the hot loops read a local constant, not
 * an import binding.
 */

const FLUSH = 1e-150;

/** Flush (0, FLUSH) to 0 in place (initial and replaced densities). */
export function flushTiny(a: Float64Array): Float64Array {
  for (let q = 0; q < a.length; q++) if (a[q] > 0 && a[q] < FLUSH) a[q] = 0;
  return a;
}

// Hot loops: module-level functions of typed arrays and numbers only (monomorphic, no closures).

/**
 * yFaces (yFluxes.ts) for the faces between rows o and on, fused with finishRow for row o (whose
 * rates are complete once this face is added): writes outP/outM/κ of row o and updates stats.
 */
export function yFacesFinish(
  p: Float64Array,
  m: Float64Array,
  xi: Float64Array,
  o: number,
  on: number,
  N: number,
  invh: number,
  F2: number,
  sCP: Float64Array,
  sCM: Float64Array,
  sNP: Float64Array,
  sNM: Float64Array,
  cP: Float64Array,
  cM: Float64Array,
  nP: Float64Array,
  nM: Float64Array,
  u0P: Float64Array,
  u0M: Float64Array,
  outP: Float64Array,
  outM: Float64Array,
  kappa: Float64Array,
  a: number,
  b: number,
  c: number,
  stats: Float64Array,
): void {
  let mn = stats[0];
  let mx = stats[1];
  for (let i = 0; i < N; i++) {
    const q = o + i;
    const v = (xi[q] - xi[on + i]) * invh + F2;
    let gp = 0;
    let gm = 0;
    if (v > 0) {
      gp = v * (p[q] + 0.5 * sCP[i]);
      gm = -v * (m[on + i] - 0.5 * sNM[i]);
    } else {
      gp = v * (p[on + i] - 0.5 * sNP[i]);
      gm = -v * (m[q] + 0.5 * sCM[i]);
    }
    gp *= invh;
    gm *= invh;
    nP[i] += gp;
    nM[i] += gm;
    let x = a * u0P[q] + b * p[q] + c * (cP[i] - gp);
    let y = a * u0M[q] + b * m[q] + c * (cM[i] - gm);
    if (x > 0 && x < FLUSH) x = 0;
    if (y > 0 && y < FLUSH) y = 0;
    outP[q] = x;
    outM[q] = y;
    kappa[q] = x - y;
    if (x < mn) mn = x;
    if (y < mn) mn = y;
    if (x + y > mx) mx = x + y;
  }
  stats[0] = mn;
  stats[1] = mx;
}

/**
 * out = a·(u0P, u0M) + b·(p, m) + c·(dP, dM) on the row at offset o, κ = outP − outM.
 * stats[0] ← min(stats[0], min of both outputs); stats[1] ← max(stats[1], max of outP + outM).
 */
export function finishRow(
  o: number,
  N: number,
  u0P: Float64Array,
  u0M: Float64Array,
  p: Float64Array,
  m: Float64Array,
  dP: Float64Array,
  dM: Float64Array,
  outP: Float64Array,
  outM: Float64Array,
  kappa: Float64Array,
  a: number,
  b: number,
  c: number,
  stats: Float64Array,
): void {
  let mn = stats[0];
  let mx = stats[1];
  for (let i = 0; i < N; i++) {
    const q = o + i;
    let x = a * u0P[q] + b * p[q] + c * dP[i];
    let y = a * u0M[q] + b * m[q] + c * dM[i];
    // flush (0, 1e-150) to 0: keeps denormals (100× slower arithmetic) out of long runs in which
    // depleted cells decay geometrically; changes a mass by < 1e-150 (far below round-off)
    if (x > 0 && x < FLUSH) x = 0;
    if (y > 0 && y < FLUSH) y = 0;
    outP[q] = x;
    outM[q] = y;
    kappa[q] = x - y;
    if (x < mn) mn = x;
    if (y < mn) mn = y;
    if (x + y > mx) mx = x + y;
  }
  stats[0] = mn;
  stats[1] = mx;
}
