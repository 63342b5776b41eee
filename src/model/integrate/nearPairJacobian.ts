import type { ParticleSystem } from '../dynamics/particleSystem';
import { hessianU } from '../external';
import { Clusters } from './clusters';
import { NearPairs } from './nearPairs';

/**
 * The approximate Jacobian A of the stiff integrator and the linear solves with (1/(γh))·I − A.
 *
 * The dynamics is the gradient flow ẋ = −n∇E_n, so its Jacobian is −n·D²E_n: a sum of pair
 * blocks −[[M, −M], [−M, M]] with M = b_i b_j D²V_δ(x_i − x_j)/n, plus diagonal blocks
 * −b_i D²U(x_i). A keeps
 *   - the pairs that are stiff at the current step (γh·‖M₊‖ ≥ θ; in practice near ± pairs
 *     within a few δ, found by a cell list with minimum images), and
 *   - the D²U blocks of every particle,
 * each replaced by its positive semidefinite part (M₊, (b_i D²U)₊: the unstable directions of
 * collapsing pairs are left to the explicit part and resolved by the error control). So
 * (1/(γh))·I − A is symmetric positive definite with eigenvalues ≥ 1/(γh), the solves never
 * break down, and column sums of the pair part vanish (Σ x_i is conserved when U = 0, F = 0).
 * A W-method is of its full order for ANY A, so dropping far pairs costs stability only, which
 * the step-size control handles. The system splits into the connected clusters of kept pairs
 * (mostly dipoles: 2 particles); each cluster is a small dense Cholesky solve, singletons a 2×2.
 * For `slip` only x-components move, and the blocks are the scalar ∂₁₁ parts.
 */
/**
 * Bound ‖D²V_δ(d)‖ ≤ C/|d|² + C0 (minimum image d) used to size the neighbour search; measured
 * sup_d |d|²(‖D²V_δ‖ − 10) over all cores and δ ∈ [1e-4, 1e-2]: 1.00 isotropic, 3.00 slip.
 */
const C_ISO = 1.1;
const C_SLIP = 3.3;
const C0 = 10;

/** The bound C/|d|² + C0 of ‖D²V_δ(d)‖ (d the minimum image, |d|² = q > 0). */
export function hessianNormBound(geometry: 'isotropic' | 'slip', q: number): number {
  return (geometry === 'slip' ? C_SLIP : C_ISO) / q + C0;
}

/** Radius beyond which no pair of the system can reach h·‖b_i b_j D²V_δ/n‖ ≥ θ (0: none can). */
export function stiffPairRadius(system: ParticleSystem, h: number, theta: number): number {
  const n = system.n;
  const lam = system.kernel.lambda / n;
  if (h * lam < theta) return 0; // not even a pair at the core's peak is stiff
  const den = (theta * n) / h - C0;
  if (den <= 0) return 0.25;
  return Math.min(0.25, Math.sqrt((system.geometry === 'slip' ? C_SLIP : C_ISO) / den));
}

/**
 * The positive semidefinite part of the symmetric 2×2 matrix [[a, b], [b, c]] into out[0..2] as
 * (xx, xy, yy): the negative eigenvalue dropped, l₁·vvᵀ = l₁(M − l₂I)/(l₁ − l₂) when l₂ < 0 < l₁.
 * Returns the spectral norm of the matrix itself, max(|l₁|, |l₂|) = |mean| + rad (the same bits).
 */
export function positivePart2(a: number, b: number, c: number, out: Float64Array): number {
  out[0] = a;
  out[1] = b;
  out[2] = c;
  positivePartIn(out);
  const h = 0.5 * (a - c);
  return Math.abs(0.5 * (a + c)) + Math.sqrt(h * h + b * b);
}

/**
 * positivePart2 of the matrix (out[0], out[1], out[2]), written over it: no number passes a call
 * boundary (the cluster factorisations call it where V8 does not inline it, and boxed its three
 * arguments and its result).
 */
