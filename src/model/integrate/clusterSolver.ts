import type { ParticleSystem } from '../dynamics/particleSystem';
import { hessianUBound } from '../external';
import { supNearCore } from '../kernels/periodicKernel';
import { ClusterOde } from './clusterOde';
import { hessianNormBound } from './nearPairJacobian';
import { ROS34PW2 } from './rosenbrockW';

/** What a cluster's own ODE reads of the system (a helper thread builds just this: clusterShare.ts). */
export type ClusterSystem = Pick<ParticleSystem, 'n' | 'signs' | 'kernel' | 'field'>;

/**
 * The clusters and their kept pairs as FastClusters.build leaves them: members of cluster c are
 * members[start[c] .. start[c+1]) (local[i]: i's place among them), its pairs
 * pi/pj/pn[pairStart[c] .. pairStart[c+1]) with pn the pair's rate ‖M‖ at the build.
 */
export interface ClusterLayout {
  readonly start: Int32Array;
  readonly members: Int32Array;
  readonly local: Int32Array;
  readonly pi: Int32Array;
  readonly pj: Int32Array;
  readonly pn: Float64Array;
  readonly pairStart: Int32Array;
}

/**
 * Per particle, from its cluster's last solve: the sub-step proposed at its end (hsub; 0: none
 * yet), the first accepted sub-step (hfirst) and the start coordinates (ystart, 2 per particle).
 * A solve that starts where the last one started (the corrector after the predictor, a retried
 * macro step) opens with hfirst: the end proposal would restart a collapse with the step it ended with.
 */
export interface SubStepMemory {
  readonly hsub: Float64Array;
  readonly hfirst: Float64Array;
  readonly ystart: Float64Array;
}

export function subStepMemory(n: number): SubStepMemory {
  return { hsub: new Float64Array(n), hfirst: new Float64Array(n), ystart: new Float64Array(2 * n) };
}

/**
 * Largest growth of a sub-step after an accepted one. After a collapse (δ = 1e-7 dipoles: the
 * pair reaches its equilibrium width in ~1e-10) the error estimates are ~1e-9 and the steps
 * grow from 1e-10 to H: at 5 that took 14 sub-steps, at 100 it takes 5, no rejection added.
 */
const SUB_GROW = 100;
/** Sub-step attempts allowed per cluster and macro step. */
export const MAX_SUBSTEPS = 20000;
/** sup |∇V_δ| where it peaks (supNearCore: r ≤ 4δ; beyond it falls like 1/r). */
function gradientSupNorm(kernel: ClusterSystem['kernel']): number {
  const g = new Float64Array(2);
  return supNearCore(kernel.spec.delta, (x, y) => {
    kernel.gradient(x, y, g, 0);
    return Math.sqrt(g[0] * g[0] + g[1] * g[1]);
  });
}

/**
 * Bogacki–Shampine 3(2), first same as last: the weights b of the solution, the error weights
 * b − b̂ (four stages: the last is f at the new state) and the nodes. Order 3 with an order-2
 * estimate, as ROS34PW2, so one step-size rule serves both.
 */
const BS_B = [2 / 9, 1 / 3, 4 / 9];
const BS_E = [-5 / 72, 1 / 12, 1 / 9, -1 / 8];

/**
 * The sub-step loop of one cluster at a time (fastClusters.ts): Bogacki–Shampine or ROS34PW2
 * (explicitStable) on v' = F(v) + p(τ) with the cluster's own right side and matrix
 * (clusterOde.ts) and error control. A solve reads the layout, the
 * memory of its own members and the macro state and forcing of its own members only, and writes
 * its own members only: clusters may be solved in any order, on any thread (clusterShare.ts),
 * with the same bits.
 */
export class ClusterSolver {
  /**
   * A cluster takes explicit sub-steps (Bogacki–Shampine) when H·ρ̄ ≤ explicitStable, ρ̄ a bound
   * of its Jacobian's spectral radius anywhere the step can take it (clusterRate): every sub-step
   * (≤ H) then stays inside that method's stability interval, which reaches −2.51 on the real
   * axis (the Jacobian of a gradient flow is symmetric, so its eigenvalues are real), with a
   * margin of 2.5 for the bound; otherwise ROS34PW2 sub-steps. Explicit stages cost one right
   * side each, a Rosenbrock sub-step also the cluster's Hessians and a factorisation: i.i.d.
   * n = 1000, δ = 1/n, U = cos 2πx₁ takes the same macro steps with 12 % fewer sub-steps, its
   * cluster solves 0.68× the time (95 % explicit with every pair at the sup, 99.6 % with
   * clusterRate's bound); n = 16000 0.80× the time of the run to t = 0.006. 0 (tests): ROS34PW2
   * always.
   */
  static explicitStable = 1;
  /**
   * Sub-steps taken and rejected, Σ stages × unknowns, and the cluster solves that took explicit
   * sub-steps, since the counters were last zeroed.
   */
  subSteps = 0;
  subRejected = 0;
  stageUnknowns = 0;
  explicitSolves = 0;

