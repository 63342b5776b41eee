import type { ParticleSystem } from '../dynamics/particleSystem';
import { gradU } from '../external';
import { ClusterOde } from './clusterOde';
import { Clusters } from './clusters';
import { stiffPairRadius } from './nearPairJacobian';
import { NearPairs } from './nearPairs';
import { ROS34PW2 } from './rosenbrockW';

/**
 * The fast part of the multirate method (multirate.ts): the near pairs that are stiff on the
 * macro step H (H·‖b_i b_j D²V_δ/n‖ ≥ θ, found by a cell list), grouped into clusters
 * (clusters.ts; mostly dipoles of 2 particles), and the integration of each cluster's own ODE
 *   v' = F(v) + p(τ),  τ ∈ [0, H],
 * F the interactions of the cluster's kept pairs only and p a polynomial (degree ≤ 3) that
 * stands for everything else (the far field, the other pairs, U, F) over the macro step.
 * The sum over a cluster's members is then moved to Σ∫₀ᴴp exactly, as the free particles'
 * (the pair forces cancel in it; its sub-stepped quadrature broke the conservation of Σ x_i by
 * ~1e-10 at sub-tolerance 0.3). Solving w' = F(w + P(τ)) instead, P = ∫p, does that too, but
 * puts the forcing inside the stiff F: 5.5× the sub-steps on slip data with δ = 1e-7.
 * Each cluster is sub-stepped by ROS34PW2 with its own exact-Hessian matrix (the positive
 * semidefinite part of each pair block, so the small dense matrix is SPD) and its own error
 * control: local error per particle ≤ atol + rtol·|its displacement in the sub-step|, with
 * tolerances 0.3 of the macro step's, so the sub-steps follow a collapsing pair on its own
 * time scale n·s² while the macro step follows the slow field.
 */
/**
 * Largest growth of a sub-step after an accepted one. After a collapse (δ = 1e-7 dipoles: the
 * pair reaches its equilibrium width in ~1e-10) the error estimates are ~1e-9 and the steps
 * grow from 1e-10 to H: at 5 that took 14 sub-steps, at 100 it takes 5, no rejection added.
 */
const SUB_GROW = 100;
export class FastClusters {
  /**
   * A pair is fast when its rate ‖M‖ = ‖b_i b_j D²V_δ/n‖ reaches THETA/H (stiff on the step) or
   * RATE (its own time scale below 1/RATE: resolving it in the macro step would make H that
   * short, whatever the stiffness; measured on i.i.d. data with δ = 1/n and U = cos 2πx₁, where
   * the error-limiting particles of explicit steps sit in pairs closer than ~15δ).
   */
  static readonly THETA = 0.05;
  static readonly RATE = 5;
  /** Largest cluster (unknowns); above it θ is raised for that step. */
  static readonly MAX_CLUSTER_UNKNOWNS = 64;
  /** Sub-step attempts allowed per cluster and macro step. */
  static readonly MAX_SUBSTEPS = 20000;
  /** Share of the macro tolerances the sub-steps keep. */
  static readonly SUB_TOLERANCE = 0.3;

  readonly clusters: Clusters;
  /** Kept pairs, grouped by cluster: pairs of cluster c are pairStart[c] .. pairStart[c+1]. */
  pairCount = 0;
  private pi = new Int32Array(64);
  private pj = new Int32Array(64);
  /** ‖M‖ of each kept pair at the build. */
  private pn = new Float64Array(64);
  private pairStart = new Int32Array(2);
  /** Sub-steps taken and rejected so far (diagnostics). */
  subSteps = 0;
  subRejected = 0;
  /** Σ over sub-step attempts of stages × cluster unknowns (the cost measure of multirate.ts). */
  stageUnknowns = 0;

