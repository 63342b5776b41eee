/**
 * One SSP-RK3 stage as a single pass over the grid, one loop per row (stageRows.ts): the x-fluxes
 * of the row, the y-slopes of the next row, the fluxes through the y-faces between them, and the
 * row update, with no allocation. Row j is written once the face above it is known.
 */

import { stageRow, yHalfSlopes } from './stageRows';

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
  /** The scalars of the current stage and row for stageRow. */
  readonly sc = new Float64Array(7);
  readonly iv = new Int32Array(9);
  /** θ/2 of the generalised minmod limiter (the kernels use half slopes). */
  readonly hth: number;
  /** Row buffer of stageRow: half y-slopes of rows j, j+1 (ping-pong), the y-face fluxes. */
  readonly rb: Float64Array;

  constructor(
    readonly N: number,
    readonly slip: boolean,
    /** θ of the generalised minmod limiter. */
    readonly theta: number,
  ) {
    this.kappa = new Float64Array(N * N);
    this.hth = 0.5 * theta;
    this.rb = new Float64Array(6 * N);
  }
}

/**
 * out = a·u0 + b·s + c·L(s; ξ) on fields stored [ρ+ | ρ−] (length 2N²), L the semi-discrete rates,
 * κ of the output into ws.kappa, and [min, max sum] in ws.stats[0..1]. out must not alias s, u0.
 */
export function runStage(
  ws: StageWorkspace,
  u0: Float64Array,
  s: Float64Array,
  xi: Float64Array,
  out: Float64Array,
  a: number,
  b: number,
  c: number,
): void {
  const { N, kappa: kap, stats, rb, hth, slip, sc, iv } = ws;
  const NN = N * N;
  iv[3] = N;
  iv[4] = NN;
  iv[7] = slip ? 1 : 0;
  sc[0] = N;
  sc[1] = ws.F1;
  sc[2] = ws.F2;
  sc[3] = hth;
  sc[4] = a;
  sc[5] = b;
  sc[6] = c;
  stats[0] = Number.POSITIVE_INFINITY;
  stats[1] = 0;
  // Not slip: prime the row buffer with a dry pass over row N − 1 (its slopes from rows N − 2 … 0;
  // out of it come the slopes of row 0 and the fluxes through the face below row 0).
  let j0 = 0;
  let oC = 0;
  if (!slip) {
    j0 = -1;
    yHalfSlopes(s, NN, (N - 1) * N, (N - 2) * N, 0, N, hth, rb, 0);
  }
  for (let j = j0; j < N; j++) {
    const jr = j < 0 ? j + N : j;
    const oN = 2 * N - oC;
    iv[0] = jr * N;
    iv[1] = ((jr + 1) % N) * N;
    iv[2] = ((jr + 2) % N) * N;
    iv[5] = oC;
    iv[6] = oN;
    iv[8] = j < 0 ? 1 : 0;
    stageRow(s, xi, u0, out, kap, rb, iv, sc, stats);
    oC = oN;
  }
}
