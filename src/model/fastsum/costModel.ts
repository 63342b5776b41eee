import { CORES } from '../kernels/cores';
import type { CoreModel, Geometry } from '../types';

/**
 * Predicted CPU time of one gradient evaluation, for choosing the grid. Measured costs (node 20,
 * one thread of the 2-core reference machine under load); only their ratios matter for the choice
 * of M. Per pair inside r₂, including the ~1 other pair tested (cells of side r₂/2): the core's
 * own cost when it is evaluated per pair (cores/index.ts), a table lookup when it is tabulated.
 */
const COST = {
  /** A pair inside r₂ with the whole profile from a table (slip; isotropic in WebAssembly: 13). */
  tablePairNs: 20,
  tablePairIsoNs: 13,
  /** A pair tested in the all-pairs fallback (no cells: 9 period shifts per pair). */
  pairTestNs: 10,
  /** Window weights (twice), spreading and gathering, per particle (measured at w = 12, ∝ w²). */
  particleNs: 700,
  /** The FFT convolution, per M²·log₂M. */
  fftNs: 2.0,
  /** Sorting into cells and scattering the result, per particle. */
  sortNs: 20,
  /** Padding, folding and filling the grids, per M². */
  gridNs: 6,
  /**
   * The far work shared between two threads over one thread's: measured at n = 1e4, M = 512
   * (slip gaussian, load ~1): the grid stage 3.4 ms on each thread against 6.1 ms on one.
   */
  sharedGrid: 1.12,
};

/**
 * From this grid on, a two-thread plan shares the grid stage between the threads (gridShare.ts).
 * Below it its tasks are too short for the synchronisation: measured (bench, load ~1) two-thread
 * evaluations 11–16% slower at n = 2000–4000, M = 256, than the helper taking near chunks while
 * this thread spreads and transforms.
 */
export const SHARED_GRID_MIN_M = 512;

export interface CostInput {
  n: number;
  geometry: Geometry;
  core: CoreModel;
  M: number;
  w: number;
  r2: number;
  /** Near pairs / the uniform estimate. */
  clustering: number;
  tabulatedCore: boolean;
  /**
   * 2: a helper thread takes near chunks and far gather tasks (evaluator.ts), and from
   * SHARED_GRID_MIN_M on, when predicted faster, tasks of the grid stage too.
   */
  threads: 1 | 2;
}

export interface Cost {
  /** Seconds of the near field, of everything else, and of one evaluation (wall clock). */
  near: number;
  far: number;
  seconds: number;
  /** Whether the helper takes part in the grid stage (threads = 2). */
  sharedGrid: boolean;
}

export function predictCost(c: CostInput): Cost {
  const { n, M, w, r2 } = c;
  let near = 0;
  if (r2 > 0) {
    const inside = Math.min((n * n) / 2, (c.clustering * Math.PI * r2 * r2 * n * n) / 2);
    const table = c.geometry === 'isotropic' ? COST.tablePairIsoNs : COST.tablePairNs;
    near += inside * (c.tabulatedCore ? table : CORES[c.core].pairNs[c.geometry]);
    if (Math.floor(1 / r2) < 3) near += 4.5 * n * n * COST.pairTestNs;
  }
  let far = (n * COST.particleNs * (w * w)) / 144 + n * COST.sortNs;
  far += M * M * (COST.fftNs * Math.log2(M) + COST.gridNs);
  near *= 1e-9;
  far *= 1e-9;
  if (c.threads === 1) return { near, far, seconds: near + far, sharedGrid: false };
  // (without a near part and below SHARED_GRID_MIN_M, as before: one thread's time)
  if (near === 0 && M < SHARED_GRID_MIN_M) return { near, far, seconds: far, sharedGrid: false };
  // tasks either thread takes (evaluator.ts): the helper starts on the near chunks, this thread on
  // the spread and the FFT, which only it does; then each takes what is left of the other's (the
  // gather's tasks, the near chunks), so they share everything but the spread and the FFT
  const gather = (0.5e-9 * n * COST.particleNs * (w * w)) / 144;
  const alone = Math.max((near + far) / 2, far - gather);
  if (M < SHARED_GRID_MIN_M) return { near, far, seconds: alone, sharedGrid: false };
  // or both threads from the start: the grid stage's tasks as they come (gridShare.ts, at
  // COST.sharedGrid × the far work), then the gather's and the near chunks; only the sort and the
  // scatter stay on this thread. Whichever is predicted faster.
  const shared = (near + COST.sharedGrid * far + 1e-9 * n * COST.sortNs) / 2;
  if (shared < alone) return { near, far, seconds: shared, sharedGrid: true };
  return { near, far, seconds: alone, sharedGrid: false };
}