export function positivePartIn(out: Float64Array): void {
  const a = out[0];
  const b = out[1];
  const c = out[2];
  const mean = 0.5 * (a + c);
  // not Math.hypot: V8 runs it ~8× slower than sqrt and boxes its result (|D²V_δ| ≲ δ⁻² ≤ 1e24: no overflow)
  const h = 0.5 * (a - c);
  const rad = Math.sqrt(h * h + b * b);
  const l1 = mean + rad;
  const l2 = mean - rad;
  if (l1 <= 0) {
    out[0] = 0;
    out[1] = 0;
    out[2] = 0;
  } else if (l2 < 0) {
    const f = l1 / (l1 - l2);
    out[0] = f * (a - l2);
    out[1] = f * b;
    out[2] = f * (c - l2);
  }
}

export class NearPairJacobian {
  /** Pair blocks are kept when γh·‖M₊‖ ≥ theta. */
  static readonly THETA = 0.05;
  /** Largest cluster (unknowns) for a dense solve; above it theta is raised for that step. */
  static readonly MAX_CLUSTER_UNKNOWNS = 96;

  /** Gershgorin bound of the spectral radius of the near-pair (+ D²U) Jacobian, unclipped. */
  stiffness = 0;
  /** Pairs and clusters of the last factorisation (diagnostics). */
  keptPairs = 0;
  clusterCount = 0;
  largestCluster = 0;

  private readonly n: number;
  private readonly dim: 1 | 2;
  private readonly near: NearPairs;
  private readonly clusters: Clusters;
  /** Per candidate pair: clipped block (xx, xy, yy) and its spectral norm. */
  private mxx = new Float64Array(64);
  private mxy = new Float64Array(64);
  private myy = new Float64Array(64);
  private mnorm = new Float64Array(64);
  /** Per particle: clipped (b_i D²U)₊ block, and the inverse 2×2 of a singleton's matrix. */
  private readonly uxx: Float64Array;
  private readonly uxy: Float64Array;
  private readonly uyy: Float64Array;
  private readonly ixx: Float64Array;
  private readonly ixy: Float64Array;
  private readonly iyy: Float64Array;
  private readonly rowStiff: Float64Array;
  private matOffset: Int32Array;
  private pool = new Float64Array(256);
  private readonly tmp: Float64Array;
  private readonly h3 = new Float64Array(3);
  private readonly hasField: boolean;
  /** Radius of the current candidate set and the state it was built at. */
  private candidateRadius = -1;
  private builtFor = -1;

  constructor(private readonly system: ParticleSystem) {
    const n = system.n;
    this.n = n;
    this.dim = system.geometry === 'slip' ? 1 : 2;
    this.near = new NearPairs(n);
    this.clusters = new Clusters(n);
    this.uxx = new Float64Array(n);
    this.uxy = new Float64Array(n);
    this.uyy = new Float64Array(n);
    this.ixx = new Float64Array(n);
    this.ixy = new Float64Array(n);
    this.iyy = new Float64Array(n);
    this.rowStiff = new Float64Array(n);
    this.matOffset = new Int32Array(Math.max(1, n >> 1) + 1);
    this.tmp = new Float64Array(2 * n);
    this.hasField = system.field.modes.some((m) => m.a !== 0);
  }

  /** Radius beyond which no pair can reach γh·‖M‖ ≥ θ. */
  private radiusFor(gh: number, theta: number): number {
    return stiffPairRadius(this.system, gh, theta);
  }

  /** Radius within which pairs can contribute at least `rate` to the stiffness bound. */
  radiusForRate(rate: number): number {
    return this.radiusFor(1, rate);
  }