  private readonly n: number;
  private readonly dim: 1 | 2;
  private readonly near: NearPairs;
  private readonly signs: Int8Array;
  /**
   * Per particle, from its cluster's last solve: the sub-step proposed at its end (hsub; 0: none
   * yet), the first accepted sub-step (hfirst) and the start coordinates (ystart). A solve that
   * starts where the last one started (the corrector after the predictor, a retried macro step)
   * opens with hfirst: the end proposal would restart a collapse with the step it ended with.
   */
  private readonly hsub: Float64Array;
  private readonly hfirst: Float64Array;
  private readonly ystart: Float64Array;
  private readonly hasField: boolean;
  private readonly g = new Float64Array(3);
  // per-cluster scratch, grown to the largest cluster
  private cap = 0;
  private x = new Float64Array(0);
  /** Σ over a cluster's members of p at a stage, its ROS stages, and its sub-stepped integral. */
  private readonly zs = new Float64Array(2);
  private readonly uz = new Float64Array(2 * ROS34PW2.m.length);
  private readonly z = new Float64Array(2);
  private x1 = new Float64Array(0);
  private ys = new Float64Array(0);
  private rhs = new Float64Array(0);
  private er = new Float64Array(0);
  private u: Float64Array[] = [];
  /** A cluster's own ODE: its right side and sub-step matrix. */
  private readonly ode: ClusterOde;
  private readonly ut = new Float64Array(ROS34PW2.m.length);
  private keep = new Uint8Array(64);
  private norms = new Float64Array(64);

  constructor(
    private readonly system: ParticleSystem,
    readonly theta = FastClusters.THETA,
  ) {
    this.n = system.n;
    this.dim = system.geometry === 'slip' ? 1 : 2;
    this.near = new NearPairs(this.n);
    this.clusters = new Clusters(this.n);
    this.ode = new ClusterOde(system, this.clusters, this.dim);
    this.signs = system.signs;
    this.hsub = new Float64Array(this.n);
    this.hfirst = new Float64Array(this.n);
    this.ystart = new Float64Array(2 * this.n);
    // −b∇U of a cluster's members is part of its fast ODE: evaluated at the sub-steps' states
    this.hasField = system.field.modes.some((md) => md.a !== 0);
  }

  /**
   * Finds the pairs that are fast on a macro step of size H at state y and their clusters. The
   * result depends on y and min(θ/H, RATE) only, so a build for the same two is skipped: the
   * first step's guess and the first attempt, and every retry after a rejection while H < θ/RATE.
   */
  build(y: Float64Array, H: number): void {
    const start = Math.min(this.theta / H, FastClusters.RATE);
    if (start === this.builtLimit && sameState(y, this.builtY)) return;
    this.builtLimit = start;
    if (this.builtY.length !== y.length) this.builtY = new Float64Array(y.length);
    this.builtY.set(y);
    const { near, clusters, system, dim } = this;
    const count = near.search(y, stiffPairRadius(system, 1, start));
    if (this.keep.length < count) {
      this.keep = new Uint8Array(Math.max(count, 2 * this.keep.length));
      this.norms = new Float64Array(this.keep.length);
    }
    const norms = this.norms;
    const h = this.g;
    for (let p = 0; p < count; p++) {
      system.kernel.hessian(near.dx[p], near.dy[p], h, 0);
      if (dim === 1) norms[p] = Math.abs(h[0]) / this.n;
      else {
        const mean = 0.5 * (h[0] + h[2]);
        const rad = Math.hypot(0.5 * (h[0] - h[2]), h[1]);
        norms[p] = (Math.abs(mean) + rad) / this.n;
      }
    }
    // a cluster too big for its dense solves: raise both thresholds until none is
    let limit = start;
    for (let attempt = 0; ; attempt++, limit *= 4) {
      clusters.reset();
      let tooBig = false;
      for (let p = 0; p < count; p++) {
        this.keep[p] = norms[p] >= limit ? 1 : 0;
        if (
          this.keep[p] &&
          clusters.union(near.pairI[p], near.pairJ[p]) * dim > FastClusters.MAX_CLUSTER_UNKNOWNS
        )
          tooBig = true;
      }
      if (!tooBig || attempt >= 8) break;
    }
    clusters.finish();
    // kept pairs grouped by cluster (counting sort)
    const cc = clusters.count;
    if (this.pairStart.length < cc + 1) this.pairStart = new Int32Array(cc + 1);
    const ps = this.pairStart;
    ps.fill(0, 0, cc + 1);
    let kept = 0;
    for (let p = 0; p < count; p++) {
      if (!this.keep[p]) continue;
      kept++;
      ps[clusters.id[near.pairI[p]] + 1]++;
    }
    for (let c = 0; c < cc; c++) ps[c + 1] += ps[c];
    if (this.pi.length < kept) {
      this.pi = new Int32Array(Math.max(kept, 2 * this.pi.length));
      this.pj = new Int32Array(this.pi.length);
      this.pn = new Float64Array(this.pi.length);
    }
    const fill = Int32Array.from(ps.subarray(0, cc));
    for (let p = 0; p < count; p++) {
      if (!this.keep[p]) continue;
      const k = fill[clusters.id[near.pairI[p]]]++;
      this.pi[k] = near.pairI[p];
      this.pj[k] = near.pairJ[p];
      this.pn[k] = norms[p];
    }
    this.pairCount = kept;
    this.ode.pi = this.pi;
    this.ode.pj = this.pj;
    this.ode.pairStart = ps;
    const m = clusters.largest;
    if (m * 2 > this.cap) this.grow(m * 2);
  }

