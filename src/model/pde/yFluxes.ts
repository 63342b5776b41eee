/**
 * Fluxes across the y-faces between two grid rows, and the y-slopes they need (same upwinded MUSCL
 * face values and generalised minmod slopes as xFluxes.ts, written out inline). The stage pass
 * (stage.ts) walks the rows in order, so each y-face is visited once and feeds both of its rows.
 */

// Hot loops: module-level functions of typed arrays and numbers only (monomorphic, no closures).

/** y-slopes (minmod) of the row at offset o (rows below/above at ol, oh) into sP, sM. */
export function ySlopes(
  p: Float64Array,
  m: Float64Array,
  o: number,
  ol: number,
  oh: number,
  N: number,
  th: number,
  sP: Float64Array,
  sM: Float64Array,
): void {
  for (let i = 0; i < N; i++) {
    const c = p[o + i];
    const a1 = p[oh + i] - c;
    const b1 = c - p[ol + i];
    let s1 = 0;
    if ((a1 > 0 && b1 > 0) || (a1 < 0 && b1 < 0)) {
      const aa = Math.abs(a1);
      const bb = Math.abs(b1);
      let q = 0.5 * (aa + bb);
      if (th * aa < q) q = th * aa;
      if (th * bb < q) q = th * bb;
      s1 = a1 > 0 ? q : -q;
    }
    sP[i] = s1;
    const d = m[o + i];
    const a2 = m[oh + i] - d;
    const b2 = d - m[ol + i];
    let s2 = 0;
    if ((a2 > 0 && b2 > 0) || (a2 < 0 && b2 < 0)) {
      const aa = Math.abs(a2);
      const bb = Math.abs(b2);
      let q = 0.5 * (aa + bb);
      if (th * aa < q) q = th * aa;
      if (th * bb < q) q = th * bb;
      s2 = a2 > 0 ? q : -q;
    }
    sM[i] = s2;
  }
}

/**
 * Fluxes through the faces between the rows at offsets o (below) and on (above): subtracted from
 * the lower row's rates (cP, cM), added to the upper row's (nP, nM). sC…, sN…: y-slopes of the two rows.
 */
export function yFaces(
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
): void {
  for (let i = 0; i < N; i++) {
    const v = (xi[o + i] - xi[on + i]) * invh + F2;
    let gp = 0;
    let gm = 0;
    if (v > 0) {
      gp = v * (p[o + i] + 0.5 * sCP[i]);
      gm = -v * (m[on + i] - 0.5 * sNM[i]);
    } else {
      gp = v * (p[on + i] - 0.5 * sNP[i]);
      gm = -v * (m[o + i] + 0.5 * sCM[i]);
    }
    gp *= invh;
    gm *= invh;
    cP[i] -= gp;
    nP[i] += gp;
    cM[i] -= gm;
    nM[i] += gm;
  }
}
