import { gradUAt, hessianUAt } from '../external';
import type { ClusterLayout, ClusterSystem } from './clusterSolver';
import { cholesky, choleskyLaplacian, choleskySolve, positivePartIn } from './nearPairJacobian';

/**
 * One cluster's own ODE v' = F(v) + p(τ) of the multirate method (fastClusters.ts): the right
 * side and the Cholesky factor of its sub-steps' matrix. F is the interactions of the cluster's
 * kept pairs and −b∇U of its members; v holds the cluster's unknowns (x, y per member in 2D,
 * x only in 1D, where y is read from the macro state). The kept pairs of cluster c are
 * pi/pj[pairStart[c] .. pairStart[c+1]) (set by FastClusters.build).
 */
export class ClusterOde {
  pi: Int32Array = new Int32Array(0);
  pj: Int32Array = new Int32Array(0);
  pairStart: Int32Array = new Int32Array(2);
  /** Cholesky factor of the last factor() call (len × len, row-major). */
  mat = new Float64Array(0);
  /** 1D: the excess 1/(γh) + (b D²U)₊ of the cluster matrix over its pair Laplacian. */
  private excess = new Float64Array(0);
  /** τ of the stage being evaluated (rhs) and γh of the factorisation (factor). */
  private readonly at = new Float64Array(2);
  /** Scratch of the calls below: points, gradients, 2×2 blocks. */
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
  /**
   * The lower Cholesky factor of a 2D two-particle cluster with one pair (a dipole: the common
   * cluster), from factorPair; solve() reads it in place of mat. Same operations in the same
   * order as cholesky/choleskySolve on the 4×4 matrix, so the results are bit-identical; the
   * scalars save the generic loops (the first solves of a run are cold code: ~5 µs per
   * sub-step there against ~1.6 µs warm, n = 1000 dipoles).
   */
  private pair = false;
  private l00 = 0;
  private l10 = 0;
  private l11 = 0;
  private l20 = 0;
  private l21 = 0;
  private l22 = 0;
  private l30 = 0;
  private l31 = 0;
  private l32 = 0;
  private l33 = 0;

  constructor(
    private readonly system: ClusterSystem,
    public clusters: Pick<ClusterLayout, 'start' | 'members' | 'local'>,
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
    // a small entry: τ goes on in this.at, not as an argument of the calls V8 does not inline
    this.at[0] = tau;
    if (this.pair) this.rhsPair(c, v, coef, rhs, psum);
    else this.rhsAny(c, v, y, coef, rhs, psum);
  }