  /** The state and start threshold of the last build (NaN: none yet). */
  private builtY = new Float64Array(0);
  private builtLimit = Number.NaN;

  private grow(cap: number): void {
    this.cap = cap;
    this.x = new Float64Array(cap);
    this.x1 = new Float64Array(cap);
    this.ys = new Float64Array(cap);
    this.rhs = new Float64Array(cap);
    this.er = new Float64Array(cap);
    this.u = ROS34PW2.m.map(() => new Float64Array(cap));
    this.ode.grow(cap);
  }

  /** out = F(y) for the members of every cluster (the kept pairs' velocities); others 0. */
  pairVelocities(y: Float64Array, out: Float64Array): void {
    out.fill(0);
    const { pi, pj, signs, g } = this;
    const inv = 1 / this.n;
    const kernel = this.system.kernel;
    for (let k = 0; k < this.pairCount; k++) {
      const i = pi[k];
      const j = pj[k];
      kernel.gradient(y[2 * i] - y[2 * j], y[2 * i + 1] - y[2 * j + 1], g, 0);
      const s = signs[i] * signs[j] * inv;
      out[2 * i] -= s * g[0];
      out[2 * j] += s * g[0];
      if (this.dim === 2) {
        out[2 * i + 1] -= s * g[1];
        out[2 * j + 1] += s * g[1];
      }
    }
    if (!this.hasField) return;
    const { clusters } = this;
    for (let q = 0; q < clusters.start[clusters.count]; q++) {
      const i = clusters.members[q];
      gradU(this.system.field, y[2 * i], y[2 * i + 1], g, 0);
      out[2 * i] -= signs[i] * g[0];
      if (this.dim === 2) out[2 * i + 1] -= signs[i] * g[1];
    }
  }

  /**
   * Integrates every cluster from y over [0, H] under the forcing p(τ) = Σ_k coef[k]·τ^k
   * (per coordinate) and writes its members' positions at H into out (others untouched).
   */
  solve(
    y: Float64Array,
    coef: Float64Array[],
    H: number,
    rtol: number,
    atol: number,
    out: Float64Array,
  ): void {
    const f = FastClusters.SUB_TOLERANCE;
    for (let c = 0; c < this.clusters.count; c++) this.solveCluster(c, y, coef, H, f * rtol, f * atol, out);
  }