  /**
   * Builds the candidate pair blocks at state y (identified by `version`) for steps with
   * γh ≤ gh, plus the stiffness bound over pairs within `stiffRadius` (0: none extra).
   * Reuses the last build when the state is the same and its radius suffices.
   */
  prepare(y: Float64Array, version: number, gh: number, stiffRadius: number): void {
    const radius = Math.max(this.radiusFor(gh, NearPairJacobian.THETA), stiffRadius);
    if (version === this.builtFor && radius <= this.candidateRadius) return;
    this.builtFor = version;
    this.candidateRadius = radius;
    const { n, near, system, dim } = this;
    const count = near.search(y, radius);
    if (this.mxx.length < count) {
      const cap = Math.max(count, 2 * this.mxx.length);
      this.mxx = new Float64Array(cap);
      this.mxy = new Float64Array(cap);
      this.myy = new Float64Array(cap);
      this.mnorm = new Float64Array(cap);
    }
    const rowStiff = this.rowStiff;
    rowStiff.fill(0);
    const h = this.h3;
    const signs = system.signs;
    const invN = 1 / n;
    for (let p = 0; p < count; p++) {
      const i = near.pairI[p];
      const j = near.pairJ[p];
      system.kernel.hessian(near.dx[p], near.dy[p], h, 0);
      const s = signs[i] * signs[j] * invN;
      let a = s * h[0];
      let b = s * h[1];
      let c = s * h[2];
      let norm: number;
      if (dim === 1) {
        norm = Math.abs(a);
        if (a < 0) a = 0;
        b = 0;
        c = 0;
      } else {
        norm = positivePart2(a, b, c, h);
        a = h[0];
        b = h[1];
        c = h[2];
      }
      this.mxx[p] = a;
      this.mxy[p] = b;
      this.myy[p] = c;
      this.mnorm[p] = dim === 1 ? a : 0.5 * (a + c) + Math.sqrt(0.25 * (a - c) * (a - c) + b * b);
      rowStiff[i] += 2 * norm;
      rowStiff[j] += 2 * norm;
    }
    const { uxx, uxy, uyy } = this;
    if (this.hasField) {
      for (let i = 0; i < n; i++) {
        hessianU(system.field, y[2 * i], y[2 * i + 1], h, 0);
        const sg = signs[i];
        let a = sg * h[0];
        let b = sg * h[1];
        let c = sg * h[2];
        if (dim === 1) {
          rowStiff[i] += Math.abs(a);
          if (a < 0) a = 0;
          b = 0;
          c = 0;
        } else {
          rowStiff[i] += positivePart2(a, b, c, h);
          a = h[0];
          b = h[1];
          c = h[2];
        }
        uxx[i] = a;
        uxy[i] = b;
        uyy[i] = c;
      }
    } else {
      uxx.fill(0);
      uxy.fill(0);
      uyy.fill(0);
    }
    let st = 0;
    for (let i = 0; i < n; i++) if (rowStiff[i] > st) st = rowStiff[i];
    this.stiffness = st;
  }

