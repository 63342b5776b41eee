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
  /** Window weights, spreading and gathering, per particle (w = 12). */
  particleNs: 1000,
  /** The FFT convolution, per M²·log₂M. */
  fftNs: 2.0,
  /** Padding, folding and filling the grids, per M². */
  gridNs: 9,
};

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
}

export function predictSeconds(c: CostInput): number {
  const { n, M, w, r2 } = c;
  let ns = 0;
  if (r2 > 0) {
    const inside = Math.min((n * n) / 2, (c.clustering * Math.PI * r2 * r2 * n * n) / 2);
    ns += inside * (c.tabulatedCore ? COST.tablePairNs : CORES[c.core].pairNs[c.geometry]);
    if (Math.floor(1 / r2) < 3) ns += 4.5 * n * n * COST.pairTestNs;
  }
  ns += (n * COST.particleNs * (w * w)) / 144;
  ns += M * M * (COST.fftNs * Math.log2(M) + COST.gridNs);
  return ns * 1e-9;
}