  /**
   * The sub-step loop of one cluster. Its pieces are methods of their own: with the attempt and
   * the closing inline, V8 compiled the loop on stack (OSR) before the code after it had run and
   * left that code ~350 times per run (a deopt per cluster solve, n = 1000 dipoles).
   */
  private solveCluster(
    c: number,
    y: Float64Array,
    coef: Float64Array[],
    H: number,
    rtol: number,
    atol: number,
    out: Float64Array,
  ): void {
    const { clusters, dim, x, x1 } = this;
    const mw = ROS34PW2.m;
    const s0 = clusters.start[c];
    const m = clusters.start[c + 1] - s0;
    const len = dim * m;
    for (let k = 0; k < m; k++) {
      const i = clusters.members[s0 + k];
      for (let d = 0; d < dim; d++) x[dim * k + d] = y[2 * i + d];
    }
    let h = this.openingStep(c, y, H);
    let tau = 0;
    const { uz, z } = this;
    z[0] = 0;
    z[1] = 0;
    let first = 0;
    for (let iter = 0; tau < H; iter++) {
      if (iter >= FastClusters.MAX_SUBSTEPS)
        throw new Error(
          `integrator: a near-pair cluster needs more than ${FastClusters.MAX_SUBSTEPS} sub-steps`,
        );
      const rest = H - tau;
      const hh = h * 1.01 >= rest ? rest : h;
      const en = this.subStep(c, y, coef, tau, hh, rtol, atol);
      if (!(en <= 1)) {
        this.subRejected++;
        h = hh * (Number.isFinite(en) ? Math.max(0.2, 0.9 * en ** (-1 / 3)) : 0.2);
        continue;
      }
      this.subSteps++;
      for (let k = 0; k < len; k++) x[k] = x1[k];
      for (let st = 0; st < mw.length; st++) for (let d = 0; d < dim; d++) z[d] += mw[st] * uz[2 * st + d];
      if (first === 0) first = hh;
      const grown = hh * Math.min(SUB_GROW, 0.9 * Math.max(en, 1e-10) ** (-1 / 3));
      // a last step cut to the rest leaves the uncut proposal standing when that is larger
      h = hh === rest ? Math.max(h, grown) : grown;
      tau = hh === rest ? H : tau + hh;
    }
    this.close(c, y, coef, H, out, h, first);
  }

  /**
   * One ROS34PW2 sub-step of cluster c from x at τ of size hh: the new state into x1, Σ p's
   * stage quadrature into uz; returns the error norm (≤ 1: accept).
   */
  private subStep(
    c: number,
    y: Float64Array,
    coef: Float64Array[],
    tau: number,
    hh: number,
    rtol: number,
    atol: number,
  ): number {
    const { clusters, dim, x, x1, ys, rhs, er, u, ut, zs, uz } = this;
    const { a, c: cc, m: mw, e, gamma } = ROS34PW2;
    const m = clusters.start[c + 1] - clusters.start[c];
    const len = dim * m;
    const gh = gamma * hh;
    this.stageUnknowns += mw.length * len;
    this.ode.factor(c, x, y, gh);
    for (let st = 0; st < mw.length; st++) {
      for (let k = 0; k < len; k++) ys[k] = x[k];
      let ts = tau;
      const ai = a[st];
      for (let j = 0; j < st; j++) {
        const w = ai[j];
        if (w === 0) continue;
        const uj = u[j];
        for (let k = 0; k < len; k++) ys[k] += w * uj[k];
        ts += w * ut[j];
      }
      this.ode.rhs(c, ys, y, ts, coef, rhs, zs);
      const ci = cc[st];
      let utv = 1;
      for (let j = 0; j < st; j++) {
        const w = ci[j] / hh;
        if (w === 0) continue;
        const uj = u[j];
        for (let k = 0; k < len; k++) rhs[k] += w * uj[k];
        utv += w * ut[j];
        for (let d = 0; d < dim; d++) zs[d] += w * uz[2 * j + d];
      }
      ut[st] = gh * utv;
      for (let d = 0; d < dim; d++) uz[2 * st + d] = gh * zs[d];
      this.ode.solve(rhs, len);
      const us = u[st];
      for (let k = 0; k < len; k++) us[k] = rhs[k];
    }
    for (let k = 0; k < len; k++) {
      let v = x[k];
      let ev = 0;
      for (let st = 0; st < mw.length; st++) {
        v += mw[st] * u[st][k];
        ev += e[st] * u[st][k];
      }
      x1[k] = v;
      er[k] = ev;
    }
    let en = 0;
    for (let k = 0; k < m; k++) {
      let e2 = 0;
      let d2 = 0;
      for (let d = 0; d < dim; d++) {
        const q = dim * k + d;
        e2 += er[q] * er[q];
        d2 += (x1[q] - x[q]) ** 2;
      }
      const r = Math.sqrt(e2) / (atol + rtol * Math.sqrt(d2));
      if (r > en) en = r;
    }
    return en;
  }

