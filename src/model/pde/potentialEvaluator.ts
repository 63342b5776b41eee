/**
 * ξ = V_δ∗κ + U at the cell centres, and what the time-step rule and the energy test read off it.
 * One FFT convolution (potentialSymbol.ts) plus one pass that adds U and measures, per evaluation;
 * the solver evaluates ξ after every stage, so the pass is fused.
 */

import { potentialU } from '../external';
import type { RealFFT2D } from '../fft2';
import type { ExternalField } from '../types';
import type { StageMemory } from './stageWasm';

// Hot loop: a module-level function of typed arrays and numbers only (monomorphic, no closures).

/**
 * ξ ← ξ + U (U at the centres), returning E = h²Σκ(½φ + U) in stats[2], and in stats[3] the scale
 * of its round-off, h²Σ(|κ| + 10⁻⁴(ρ+ + ρ−))(½|φ| + |U|) (κ inherits an absolute error ~ε(ρ+ + ρ−)
 * from the densities, which 10⁻¹²·10⁻⁴ ≈ ε covers), and the extreme centred differences of ξ across
 * x- and y-faces (ξ_L − ξ_R) in stats[4..7] = [dxMin, dxMax, dyMin, dyMax]. One pass, row by row.
 */
function addFieldAndMeasure(
  xi: Float64Array,
  kappa: Float64Array,
  p: Float64Array,
  m: Float64Array,
  uc: Float64Array,
  N: number,
  slip: boolean,
  stats: Float64Array,
): void {
  let e = 0;
  let sc = 0;
  let dxMax = Number.NEGATIVE_INFINITY;
  let dxMin = Number.POSITIVE_INFINITY;
  let dyMax = Number.NEGATIVE_INFINITY;
  let dyMin = Number.POSITIVE_INFINITY;
  for (let j = 0; j < N; j++) {
    const o = j * N;
    for (let i = 0; i < N; i++) {
      const q = o + i;
      const k = kappa[q];
      const phi = xi[q];
      const u = uc[q];
      e += k * (0.5 * phi + u);
      sc += (Math.abs(k) + 1e-4 * (p[q] + m[q])) * (0.5 * Math.abs(phi) + Math.abs(u));
      xi[q] = phi + u;
    }
    let prev = xi[o + N - 1];
    for (let i = 0; i < N; i++) {
      const c = xi[o + i];
      const d = prev - c;
      if (d > dxMax) dxMax = d;
      if (d < dxMin) dxMin = d;
      prev = c;
    }
    if (!slip && j > 0) {
      const ol = o - N;
      for (let i = 0; i < N; i++) {
        const d = xi[ol + i] - xi[o + i];
        if (d > dyMax) dyMax = d;
        if (d < dyMin) dyMin = d;
      }
    }
  }
  if (!slip) {
    const ol = (N - 1) * N;
    for (let i = 0; i < N; i++) {
      const d = xi[ol + i] - xi[i];
      if (d > dyMax) dyMax = d;
      if (d < dyMin) dyMin = d;
    }
  } else {
    dyMax = 0;
    dyMin = 0;
  }
  const h2 = 1 / (N * N);
  stats[2] = e * h2;
  stats[3] = sc * h2;
  stats[4] = dxMin;
  stats[5] = dxMax;
  stats[6] = dyMin;
  stats[7] = dyMax;
}

/** Evaluates ξ on one grid: the FFT plan, the tabulated potential symbol and U at the centres. */
export class PotentialEvaluator {
  private readonly N: number;
  /** U at the cell centres. */
  private readonly uc: Float64Array;

  /** mem: the stage module's memory, where U and the fields live so that the measure runs there. */
  constructor(
    private readonly plan: RealFFT2D,
    private readonly mult: Float64Array,
    private readonly slip: boolean,
    private readonly mem?: StageMemory,
  ) {
    this.N = plan.N;
    this.uc = mem ? mem.alloc(this.N * this.N) : new Float64Array(this.N * this.N);
  }

  /** Tabulate U of a new field at the centres. */
  setField(field: ExternalField): void {
    const N = this.N;
    for (let j = 0; j < N; j++)
      for (let i = 0; i < N; i++) this.uc[j * N + i] = potentialU(field, (i + 0.5) / N, (j + 0.5) / N);
  }

  /**
   * ξ from the current contents of κ (which must be p − m) into xi; energy and face-speed extremes
   * into stats[2..7] (see addFieldAndMeasure).
   */
  evaluate(
    xi: Float64Array,
    kappa: Float64Array,
    p: Float64Array,
    m: Float64Array,
    stats: Float64Array,
  ): void {
    this.plan.convolve(kappa, this.mult, xi);
    if (this.mem?.measure([xi, kappa, p, m, this.uc], this.N, this.slip, stats)) return;
    addFieldAndMeasure(xi, kappa, p, m, this.uc, this.N, this.slip, stats);
  }

  /**
   * ξ only, for the inner RK stages: their energy and face speeds are never read (the dt rule and
   * the energy test look at whole steps), so U is added inside the inverse transform's last pass
   * and nothing is measured.
   */
  evaluateStage(xi: Float64Array, kappa: Float64Array): void {
    this.plan.convolve(kappa, this.mult, xi, this.uc);
  }
}
