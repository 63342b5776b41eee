/**
 * Fluxes across the x-faces of one grid row: upwinded MUSCL face values ρ^{E,W}_i = ρ_i ± ½σ_i with
 * the generalised minmod slope σ_i = minmod(θΔ₊, Δ₀, θΔ₋), θ ∈ [1, 2]. Face values stay ≥ 0 for
 * every θ ≤ 2, which is what lets a forward-Euler stage keep ρ ≥ 0 under the CFL rule.
 */

/**
 * Generalised minmod slope (undivided) from the forward and backward differences a, b:
 * minmod(θa, (a + b)/2, θb), θ ∈ [1, 2]; θ = 1 is the plain minmod(a, b).
 */
function gmm(th: number, a: number, b: number): number {
  if (!((a > 0 && b > 0) || (a < 0 && b < 0))) return 0;
  const aa = Math.abs(a);
  const bb = Math.abs(b);
  let m = 0.5 * (aa + bb);
  if (th * aa < m) m = th * aa;
  if (th * bb < m) m = th * bb;
  return a > 0 ? m : -m;
}

// Hot loop: a module-level function of typed arrays and numbers only (monomorphic, no closures).

/**
 * x-direction rates of the row at offset o into dP, dM (row buffers): −(F_{i+½} − F_{i−½})/h with
 * upwinded MUSCL face values (generalised minmod slopes). The row is first copied into padded
 * buffers (two periodic ghost cells on each side: padded index k ↔ cell k − 2) so that the face
 * loop runs without wrap-around tests, with a rolling window of four cells.
 * + velocity across a face (ξ_L − ξ_R)/h + F₁; − velocity its negative.
 */
export function xRow(
  p: Float64Array,
  m: Float64Array,
  xi: Float64Array,
  o: number,
  N: number,
  invh: number,
  F1: number,
  th: number,
  padP: Float64Array,
  padM: Float64Array,
  padX: Float64Array,
  dP: Float64Array,
  dM: Float64Array,
): void {
  for (let i = 0; i < N; i++) {
    padP[i + 2] = p[o + i];
    padM[i + 2] = m[o + i];
    padX[i + 2] = xi[o + i];
  }
  padP[0] = p[o + N - 2];
  padP[1] = p[o + N - 1];
  padP[N + 2] = p[o];
  padP[N + 3] = p[o + 1];
  padM[0] = m[o + N - 2];
  padM[1] = m[o + N - 1];
  padM[N + 2] = m[o];
  padM[N + 3] = m[o + 1];
  padX[1] = xi[o + N - 1];
  padX[N + 2] = xi[o];
  // window for the face between cells −1 and 0 (padded 1 | 2)
  let p1 = padP[1];
  let p2 = padP[2];
  let m1 = padM[1];
  let m2 = padM[2];
  let pdM = p2 - p1;
  let mdM = m2 - m1;
  let psL = gmm(th, pdM, p1 - padP[0]);
  let msL = gmm(th, mdM, m1 - padM[0]);
  let x1 = padX[1];
  let fpPrev = 0;
  let fmPrev = 0;
  for (let k = 1; k <= N + 1; k++) {
    // (k = 1 is the face −½, whose flux only seeds fpPrev/fmPrev)
    // face between padded cells k (L) and k + 1 (R); load k + 2
    const p3 = padP[k + 2];
    const m3 = padM[k + 2];
    const pdR = p3 - p2;
    const mdR = m3 - m2;
    // generalised minmod slopes of cell R, written out (gmm inline)
    let psR = 0;
    if ((pdR > 0 && pdM > 0) || (pdR < 0 && pdM < 0)) {
      const aa = Math.abs(pdR);
      const bb = Math.abs(pdM);
      let q = 0.5 * (aa + bb);
      if (th * aa < q) q = th * aa;
      if (th * bb < q) q = th * bb;
      psR = pdR > 0 ? q : -q;
    }
    let msR = 0;
    if ((mdR > 0 && mdM > 0) || (mdR < 0 && mdM < 0)) {
      const aa = Math.abs(mdR);
      const bb = Math.abs(mdM);
      let q = 0.5 * (aa + bb);
      if (th * aa < q) q = th * aa;
      if (th * bb < q) q = th * bb;
      msR = mdR > 0 ? q : -q;
    }
    const x2 = padX[k + 1];
    const u = (x1 - x2) * invh + F1;
    let fp = 0;
    let fm = 0;
    if (u > 0) {
      fp = u * (p1 + 0.5 * psL);
      fm = -u * (m2 - 0.5 * msR);
    } else {
      fp = u * (p2 - 0.5 * psR);
      fm = -u * (m1 + 0.5 * msL);
    }
    if (k >= 2) {
      dP[k - 2] = (fpPrev - fp) * invh;
      dM[k - 2] = (fmPrev - fm) * invh;
    }
    fpPrev = fp;
    fmPrev = fm;
    p1 = p2;
    p2 = p3;
    m1 = m2;
    m2 = m3;
    pdM = pdR;
    mdM = mdR;
    psL = psR;
    msL = msR;
    x1 = x2;
  }
}