  private readonly ode: ClusterOde;
  private cap = 0;
  private x = new Float64Array(0);
  private x1 = new Float64Array(0);
  private ys = new Float64Array(0);
  private rhs = new Float64Array(0);
  private er = new Float64Array(0);
  private u: Float64Array[] = [];
  /** Σ over a cluster's members of p at a stage, its ROS stages, and its sub-stepped integral. */
  private readonly zs = new Float64Array(2);
  private readonly uz = new Float64Array(2 * ROS34PW2.m.length);
  private readonly z = new Float64Array(2);
  private readonly ut = new Float64Array(ROS34PW2.m.length);
  /** subStep's τ, h, rtol, atol and its error norm. */
  private readonly sc = new Float64Array(5);
  /** The explicit sub-steps' stages k₁ … k₄, Σ p at each, and whether k₁ holds f at the current state. */
  private k: Float64Array[] = [];
  private readonly kp = new Float64Array(8);
  private fsal = false;
  /** sup‖D²V_δ‖/n (kernel.lambda), sup‖D²U‖, and sup|∇V_δ|/n with a margin of 1.5. */
  private readonly pairRate: number;
  private readonly fieldRate: number;
  private readonly pairPush: number;
  private readonly geometry: 'isotropic' | 'slip';
  private readonly n: number;

  constructor(
    system: ClusterSystem,
    private readonly dim: 1 | 2,
    private layout: ClusterLayout,
    private readonly memory: SubStepMemory,
  ) {
    this.ode = new ClusterOde(system, layout, dim);
    this.n = system.n;
    this.geometry = system.kernel.spec.geometry;
    this.pairRate = system.kernel.lambda / system.n;
    this.fieldRate = hessianUBound(system.field);
    this.pairPush = (1.5 * gradientSupNorm(system.kernel)) / system.n;
    this.use(layout);
  }

  /**
   * A bound of the spectral radius of cluster c's Jacobian wherever its solve over [0, H] from y
   * under the forcing coef can take it. The pair part is Σ_p (e_i − e_j)(e_i − e_j)ᵀ ⊗ M_p, each
   * term of norm 2‖M_p‖; the field part is block diagonal (≤ sup‖D²U‖). ‖M_p‖ ≤ min(sup‖D²V_δ‖,
   * C/r² + C0)/n (nearPairJacobian.ts) at the pair's distance r, and over the step r stays above
   * r₀ − H·w, w a bound of the members' relative speed: the forcings' difference
   * (Σ_k |coef_k,i − coef_k,j|·H^k), sup‖D²U‖ times the distance (≤ 1.5 r₀ while H·w ≤ r₀/2),
   * and the pair forces on either member, (pairs + 1)·sup|∇V_δ|/n. A pair that could come closer
   * than r₀/2 counts at the sup: a collapsed dipole with δ = 1/n is ≈ n.
   */
  private clusterRate(c: number, y: Float64Array, coef: Float64Array[], H: number): number {
    const { pi, pj, pairStart } = this.layout;
    const p0 = pairStart[c];
    const p1 = pairStart[c + 1];
    const sup = this.pairRate;
    const push = (p1 - p0 + 1) * this.pairPush;
    let rho = this.fieldRate;
    for (let p = p0; p < p1; p++) {
      const i = pi[p];
      const j = pj[p];
      let dx = y[2 * i] - y[2 * j];
      let dy = y[2 * i + 1] - y[2 * j + 1];
      dx -= Math.round(dx);
      dy -= Math.round(dy);
      const q = dx * dx + dy * dy;
      const r0 = Math.sqrt(q);
      let ax = 0;
      let ay = 0;
      let hp = 1;
      for (let e = 0; e < coef.length; e++) {
        const ce = coef[e];
        ax += Math.abs(ce[2 * i] - ce[2 * j]) * hp;
        ay += Math.abs(ce[2 * i + 1] - ce[2 * j + 1]) * hp;
        hp *= H;
      }
      const dr = H * (Math.sqrt(ax * ax + ay * ay) + 1.5 * r0 * this.fieldRate + push);
      let rate = sup;
      if (dr < 0.5 * r0) {
        const rm = r0 - dr;
        rate = Math.min(sup, hessianNormBound(this.geometry, rm * rm) / this.n);
      }
      rho += 2 * rate;
    }
    return rho;
  }