  private rhsAny(
    c: number,
    v: Float64Array,
    y: Float64Array,
    coef: Float64Array[],
    rhs: Float64Array,
    psum: Float64Array,
  ): void {
    const tau = this.at[0];
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
        g[0] = v[dim * k];
        g[1] = dim === 2 ? v[2 * k + 1] : y[2 * i + 1];
        gradUAt(this.system.field, g, 0);
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

  /** Makes rhs() evaluate cluster c (factor() does this too): the unrolled dipole code when it is one. */
  select(c: number): void {
    const m = this.clusters.start[c + 1] - this.clusters.start[c];
    this.pair = this.dim === 2 && m === 2 && this.pairStart[c + 1] - this.pairStart[c] === 1;
  }

  /** mat = Cholesky factor of I/(γh) + Σ pairs [[M₊, −M₊], [−M₊, M₊]] at the cluster state v. */
  factor(c: number, v: Float64Array, y: Float64Array, gh: number): void {
    this.select(c);
    this.at[1] = gh;
    if (this.pair) this.factorPair(c, v);
    else this.factorAny(c, v, y);
  }

  private factorAny(c: number, v: Float64Array, y: Float64Array): void {
    const { clusters, dim, signs, g, mat } = this;
    const m = clusters.start[c + 1] - clusters.start[c];
    const gh = this.at[1];
    const len = dim * m;
    mat.fill(0, 0, len * len);
    const diag = 1 / gh;
    for (let k = 0; k < len; k++) mat[k * len + k] = diag;
    if (dim === 1) this.excess.fill(diag, 0, len);
    if (this.hasField) {
      const s0 = clusters.start[c];
      for (let k = 0; k < m; k++) {
        const i = clusters.members[s0 + k];
        g[0] = v[dim * k];
        g[1] = dim === 2 ? v[2 * k + 1] : y[2 * i + 1];
        hessianUAt(this.system.field, g, 0);
        if (dim === 1) {
          this.excess[k] += Math.max(0, signs[i] * g[0]);
          continue;
        }
        scaleBlock(g, signs[i]);
        positivePartIn(g);
        addBlock(mat, len, 2 * k, 2 * k, g, 1);
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
      scaleBlock(g, s);
      positivePartIn(g);
      addBlock(mat, len, 2 * li, 2 * li, g, 1);
      addBlock(mat, len, 2 * lj, 2 * lj, g, 1);
      addBlock(mat, len, 2 * li, 2 * lj, g, -1);
      addBlock(mat, len, 2 * lj, 2 * li, g, -1);
    }
    if (dim === 1) choleskyLaplacian(mat, 0, len, this.excess, 0);
    else cholesky(mat, 0, len);
  }
  /** rhs() for the cluster of the last factorPair (the same operations, unrolled). */
  private rhsPair(
    c: number,
    v: Float64Array,
    coef: Float64Array[],
    rhs: Float64Array,
    psum: Float64Array,
  ): void {
    const { signs, g } = this;
    const tau = this.at[0];
    const s0 = this.clusters.start[c];
    const i0 = this.clusters.members[s0];
    const i1 = this.clusters.members[s0 + 1];
    const deg = coef.length - 1;
    const top = coef[deg];
    let p0 = top[2 * i0];
    let p1 = top[2 * i0 + 1];
    let p2 = top[2 * i1];
    let p3 = top[2 * i1 + 1];
    for (let e = deg - 1; e >= 0; e--) {
      const ce = coef[e];
      p0 = p0 * tau + ce[2 * i0];
      p1 = p1 * tau + ce[2 * i0 + 1];
      p2 = p2 * tau + ce[2 * i1];
      p3 = p3 * tau + ce[2 * i1 + 1];
    }
    psum[0] = 0 + p0 + p2;
    psum[1] = 0 + p1 + p3;
    if (this.hasField) {
      g[0] = v[0];
      g[1] = v[1];
      gradUAt(this.system.field, g, 0);
      p0 -= signs[i0] * g[0];
      p1 -= signs[i0] * g[1];
      g[0] = v[2];
      g[1] = v[3];
      gradUAt(this.system.field, g, 0);
      p2 -= signs[i1] * g[0];
      p3 -= signs[i1] * g[1];
    }
    this.pairAt(this.pairStart[c], v, v);
    this.system.kernel.gradient(this.dx, this.dy, g, 0);
    const sx = this.s * g[0];
    const sy = this.s * g[1];
    // member i of the pair (local li) gets −s∇V, member j +s∇V
    if (this.li === 0) {
      rhs[0] = p0 - sx;
      rhs[1] = p1 - sy;
      rhs[2] = p2 + sx;
      rhs[3] = p3 + sy;
    } else {
      rhs[0] = p0 + sx;
      rhs[1] = p1 + sy;
      rhs[2] = p2 - sx;
      rhs[3] = p3 - sy;
    }
  }

  /** factor() for a 2D cluster of two particles and one pair, into l00 … l33. */
  private factorPair(c: number, v: Float64Array): void {
    const { signs, g } = this;
    const diag = 1 / this.at[1];
    let a00 = diag;
    let a10 = 0;
    let a11 = diag;
    let a22 = diag;
    let a32 = 0;
    let a33 = diag;
    if (this.hasField) {
      const s0 = this.clusters.start[c];
      const b0 = signs[this.clusters.members[s0]];
      g[0] = v[0];
      g[1] = v[1];
      hessianUAt(this.system.field, g, 0);
      scaleBlock(g, b0);
      positivePartIn(g);
      a00 += g[0];
      a10 += g[1];
      a11 += g[2];
      const b1 = signs[this.clusters.members[s0 + 1]];
      g[0] = v[2];
      g[1] = v[3];
      hessianUAt(this.system.field, g, 0);
      scaleBlock(g, b1);
      positivePartIn(g);
      a22 += g[0];
      a32 += g[1];
      a33 += g[2];
    }
    this.pairAt(this.pairStart[c], v, v);
    this.system.kernel.hessian(this.dx, this.dy, g, 0);
    scaleBlock(g, this.s);
    positivePartIn(g);
    a00 += g[0];
    a10 += g[1];
    a11 += g[2];
    a22 += g[0];
    a32 += g[1];
    a33 += g[2];
    // the off-diagonal block is −M₊ whichever member is i (the block is symmetric)
    const a20 = 0 - g[0];
    const a21 = 0 - g[1];
    const a30 = 0 - g[1];
    const a31 = 0 - g[2];
    if (!(a00 > 0)) throw new Error('integrator: near-pair matrix is not positive definite');
    const l00 = Math.sqrt(a00);
    const i0 = 1 / l00;
    const l10 = a10 * i0;
    const l20 = a20 * i0;
    const l30 = a30 * i0;
    const d1 = a11 - l10 * l10;
    if (!(d1 > 0)) throw new Error('integrator: near-pair matrix is not positive definite');
    const l11 = Math.sqrt(d1);
    const i1 = 1 / l11;
    const l21 = (a21 - l20 * l10) * i1;
    const l31 = (a31 - l30 * l10) * i1;
    const d2 = a22 - l20 * l20 - l21 * l21;
    if (!(d2 > 0)) throw new Error('integrator: near-pair matrix is not positive definite');
    const l22 = Math.sqrt(d2);
    const l32 = (a32 - l30 * l20 - l31 * l21) * (1 / l22);
    const d3 = a33 - l30 * l30 - l31 * l31 - l32 * l32;
    if (!(d3 > 0)) throw new Error('integrator: near-pair matrix is not positive definite');
    this.l00 = l00;
    this.l10 = l10;
    this.l11 = l11;
    this.l20 = l20;
    this.l21 = l21;
    this.l22 = l22;
    this.l30 = l30;
    this.l31 = l31;
    this.l32 = l32;
    this.l33 = Math.sqrt(d3);
  }

  /** x ← (factored matrix)⁻¹ x on len unknowns, after factor(). */
  solve(x: Float64Array, len: number): void {
    if (!this.pair) {
      choleskySolve(this.mat, 0, len, x);
      return;
    }
    const { l00, l10, l11, l20, l21, l22, l30, l31, l32, l33 } = this;
    const x0 = x[0] / l00;
    const x1 = (x[1] - l10 * x0) / l11;
    const x2 = (x[2] - l20 * x0 - l21 * x1) / l22;
    const x3 = (x[3] - l30 * x0 - l31 * x1 - l32 * x2) / l33;
    const z3 = x3 / l33;
    const z2 = (x2 - l32 * z3) / l22;
    const z1 = (x1 - l21 * z2 - l31 * z3) / l11;
    x[0] = (x0 - l10 * z1 - l20 * z2 - l30 * z3) / l00;
    x[1] = z1;
    x[2] = z2;
    x[3] = z3;
  }
}

/** mat[r0.., col..] += sign·[[a, b], [b, d]] with (a, b, d) = blk[0..2] (sign ±1: exact). */
function addBlock(
  mat: Float64Array,
  len: number,
  r0: number,
  col: number,
  blk: Float64Array,
  sign: number,
): void {
  const a = sign * blk[0];
  const b = sign * blk[1];
  const d = sign * blk[2];
  mat[r0 * len + col] += a;
  mat[r0 * len + col + 1] += b;
  mat[(r0 + 1) * len + col] += b;
  mat[(r0 + 1) * len + col + 1] += d;
}

/** blk[0..2] *= s (the 2×2 block's sign or pair weight, in place). */
function scaleBlock(blk: Float64Array, s: number): void {
  blk[0] *= s;
  blk[1] *= s;
  blk[2] *= s;
}
