import type { ParticleSystem } from '../dynamics/particleSystem';
import { gradU, hessianU } from '../external';
import type { Clusters } from './clusters';
import { cholesky, choleskyLaplacian, positivePart2 } from './nearPairJacobian';

/**
 * One cluster's own ODE v' = F(v) + p(τ) of the multirate method (fastClusters.ts): the right
 * side and the Cholesky factor of its sub-steps' matrix. F is the interactions of the cluster's
 * kept pairs and −b∇U of its members; v holds the cluster's unknowns (x, y per member in 2D,
 * x only in 1D, where y is read from the macro state). The kept pairs of cluster c are
 * pi/pj[pairStart[c] .. pairStart[c+1]) (set by FastClusters.build).
 */
export class ClusterOde {
  pi = new Int32Array(0);
  pj = new Int32Array(0);
  pairStart = new Int32Array(2);
  /** Cholesky factor of the last factor() call (len × len, row-major). */
  mat = new Float64Array(0);
  /** 1D: the excess 1/(γh) + (b D²U)₊ of the cluster matrix over its pair Laplacian. */
  private excess = new Float64Array(0);
  private readonly g = new Float64Array(3);
  private readonly n: number;
  private readonly signs: Int8Array;
  private readonly hasField: boolean;
  /** The pair set up by pairAt: local indices, displacement and b_i b_j / n. */
  private li = 0;
  private lj = 0;
  private dx = 0;
  private dy = 0;
  private s = 0;

  constructor(
    private readonly system: ParticleSystem,
    private readonly clusters: Clusters,
    private readonly dim: 1 | 2,
  ) {
    this.n = system.n;
    this.signs = system.signs;
    // −b∇U of a cluster's members is part of its fast ODE: evaluated at the sub-steps' states
    this.hasField = system.field.modes.some((md) => md.a !== 0);
  }

  /** Room for clusters of up to cap unknowns. */
  grow(cap: number): void {
    this.mat = new Float64Array(cap * cap);
    this.excess = new Float64Array(cap);
  }

  /** Local indices, displacement x_i − x_j at v (1D: y from the macro state) and weight of pair p. */
  private pairAt(p: number, v: Float64Array, y: Float64Array): void {
    const i = this.pi[p];
    const j = this.pj[p];
    const li = this.clusters.local[i];
    const lj = this.clusters.local[j];
    this.li = li;
    this.lj = lj;
    if (this.dim === 2) {
      this.dx = v[2 * li] - v[2 * lj];
      this.dy = v[2 * li + 1] - v[2 * lj + 1];
    } else {
      this.dx = v[li] - v[lj];
      this.dy = y[2 * i + 1] - y[2 * j + 1];
    }
    this.s = this.signs[i] * this.signs[j] * (1 / this.n);
  }

  /**
   * rhs = F(v) + p(τ) on the cluster's unknowns (v local; fixed coordinates read from y);
   * psum = Σ over members of p(τ), per coordinate.
   */
  rhs(
    c: number,
    v: Float64Array,
    y: Float64Array,
    tau: number,
    coef: Float64Array[],
    rhs: Float64Array,
    psum: Float64Array,
  ): void {
    const { clusters, dim, signs, g } = this;
    const s0 = clusters.start[c];
    const m = clusters.start[c + 1] - s0;
    const deg = coef.length - 1;
    psum[0] = 0;
    psum[1] = 0;
    for (let k = 0; k < m; k++) {
      const i = clusters.members[s0 + k];
      for (let d = 0; d < dim; d++) {
        const q = 2 * i + d;
        let pq = coef[deg][q];
        for (let e = deg - 1; e >= 0; e--) pq = pq * tau + coef[e][q];
        rhs[dim * k + d] = pq;
        psum[d] += pq;
      }
      if (this.hasField) {
        const px = v[dim * k];
        const py = dim === 2 ? v[2 * k + 1] : y[2 * i + 1];
        gradU(this.system.field, px, py, g, 0);
        rhs[dim * k] -= signs[i] * g[0];
        if (dim === 2) rhs[2 * k + 1] -= signs[i] * g[1];
      }
    }
    const kernel = this.system.kernel;
    for (let p = this.pairStart[c]; p < this.pairStart[c + 1]; p++) {
      this.pairAt(p, v, y);
      const { li, lj, s } = this;
      kernel.gradient(this.dx, this.dy, g, 0);
      rhs[dim * li] -= s * g[0];
      rhs[dim * lj] += s * g[0];
      if (dim === 2) {
        rhs[2 * li + 1] -= s * g[1];
        rhs[2 * lj + 1] += s * g[1];
      }
    }
  }

  /** mat = Cholesky factor of I/(γh) + Σ pairs [[M₊, −M₊], [−M₊, M₊]] at the cluster state v. */
  factor(c: number, v: Float64Array, y: Float64Array, gh: number): void {
    const { clusters, dim, signs, g, mat } = this;
    const m = clusters.start[c + 1] - clusters.start[c];
    const len = dim * m;
    mat.fill(0, 0, len * len);
    const diag = 1 / gh;
    for (let k = 0; k < len; k++) mat[k * len + k] = diag;
    if (dim === 1) this.excess.fill(diag, 0, len);
    if (this.hasField) {
      const s0 = clusters.start[c];
      for (let k = 0; k < m; k++) {
        const i = clusters.members[s0 + k];
        const px = v[dim * k];
        const py = dim === 2 ? v[2 * k + 1] : y[2 * i + 1];
        hessianU(this.system.field, px, py, g, 0);
        if (dim === 1) {
          this.excess[k] += Math.max(0, signs[i] * g[0]);
          continue;
        }
        positivePart2(signs[i] * g[0], signs[i] * g[1], signs[i] * g[2], g);
        addBlock(mat, len, 2 * k, 2 * k, g[0], g[1], g[2]);
      }
    }
    const kernel = this.system.kernel;
    for (let p = this.pairStart[c]; p < this.pairStart[c + 1]; p++) {
      this.pairAt(p, v, y);
      const { li, lj, s } = this;
      kernel.hessian(this.dx, this.dy, g, 0);
      if (dim === 1) {
        const aa = Math.max(0, s * g[0]);
        mat[li * len + li] += aa;
        mat[lj * len + lj] += aa;
        mat[li * len + lj] -= aa;
        mat[lj * len + li] -= aa;
        continue;
      }
      positivePart2(s * g[0], s * g[1], s * g[2], g);
      const aa = g[0];
      const bb = g[1];
      const dd = g[2];
      addBlock(mat, len, 2 * li, 2 * li, aa, bb, dd);
      addBlock(mat, len, 2 * lj, 2 * lj, aa, bb, dd);
      addBlock(mat, len, 2 * li, 2 * lj, -aa, -bb, -dd);
      addBlock(mat, len, 2 * lj, 2 * li, -aa, -bb, -dd);
    }
    if (dim === 1) choleskyLaplacian(mat, 0, len, this.excess, 0);
    else cholesky(mat, 0, len);
  }
}

/** mat[r0.., col..] += [[a, b], [b, d]]. */
function addBlock(
  mat: Float64Array,
  len: number,
  r0: number,
  col: number,
  a: number,
  b: number,
  d: number,
): void {
  mat[r0 * len + col] += a;
  mat[r0 * len + col + 1] += b;
  mat[(r0 + 1) * len + col] += b;
  mat[(r0 + 1) * len + col + 1] += d;
}
