import { gaussLegendre } from '../kernels/gaussLegendre';
import { buildTable, type PiecewiseTable } from './table';

/**
 * The "exponential of semicircle" spreading window of Barnett, Magland & af Klinteberg (FINUFFT,
 * SIAM J. Sci. Comput. 41, 2019): φ(z) = exp(β(√(1 − z²) − 1)) on |z| ≤ 1, w grid points wide.
 * With upsampling σ = M/(2K) = 2 the NUFFT error is ≈ 10^{1−w} for FINUFFT's β = 2.30·w. We use
 * β = 2.8·w (see farField.ts): our multipliers are negligible near K, and the smaller edge value
 * e^{−β} matters because the gradient is gathered with the window's derivative. Measured on the
 * far-field gradient at w = 12: max error 1e-7 (β = 2.3w), 1e-8 (2.5w), 3e-10 (2.8w), 5e-10 (2.9w).
 */
export interface SpreadWindow {
  /** Width in grid points. */
  readonly w: number;
  readonly beta: number;
  /** φ̂_α(κ)·M, κ = 0..K (the 1D Fourier transform of the window in physical units, ×M). */
  readonly hat: Float64Array;
}

export function esWindow(w: number, M: number, K: number, beta = 2.8 * w): SpreadWindow {
  // φ̂_α(κ) = α ∫₋₁¹ φ(z) cos(2πκαz) dz with α = w/(2M); φ has √-type endpoint behaviour damped
  // by e^{−β}, so plain Gauss–Legendre with ~3w + 40 nodes is exact to rounding.
  const gl = gaussLegendre(Math.max(64, 3 * w + 40));
  const nodes = gl.nodes;
  const weights = gl.weights;
  const alpha = w / (2 * M);
  const hat = new Float64Array(K + 1);
  for (let k = 0; k <= K; k++) {
    let s = 0;
    for (let i = 0; i < nodes.length; i++) {
      const z = nodes[i];
      s += weights[i] * Math.exp(beta * (Math.sqrt(1 - z * z) - 1)) * Math.cos(2 * Math.PI * k * alpha * z);
    }
    hat[k] = alpha * s * M;
  }
  return { w, beta, hat };
}

/**
 * The w weights of one coordinate and their z-derivatives as functions of the offset
 * f = i₀ − xM + w/2 ∈ [0, 1) of the first node (node l sits at z = (2(l + f) − w)/w): a piecewise
 * table in f, 8 intervals of degree 7, functions [φ(z₀) … φ(z_{w−1}), φ'(z₀) … φ'(z_{w−1})].
 * Errors 1e-14 (values) and 4e-13·β (derivatives, limited by the edge singularity e^{−β}/√(1−z²));
 * a lookup costs ~2w short polynomials instead of w square roots, exponentials and divisions.
 */
export function windowWeightTable(w: number, beta: number): PiecewiseTable {
  const key = `${w}/${beta}`;
  let table = weightTables.get(key);
  if (!table) {
    table = buildWeightTable(w, beta);
    weightTables.set(key, table);
  }
  return table;
}

/**
 * windowWeightTable's tables by (w, β): every FarField a plan installs (re-plans, the second
 * thread's) reads the same one, and it is never written (a few kB each; w, β take few values).
 */
const weightTables = new Map<string, PiecewiseTable>();

function buildWeightTable(w: number, beta: number): PiecewiseTable {
  return buildTable(1, 8, 2 * w, (f, out) => {
    for (let l = 0; l < w; l++) {
      const z = (2 * (l + f) - w) / w;
      const r = 1 - z * z;
      const sq = Math.sqrt(Math.max(r, 0));
      const v = r > 0 ? Math.exp(beta * (sq - 1)) : 0;
      out[l] = v;
      out[w + l] = r > 0 ? (-v * beta * z) / sq : 0;
    }
  });
}
