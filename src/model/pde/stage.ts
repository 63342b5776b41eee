/**
 * One SSP-RK3 stage as a single pass over the grid, row by row (kernels in stageRows.ts): the
 * x-rates of the row, the y-slopes of the next row and the fluxes through the y-face between them,
 * and the row update, with no allocation. Row j is written once the face above it is known; the
 * face below row 0 is swept first.
 */

import { writeRow, xRates, yHalfSlopes, yRates } from './stageRows';
import { StageMemory } from './stageWasm';

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
  readonly iv = new Int32Array(7);
  /** θ/2 of the generalised minmod limiter (the kernels use half slopes). */
  readonly hth: number;
  /** Row buffer of the row kernels (layout: stageRows.ts). */
  readonly rb: Float64Array;

  /** The module's memory the pass runs in when its arrays are there (stageWasm.ts). */
  readonly mem: StageMemory;

  /**
   * `fields`: room for that many further doubles in the module's memory (the solver's state and
   * stage buffers, allocated with mem.alloc); 0 for a workspace whose fields live elsewhere (the
   * pass then runs the JavaScript rows).
   */
  constructor(
    readonly N: number,
    readonly slip: boolean,
    /** θ of the generalised minmod limiter. */
    readonly theta: number,
    fields = 0,
  ) {
    this.mem = new StageMemory(fields > 0 ? fields + N * N + 8 * N : 0);
    this.kappa = fields > 0 ? this.mem.alloc(N * N) : new Float64Array(N * N);
    this.hth = 0.5 * theta;
    this.rb = fields > 0 ? this.mem.alloc(8 * N) : new Float64Array(8 * N);
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
  if (ws.mem.run(N, slip, hth, [ws.F1, ws.F2], [u0, s, xi, out, kap, rb], [a, b, c], stats)) return;
  const NN = N * N;
  iv[3] = N;
  iv[4] = NN;
  sc[0] = N;
  sc[1] = ws.F1;
  sc[2] = ws.F2;
  sc[3] = hth;
  sc[4] = a;
  sc[5] = b;
  sc[6] = c;
  stats[0] = Number.POSITIVE_INFINITY;
  stats[1] = 0;
  // Not slip: prime the row buffer with the y-face above row N − 1 (its slopes from rows N − 2 … 0
  // give the slopes of row 0 and the fluxes through the face below row 0).
  let oC = 2 * N;
  if (!slip) {
    yHalfSlopes(s, NN, (N - 1) * N, (N - 2) * N, 0, N, hth, rb, oC);
    setRow(iv, N, N - 1, oC);
    yRates(s, xi, rb, iv, sc);
    oC = iv[6];
  }
  for (let j = 0; j < N; j++) {
    setRow(iv, N, j, oC);
    xRates(s, xi, rb, iv, sc);
    if (!slip) yRates(s, xi, rb, iv, sc);
    writeRow(s, u0, out, kap, rb, iv, sc, stats);
    oC = iv[6];
  }
}

/** Row offsets of row j and its two successors, and the slope buffers (row j's at oC). */
function setRow(iv: Int32Array, N: number, j: number, oC: number): void {
  iv[0] = j * N;
  iv[1] = ((j + 1) % N) * N;
  iv[2] = ((j + 2) % N) * N;
  iv[5] = oC;
  iv[6] = 6 * N - oC;
}