  /**
   * Writes cluster c's members at H into out and keeps its sub-step memory (end proposal h,
   * first accepted sub-step, start coordinates). Σ over members moves by Σ ∫₀ᴴ p exactly (as the
   * free particles do): the sub-steps moved it by their quadrature z of Σ p (the pair forces
   * cancel in the sum), so the difference is added.
   */
  private close(
    c: number,
    y: Float64Array,
    coef: Float64Array[],
    H: number,
    out: Float64Array,
    h: number,
    first: number,
  ): void {
    const { clusters, dim, x, zs, z, hsub } = this;
    const s0 = clusters.start[c];
    const m = clusters.start[c + 1] - s0;
    const deg = coef.length - 1;
    for (let d = 0; d < dim; d++) {
      let P = 0; // Σ_k ∫₀ᴴ p_k = Σ_k Σ_e coef[e]·H^{e+1}/(e+1)
      for (let k = 0; k < m; k++) {
        const q = 2 * clusters.members[s0 + k] + d;
        let pk = coef[deg][q] / (deg + 1);
        for (let e = deg - 1; e >= 0; e--) pk = pk * H + coef[e][q] / (e + 1);
        P += pk * H;
      }
      zs[d] = (P - z[d]) / m;
    }
    for (let k = 0; k < m; k++) {
      const i = clusters.members[s0 + k];
      for (let d = 0; d < dim; d++) out[2 * i + d] = x[dim * k + d] + zs[d];
      hsub[i] = h;
      this.hfirst[i] = first;
      this.ystart[2 * i] = y[2 * i];
      this.ystart[2 * i + 1] = y[2 * i + 1];
    }
  }

  /**
   * The first sub-step of cluster c from y over [0, H]: hfirst when every member starts where its
   * last solve started, else the smallest end proposal hsub of its members, else (new particles)
   * the cluster's own time scale 1/(2 max ‖M‖).
   */
  private openingStep(c: number, y: Float64Array, H: number): number {
    const { clusters, hsub, hfirst, ystart } = this;
    const s0 = clusters.start[c];
    const s1 = clusters.start[c + 1];
    let same = true;
    let h = Number.POSITIVE_INFINITY;
    let hf = Number.POSITIVE_INFINITY;
    for (let q = s0; q < s1; q++) {
      const i = clusters.members[q];
      if (hsub[i] > 0 && hsub[i] < h) h = hsub[i];
      if (!(hfirst[i] > 0 && ystart[2 * i] === y[2 * i] && ystart[2 * i + 1] === y[2 * i + 1])) same = false;
      else if (hfirst[i] < hf) hf = hfirst[i];
    }
    if (same) return hf;
    if (Number.isFinite(h)) return h;
    let rate = 0;
    for (let p = this.pairStart[c]; p < this.pairStart[c + 1]; p++) rate = Math.max(rate, 2 * this.pn[p]);
    return Math.min(H / 16, 1 / rate);
  }
}

/** Whether a and b hold the same numbers (same length, every entry equal). */
function sameState(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