  /** Clusters the pairs that are stiff at γh = gh and factors every cluster's matrix. */
  factor(gh: number): void {
    const { n, near, clusters, dim } = this;
    const maxUnknowns = NearPairJacobian.MAX_CLUSTER_UNKNOWNS;
    let theta = NearPairJacobian.THETA;
    for (let attempt = 0; ; attempt++) {
      clusters.reset();
      const limit = theta / gh;
      let tooBig = false;
      let kept = 0;
      for (let p = 0; p < near.count; p++) {
        if (this.mnorm[p] < limit) continue;
        kept++;
        if (clusters.union(near.pairI[p], near.pairJ[p]) * dim > maxUnknowns) tooBig = true;
      }
      this.keptPairs = kept;
      if (!tooBig || attempt >= 8) break;
      theta *= 4;
    }
    clusters.finish();
    this.clusterCount = clusters.count;
    this.largestCluster = clusters.largest;
    const limit = theta / gh;
    const diag = 1 / gh;
    // Singletons (and the diagonal of everything): S = I/(γh) + (b D²U)₊, inverted in closed form.
    const { uxx, uxy, uyy, ixx, ixy, iyy } = this;
    for (let i = 0; i < n; i++) {
      if (clusters.id[i] >= 0) continue;
      if (dim === 1) {
        ixx[i] = 1 / (diag + uxx[i]);
      } else {
        const a = diag + uxx[i];
        const b = uxy[i];
        const c = diag + uyy[i];
        const det = a * c - b * b;
        ixx[i] = c / det;
        ixy[i] = -b / det;
        iyy[i] = a / det;
      }
    }
    // Clusters: dense S = I/(γh) + D + L, L the clipped pair Laplacian; Cholesky in place.
    const count = clusters.count;
    if (this.matOffset.length < count + 1) this.matOffset = new Int32Array(count + 1);
    const off = this.matOffset;
    off[0] = 0;
    for (let c = 0; c < count; c++) {
      const m = dim * (clusters.start[c + 1] - clusters.start[c]);
      off[c + 1] = off[c] + m * m;
    }
    if (this.pool.length < off[count])
      this.pool = new Float64Array(Math.max(off[count], 2 * this.pool.length));
    const pool = this.pool;
    pool.fill(0, 0, off[count]);
    for (let c = 0; c < count; c++) {
      const base = off[c];
      const m = dim * (clusters.start[c + 1] - clusters.start[c]);
      for (let k = clusters.start[c]; k < clusters.start[c + 1]; k++) {
        const i = clusters.members[k];
        const l = dim * clusters.local[i];
        pool[base + l * m + l] = diag + uxx[i];
        if (dim === 2) {
          pool[base + l * m + l + 1] = uxy[i];
          pool[base + (l + 1) * m + l] = uxy[i];
          pool[base + (l + 1) * m + l + 1] = diag + uyy[i];
        }
      }
    }
    for (let p = 0; p < near.count; p++) {
      if (this.mnorm[p] < limit) continue;
      const i = near.pairI[p];
      const j = near.pairJ[p];
      const c = clusters.id[i];
      const base = off[c];
      const m = dim * (clusters.start[c + 1] - clusters.start[c]);
      const li = dim * clusters.local[i];
      const lj = dim * clusters.local[j];
      const a = this.mxx[p];
      pool[base + li * m + li] += a;
      pool[base + lj * m + lj] += a;
      pool[base + li * m + lj] -= a;
      pool[base + lj * m + li] -= a;
      if (dim === 2) {
        const b = this.mxy[p];
        const d = this.myy[p];
        pool[base + li * m + li + 1] += b;
        pool[base + (li + 1) * m + li] += b;
        pool[base + (li + 1) * m + li + 1] += d;
        pool[base + lj * m + lj + 1] += b;
        pool[base + (lj + 1) * m + lj] += b;
        pool[base + (lj + 1) * m + lj + 1] += d;
        pool[base + li * m + lj + 1] -= b;
        pool[base + (li + 1) * m + lj] -= b;
        pool[base + (li + 1) * m + lj + 1] -= d;
        pool[base + lj * m + li + 1] -= b;
        pool[base + (lj + 1) * m + li] -= b;
        pool[base + (lj + 1) * m + li + 1] -= d;
      }
    }
    for (let c = 0; c < count; c++) {
      const m = dim * (clusters.start[c + 1] - clusters.start[c]);
      if (dim === 2) {
        cholesky(pool, off[c], m);
        continue;
      }
      if (this.excess.length < m) this.excess = new Float64Array(2 * m);
      for (let k = clusters.start[c]; k < clusters.start[c + 1]; k++) {
        const i = clusters.members[k];
        this.excess[clusters.local[i]] = diag + uxx[i];
      }
      choleskyLaplacian(pool, off[c], m, this.excess, 0);
    }
    this.gh = gh;
  }

  private gh = 1;
  private excess = new Float64Array(8);

