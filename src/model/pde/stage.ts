/**
 * One SSP-RK3 stage as a single fused pass over the grid: x-fluxes, y-slopes and y-fluxes of each
 * row, and the row update, with no allocation and no second sweep (the rates of a row are complete
 * once its upper y-face is added, so it is written right then; row 0, whose lower face is the last
 * one, is written at the end).
 */

import { finishRow, yFacesFinish } from './rowUpdate';
import { xRow } from './xFluxes';
import { yFaces, ySlopes } from './yFluxes';

/**
 * Scratch and per-field constants of the stage pass. `kappa` and `stats` are shared with
 * PotentialEvaluator: a stage leaves κ of its output in `kappa` (the next convolution's input), and
 * stats = [min, maxSum, E, Escale, dxMin, dxMax, dyMin, dyMax] holds [min of both outputs, max of
 * ρ+ + ρ−] of the last stage in [0..1] and the last potential's measures in [2..7].
 */
export class StageWorkspace {
  /** F₁, F₂ of the current field (F₂ = 0 for slip). */
  F1 = 0;
  F2 = 0;
  readonly kappa: Float64Array;
  readonly stats = new Float64Array(8);
  // Row buffers: rate accumulators and y-slopes of row 0 and of rows j / j+1 (sets A, B).
  readonly rows: Float64Array[];
  readonly padP: Float64Array;
  readonly padM: Float64Array;
  readonly padX: Float64Array;

  constructor(
    readonly N: number,
    readonly slip: boolean,
    /** θ of the generalised minmod limiter. */
    readonly theta: number,
  ) {
    this.kappa = new Float64Array(N * N);
    this.rows = [];
    for (let r = 0; r < 12; r++) this.rows.push(new Float64Array(N));
    this.padP = new Float64Array(N + 4);
    this.padM = new Float64Array(N + 4);
    this.padX = new Float64Array(N + 4);
  }
}

/**
 * (outP, outM) = a·(u0P, u0M) + b·(p, m) + c·L(p, m; ξ), L the semi-discrete rates, κ of the output
 * into ws.kappa, and [min, max sum] in ws.stats[0..1]. Rows are processed in order; a row is written
 * as soon as both of its y-faces are known (row 0 last). out must not alias p, m, u0P, u0M.
 */
export function runStage(
  ws: StageWorkspace,
  u0P: Float64Array,
  u0M: Float64Array,
  p: Float64Array,
  m: Float64Array,
  xi: Float64Array,
  outP: Float64Array,
  outM: Float64Array,
  a: number,
  b: number,
  c: number,
): void {
  const { N, F1, F2, kappa: kap, stats, rows, theta: th, padP, padM, padX } = ws;
  const invh = N;
  stats[0] = Number.POSITIVE_INFINITY;
  stats[1] = 0;
  const [accP0, accM0, slP0, slM0, accPA, accMA, slPA, slMA, accPB, accMB, slPB, slMB] = rows;
  if (ws.slip) {
    for (let j = 0; j < N; j++) {
      xRow(p, m, xi, j * N, N, invh, F1, th, padP, padM, padX, accPA, accMA);
      finishRow(j * N, N, u0P, u0M, p, m, accPA, accMA, outP, outM, kap, a, b, c, stats);
    }
    return;
  }
  xRow(p, m, xi, 0, N, invh, F1, th, padP, padM, padX, accP0, accM0);
  ySlopes(p, m, 0, (N - 1) * N, N, N, th, slP0, slM0);
  let cP = accP0;
  let cM = accM0;
  let cSP = slP0;
  let cSM = slM0;
  let useA = true;
  for (let j = 0; j < N; j++) {
    const o = j * N;
    const jn = j + 1 === N ? 0 : j + 1;
    const on = jn * N;
    let nP = accP0;
    let nM = accM0;
    let nSP = slP0;
    let nSM = slM0;
    if (jn !== 0) {
      nP = useA ? accPA : accPB;
      nM = useA ? accMA : accMB;
      nSP = useA ? slPA : slPB;
      nSM = useA ? slMA : slMB;
      useA = !useA;
      xRow(p, m, xi, on, N, invh, F1, th, padP, padM, padX, nP, nM);
      ySlopes(p, m, on, o, jn + 1 === N ? 0 : on + N, N, th, nSP, nSM);
    }
    if (j === 0) yFaces(p, m, xi, o, on, N, invh, F2, cSP, cSM, nSP, nSM, cP, cM, nP, nM);
    else
      yFacesFinish(
        p,
        m,
        xi,
        o,
        on,
        N,
        invh,
        F2,
        cSP,
        cSM,
        nSP,
        nSM,
        cP,
        cM,
        nP,
        nM,
        u0P,
        u0M,
        outP,
        outM,
        kap,
        a,
        b,
        c,
        stats,
      );
    cP = nP;
    cM = nM;
    cSP = nSP;
    cSM = nSM;
  }
  finishRow(0, N, u0P, u0M, p, m, accP0, accM0, outP, outM, kap, a, b, c, stats);
}
