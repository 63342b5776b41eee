import type { ParticleSystem } from '../dynamics/particleSystem';
import { gradU } from '../external';
import { type ClusterJob, type ClusterShare, clusterShareFor } from './clusterShare';
import { ClusterSolver, MAX_SUBSTEPS, type SubStepMemory, subStepMemory } from './clusterSolver';
import { Clusters } from './clusters';
import { stiffPairRadius } from './nearPairJacobian';
import { NearPairs } from './nearPairs';

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
 * Each cluster is sub-stepped (clusterSolver.ts) with its own error control: local error per
 * particle ≤ atol + rtol·|its displacement in the sub-step| (SUB_TOLERANCE of the macro step's
 * tolerances), so the sub-steps follow a collapsing pair on its own time scale n·s² while the
 * macro step follows the slow field; explicitly (Bogacki–Shampine) when the cluster cannot be
 * stiff on the step, else by ROS34PW2 with its own exact-Hessian matrix (the positive
 * semidefinite part of each pair block, so the small dense matrix is SPD).
 */
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
  static readonly MAX_SUBSTEPS = MAX_SUBSTEPS;
  /**
   * Share of the macro tolerances the sub-steps keep. At 1 each sub-step keeps what the stated
   * tolerance asks of a step (types.ts: per step and particle, atol + rtol·|displacement|). 0.3
   * cost 2.70 sub-steps per cluster solve against 1.92 at 1 (i.i.d. n = 1000, δ = 1/n, U = cos
   * 2πx₁: same macro steps, run −6%); the default-tolerance run of the scipy Radau case lands
   * 4.7e-9 from the tight one at 1 (5.3e-9 at 0.3; stated 2.3e-6).
   */
  static readonly SUB_TOLERANCE = 1;

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
  /** Cluster solves so far, and those with explicit sub-steps (ClusterSolver.explicitStable). */
  solves = 0;
  explicitSolves = 0;

  private readonly n: number;
  private readonly dim: 1 | 2;
  private readonly near: NearPairs;
  private readonly signs: Int8Array;
  /** Per particle, from its cluster's last solve (clusterSolver.ts). */
  private readonly memory: SubStepMemory;
  private readonly hasField: boolean;
  private readonly g = new Float64Array(3);
  private keep = new Uint8Array(64);
  private norms = new Float64Array(64);
  /** The sub-step loop, on this thread's copy of the layout. */
  private readonly solver: ClusterSolver;
  /** The layout and memory as the share reads them (a new one at every build that changes the clusters). */
  private job: ClusterJob;
  /** The helper thread's share of the solves (null: this thread solves alone). */
  private readonly share: ClusterShare | null;

  /** With shared true, the solves take the installed helper thread when there is one (clusterShare.ts). */
  constructor(
    private readonly system: ParticleSystem,
    readonly theta = FastClusters.THETA,
    shared = false,
  ) {
    this.n = system.n;
    this.dim = system.geometry === 'slip' ? 1 : 2;
    this.near = new NearPairs(this.n);
    this.clusters = new Clusters(this.n);
    this.signs = system.signs;
    this.memory = subStepMemory(this.n);
    this.job = this.makeJob();
    this.solver = new ClusterSolver(system, this.dim, this.job.layout, this.memory);
    this.share = shared ? clusterShareFor(system, this.dim) : null;
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
    this.version++;
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
        const half = 0.5 * (h[0] - h[2]);
        const rad = Math.sqrt(half * half + h[1] * h[1]); // not Math.hypot: see positivePartIn
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
    this.job = this.makeJob();
    this.solver.use(this.job.layout, clusters.largest);
  }

  private makeJob(): ClusterJob {
    const { clusters } = this;
    return {
      layout: {
        start: clusters.start,
        members: clusters.members,
        local: clusters.local,
        pi: this.pi,
        pj: this.pj,
        pn: this.pn,
        pairStart: this.pairStart,
      },
      count: clusters.count,
      pairs: this.pairCount,
      largest: clusters.largest,
      memory: this.memory,
    };
  }

  /** The state and start threshold of the last build (NaN: none yet). */
  private builtY = new Float64Array(0);
  private builtLimit = Number.NaN;
  /** Counts the builds that found new clusters (a skipped build leaves it): what F(y) depends on. */
  version = 0;

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
    const count = this.clusters.count;
    const solver = this.solver;
    solver.resetCounts();
    const shared =
      count >= 2 &&
      this.share !== null &&
      this.share.solve(this.job, solver, y, coef, H, f * rtol, f * atol, out);
    if (!shared) for (let c = 0; c < count; c++) solver.solveCluster(c, y, coef, H, f * rtol, f * atol, out);
    this.subSteps += solver.subSteps;
    this.subRejected += solver.subRejected;
    this.stageUnknowns += solver.stageUnknowns;
    this.explicitSolves += solver.explicitSolves;
    this.solves += count;
  }
}

/** Whether a and b hold the same numbers (same length, every entry equal). */
function sameState(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