  /** out = ((1/(γh))·I − A)⁻¹ rhs for the last factorisation (out may alias rhs). */
  solve(rhs: Float64Array, out: Float64Array): void {
    const { n, clusters, dim, ixx, ixy, iyy, pool, tmp } = this;
    const off = this.matOffset;
    const gh = this.gh;
    for (let i = 0; i < n; i++) {
      if (clusters.id[i] >= 0) continue;
      const rx = rhs[2 * i];
      const ry = rhs[2 * i + 1];
      if (dim === 1) {
        out[2 * i] = ixx[i] * rx;
        out[2 * i + 1] = gh * ry;
      } else {
        out[2 * i] = ixx[i] * rx + ixy[i] * ry;
        out[2 * i + 1] = ixy[i] * rx + iyy[i] * ry;
      }
    }
    for (let c = 0; c < clusters.count; c++) {
      const s0 = clusters.start[c];
      const s1 = clusters.start[c + 1];
      const m = dim * (s1 - s0);
      for (let k = s0; k < s1; k++) {
        const i = clusters.members[k];
        const l = dim * (k - s0);
        tmp[l] = rhs[2 * i];
        if (dim === 2) tmp[l + 1] = rhs[2 * i + 1];
        else out[2 * i + 1] = gh * rhs[2 * i + 1];
      }
      choleskySolve(pool, off[c], m, tmp);
      for (let k = s0; k < s1; k++) {
        const i = clusters.members[k];
        const l = dim * (k - s0);
        out[2 * i] = tmp[l];
        if (dim === 2) out[2 * i + 1] = tmp[l + 1];
      }
    }
  }
}

/** In-place Cholesky L·Lᵀ of the SPD m×m matrix at a[base] (row-major; lower triangle used). */
export function cholesky(a: Float64Array, base: number, m: number): void {
  for (let j = 0; j < m; j++) {
    const rj = base + j * m;
    let d = a[rj + j];
    for (let k = 0; k < j; k++) d -= a[rj + k] * a[rj + k];
    if (!(d > 0)) throw new Error('integrator: near-pair matrix is not positive definite');
    d = Math.sqrt(d);
    a[rj + j] = d;
    const inv = 1 / d;
    for (let i = j + 1; i < m; i++) {
      const ri = base + i * m;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= a[ri + k] * a[rj + k];
      a[ri + j] = s * inv;
    }
  }
}

/**
 * Cholesky in place of S = diag(e) + L, L a weighted graph Laplacian (off-diagonals ≤ 0, row
 * sums 0) and e > 0 the excess (`excess[eBase + k]`): the 1D cluster matrices, with e = 1/(γh)
 * + (b D²U)₊ and L the pair weights. The pivots are formed as e_k + Σ|s_jk| of the Schur
 * complement, which stays of the same form (weights and excess only grow), instead of
 * s_kk − Σ l_kj²: with pair weights 2/(nδ²) ~ 1e18 (δ = n^{−3.5}, n = 1000) the latter loses
 * 1/(γh) ~ 1e3 to round-off and can turn negative (Grassmann–Taksar–Heyman). The diagonal of a
 * is not read; the factor is left as cholesky() leaves it, for choleskySolve. excess is
 * overwritten.
 */
export function choleskyLaplacian(
  a: Float64Array,
  base: number,
  m: number,
  excess: Float64Array,
  eBase: number,
): void {
  for (let k = 0; k < m; k++) {
    const rk = base + k * m;
    const ek = excess[eBase + k];
    let piv = ek;
    for (let j = k + 1; j < m; j++) piv -= a[base + j * m + k];
    if (!(piv > 0)) throw new Error('integrator: near-pair matrix is not positive definite');
    const lkk = Math.sqrt(piv);
    a[rk + k] = lkk;
    const inv = 1 / lkk;
    for (let j = k + 1; j < m; j++) a[base + j * m + k] *= inv;
    for (let j = k + 1; j < m; j++) {
      const lj = a[base + j * m + k];
      if (lj === 0) continue;
      // the node's excess flows to its neighbours in proportion to their weights
      excess[eBase + j] += (ek * -lj) / lkk;
      for (let i = j + 1; i < m; i++) a[base + i * m + j] -= a[base + i * m + k] * lj;
    }
  }
}

export function choleskySolve(a: Float64Array, base: number, m: number, x: Float64Array): void {
  for (let i = 0; i < m; i++) {
    const ri = base + i * m;
    let s = x[i];
    for (let k = 0; k < i; k++) s -= a[ri + k] * x[k];
    x[i] = s / a[ri + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < m; k++) s -= a[base + k * m + i] * x[k];
    x[i] = s / a[base + i * m + i];
  }
}