  resetCounts(): void {
    this.subSteps = 0;
    this.subRejected = 0;
    this.stageUnknowns = 0;
    this.explicitSolves = 0;
  }

  /** Solve from this layout on (its arrays were replaced) with room for clusters of `largest` members. */
  use(layout: ClusterLayout, largest = 0): void {
    this.layout = layout;
    this.ode.clusters = layout;
    this.ode.pi = layout.pi;
    this.ode.pj = layout.pj;
    this.ode.pairStart = layout.pairStart;
    if (largest * this.dim > this.cap) this.grow(largest * this.dim);
  }

  private grow(cap: number): void {
    this.cap = cap;
    this.x = new Float64Array(cap);
    this.x1 = new Float64Array(cap);
    this.ys = new Float64Array(cap);
    this.rhs = new Float64Array(cap);
    this.er = new Float64Array(cap);
    this.u = ROS34PW2.m.map(() => new Float64Array(cap));
    this.k = [0, 1, 2, 3].map(() => new Float64Array(cap));
    this.ode.grow(cap);
  }

  /**
   * Integrates cluster c from y over [0, H] under the forcing p(τ) = Σ_k coef[k]·τ^k (per
   * coordinate) and writes its members' positions at H into out. Its pieces are methods of their
   * own: with the attempt and the closing inline, V8 compiled the loop on stack (OSR) before the
   * code after it had run and left that code ~350 times per run (a deopt per cluster solve,
   * n = 1000 dipoles).
   */
  solveCluster(
    c: number,
    y: Float64Array,
    coef: Float64Array[],
    H: number,
    rtol: number,
    atol: number,
    out: Float64Array,
  ): void {
    const { layout, dim, x, x1 } = this;
    const mw = ROS34PW2.m;
    const s0 = layout.start[c];
    const m = layout.start[c + 1] - s0;
    const len = dim * m;
    for (let k = 0; k < m; k++) {
      const i = layout.members[s0 + k];
      for (let d = 0; d < dim; d++) x[dim * k + d] = y[2 * i + d];
    }
    let h = this.openingStep(c, y, H);
    let tau = 0;
    const { uz, z, kp } = this;
    z[0] = 0;
    z[1] = 0;
    let first = 0;
    const explicit = H * this.clusterRate(c, y, coef, H) <= ClusterSolver.explicitStable;
    if (explicit) {
      this.explicitSolves++;
      this.ode.select(c);
      this.fsal = false;
    }
    for (let iter = 0; tau < H; iter++) {
      if (iter >= MAX_SUBSTEPS)
        throw new Error(`integrator: a near-pair cluster needs more than ${MAX_SUBSTEPS} sub-steps`);
      const rest = H - tau;
      const hh = h * 1.01 >= rest ? rest : h;
      const sc = this.sc;
      sc[0] = tau;
      sc[1] = hh;
      sc[2] = rtol;
      sc[3] = atol;
      if (explicit) this.explicitStep(c, y, coef);
      else this.subStep(c, y, coef);
      const en = sc[4];
      if (!(en <= 1)) {
        this.subRejected++;
        h = hh * (Number.isFinite(en) ? Math.max(0.2, 0.9 * en ** (-1 / 3)) : 0.2);
        continue;
      }
      this.subSteps++;
      for (let k = 0; k < len; k++) x[k] = x1[k];
      if (explicit) {
        // k₁ of the next sub-step is f at its start: this one's k₄
        const kk = this.k;
        const k4 = kk[3];
        kk[3] = kk[0];
        kk[0] = k4;
        for (let d = 0; d < dim; d++) {
          z[d] += hh * (BS_B[0] * kp[d] + BS_B[1] * kp[2 + d] + BS_B[2] * kp[4 + d]);
          kp[d] = kp[6 + d];
        }
      } else
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
   * One ROS34PW2 sub-step of cluster c from x at τ = sc[0] of size hh = sc[1] with tolerances
   * rtol = sc[2], atol = sc[3]: the new state into x1, Σ p's stage quadrature into uz, the error
   * norm (≤ 1: accept) into sc[4]. Its numbers come and go in sc: as arguments and result of a
   * call V8 does not inline, each sub-step boxed five of them.
   */
  private subStep(c: number, y: Float64Array, coef: Float64Array[]): void {
    const { layout, dim, x, x1, ys, rhs, er, u, ut, zs, uz, sc } = this;
    const tau = sc[0];
    const hh = sc[1];
    const { a, c: cc, m: mw, e, gamma } = ROS34PW2;
    const m = layout.start[c + 1] - layout.start[c];
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
    this.errorNorm(m);
  }

  /**
   * One Bogacki–Shampine sub-step of cluster c, with subStep's inputs and outputs in sc (the new
   * state into x1); its stages into k, Σ p at them into kp. k₁ is reused from the last accepted
   * sub-step (f at its end) or after a rejection (f at the same state).
   */
  private explicitStep(c: number, y: Float64Array, coef: Float64Array[]): void {
    const { layout, dim, x, x1, ys, er, k, kp, zs, sc, ode } = this;
    const tau = sc[0];
    const hh = sc[1];
    const m = layout.start[c + 1] - layout.start[c];
    const len = dim * m;
    const [k1, k2, k3, k4] = k;
    if (!this.fsal) {
      ode.rhs(c, x, y, tau, coef, k1, zs);
      kp[0] = zs[0];
      kp[1] = zs[1];
      this.stageUnknowns += len;
      this.fsal = true;
    }
    this.stageUnknowns += 3 * len;
    for (let q = 0; q < len; q++) ys[q] = x[q] + 0.5 * hh * k1[q];
    ode.rhs(c, ys, y, tau + 0.5 * hh, coef, k2, zs);
    kp[2] = zs[0];
    kp[3] = zs[1];
    for (let q = 0; q < len; q++) ys[q] = x[q] + 0.75 * hh * k2[q];
    ode.rhs(c, ys, y, tau + 0.75 * hh, coef, k3, zs);
    kp[4] = zs[0];
    kp[5] = zs[1];
    const [b0, b1, b2] = BS_B;
    for (let q = 0; q < len; q++) x1[q] = x[q] + hh * (b0 * k1[q] + b1 * k2[q] + b2 * k3[q]);
    ode.rhs(c, x1, y, tau + hh, coef, k4, zs);
    kp[6] = zs[0];
    kp[7] = zs[1];
    const [e0, e1, e2, e3] = BS_E;
    for (let q = 0; q < len; q++) er[q] = hh * (e0 * k1[q] + e1 * k2[q] + e2 * k3[q] + e3 * k4[q]);
    this.errorNorm(m);
  }

  /**
   * The sub-step's error norm from er, x and x1, max over members of |err|/(atol + rtol·|move|),
   * into sc[4] (tolerances from sc[2], sc[3]: no number crosses the call).
   */
  private errorNorm(m: number): void {
    const { dim, x, x1, er, sc } = this;
    const rtol = sc[2];
    const atol = sc[3];
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
    sc[4] = en;
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
    const { layout, dim, x, zs, z } = this;
    const { hsub, hfirst, ystart } = this.memory;
    const s0 = layout.start[c];
    const m = layout.start[c + 1] - s0;
    const deg = coef.length - 1;
    for (let d = 0; d < dim; d++) {
      let P = 0; // Σ_k ∫₀ᴴ p_k = Σ_k Σ_e coef[e]·H^{e+1}/(e+1)
      for (let k = 0; k < m; k++) {
        const q = 2 * layout.members[s0 + k] + d;
        let pk = coef[deg][q] / (deg + 1);
        for (let e = deg - 1; e >= 0; e--) pk = pk * H + coef[e][q] / (e + 1);
        P += pk * H;
      }
      zs[d] = (P - z[d]) / m;
    }
    for (let k = 0; k < m; k++) {
      const i = layout.members[s0 + k];
      for (let d = 0; d < dim; d++) out[2 * i + d] = x[dim * k + d] + zs[d];
      hsub[i] = h;
      hfirst[i] = first;
      ystart[2 * i] = y[2 * i];
      ystart[2 * i + 1] = y[2 * i + 1];
    }
  }

  /**
   * The first sub-step of cluster c from y over [0, H]: hfirst when every member starts where its
   * last solve started, else the smallest end proposal hsub of its members, else (new particles)
   * the cluster's own time scale 1/(2 max ‖M‖).
   */
  private openingStep(c: number, y: Float64Array, H: number): number {
    const { layout } = this;
    const { hsub, hfirst, ystart } = this.memory;
    const s0 = layout.start[c];
    const s1 = layout.start[c + 1];
    let same = true;
    let h = Number.POSITIVE_INFINITY;
    let hf = Number.POSITIVE_INFINITY;
    for (let q = s0; q < s1; q++) {
      const i = layout.members[q];
      if (hsub[i] > 0 && hsub[i] < h) h = hsub[i];
      if (!(hfirst[i] > 0 && ystart[2 * i] === y[2 * i] && ystart[2 * i + 1] === y[2 * i + 1])) same = false;
      else if (hfirst[i] < hf) hf = hfirst[i];
    }
    if (same) return hf;
    if (Number.isFinite(h)) return h;
    let rate = 0;
    for (let p = layout.pairStart[c]; p < layout.pairStart[c + 1]; p++)
      rate = Math.max(rate, 2 * layout.pn[p]);
    return Math.min(H / 16, 1 / rate);
  }
}
