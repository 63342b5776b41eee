import { CORES } from '../kernels/cores';
import type { CoreModel, Geometry } from '../types';

/**
 * Predicted CPU time of one gradient evaluation, for choosing the grid. Measured costs (node 20,
 * one thread of the 2-core reference machine under load); only their ratios matter for the choice
 * of M. Per pair inside r₂, including the ~1 other pair tested (cells of side r₂/2): the core's
 * own cost when it is evaluated per pair (cores/index.ts), a table lookup when it is tabulated.
 */
const COST = {
  /** A pair inside r₂ with the whole profile from a table. */
  tablePairNs: 20,
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
 * evaluations 11–16% slower at n = 2000–4000, M = 256, than the helper taking near rows while
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
   * 2: a helper thread takes a share of the near field and of the far gather (evaluator.ts), and
   * from SHARED_GRID_MIN_M on half the near field and a share of the grid stage.
   */
  threads: 1 | 2;
}

export interface Cost {
  /** Seconds of the near field, of everything else, and of one evaluation (wall clock). */
  near: number;
  far: number;
  seconds: number;
  /** Share of the near field's rows for the helper (threads = 2) that balances the two threads. */
  helperShare: number;
  /** Whether the helper takes part in the grid stage (threads = 2). */
  sharedGrid: boolean;
}

export function predictCost(c: CostInput): Cost {
  const { n, M, w, r2 } = c;
  let near = 0;
  if (r2 > 0) {
    const inside = Math.min((n * n) / 2, (c.clustering * Math.PI * r2 * r2 * n * n) / 2);
    near += inside * (c.tabulatedCore ? COST.tablePairNs : CORES[c.core].pairNs[c.geometry]);
    if (Math.floor(1 / r2) < 3) near += 4.5 * n * n * COST.pairTestNs;
  }
  let far = (n * COST.particleNs * (w * w)) / 144 + n * COST.sortNs;
  far += M * M * (COST.fftNs * Math.log2(M) + COST.gridNs);
  near *= 1e-9;
  far *= 1e-9;
  if (c.threads === 1) return { near, far, seconds: near + far, helperShare: 1, sharedGrid: false };
  // (without a near part and below SHARED_GRID_MIN_M, as before: one thread's time)
  if (near === 0 && M < SHARED_GRID_MIN_M)
    return { near, far, seconds: far, helperShare: 1, sharedGrid: false };
  // helper: share·near and, from the convolved grid, part of the gather (evaluator.ts balances it
  // by measured times); this thread: sorting, spreading, the FFT, (1 − share)·near, the rest
  const share = near > 0 ? Math.min(1, (near + far) / (2 * near)) : 1;
  const gather = (0.5e-9 * n * COST.particleNs * (w * w)) / 144;
  const main = far + (1 - share) * near;
  const alone = Math.max(share * near, (near + far) / 2, main - gather);
  if (M < SHARED_GRID_MIN_M) return { near, far, seconds: alone, helperShare: share, sharedGrid: false };
  // or both threads from the start: the grid stage's tasks as they come (gridShare.ts, at
  // COST.sharedGrid × the far work), part of the gather, half the near field each; only the sort
  // and the scatter stay on this thread. Whichever is predicted faster.
  const shared = (near + COST.sharedGrid * far + 1e-9 * n * COST.sortNs) / 2;
  if (shared < alone) return { near, far, seconds: shared, helperShare: 0.5, sharedGrid: true };
  return { near, far, seconds: alone, helperShare: share, sharedGrid: false };
}
