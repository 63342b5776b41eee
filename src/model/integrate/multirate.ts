import type { ParticleSystem } from '../dynamics/particleSystem';
import { wrapAll } from '../init/torus';
import { EnergyTest } from './energyTest';
import { assertFinite, errorNorm } from './errorNorm';
import { FastClusters } from './fastClusters';
import { ROS34PW2 } from './rosenbrockW';
import { type StepController, StepSizer } from './stepControl';
import { StepLoop } from './stepLoop';
import type { StepperInternals } from './stepper';
import type { MethodInUse } from './types';

/**
 * Multirate method ('multirate'): the near pairs that are stiff on the step (fastClusters.ts)
 * are integrated on their own time scale, everything else takes one macro step H.
 *
 * Split f = F + S: F the kept pairs' own interactions and −b∇U of their members, S = f − F the
 * rest (far field, all other pairs, U elsewhere, F). S is smooth along the solution, so over a
 * macro step it is replaced by the polynomial through its values at past states (variable-step
 * Adams of order ORDER = 4, in PEC form):
 *   P: S through t_{n−3} … t_n, extrapolated over [t_n, t_n + H] → predictor ỹ;
 *   E: f(ỹ), one velocity evaluation, gives S(ỹ);
 *   C: S through t_{n−2} … t_n and t_n + H → corrector y_{n+1};
 *   then E_n at y_{n+1} alone (the energy test), and the history keeps (t_{n+1}, ỹ, f(ỹ)).
 * PEC, not PECE: the history's S is the predictor's, S at the state where f was evaluated; an
 * evaluation of f at y_{n+1} as well (PECE) cost an evaluation with the energy (1.3–1.4× one
 * without) per step for the same steps (i.i.d. n = 1000, δ = 1/n, U = cos 2πx₁: 807 / 114 PECE,
 * 809 / 112 PEC; the scipy Radau case at tight tolerances 699 vs 705 steps, the same 8.5e-11
 * error). The order is the same; PEC's absolute-stability region is smaller, but the stiffness
 * is in the clusters and what limits H is accuracy (bench section steplimit).
 * In each of P and C the particles outside clusters move by the exact integral of the
 * polynomial, and each cluster solves v' = F(v) + p(τ) with its own sub-steps (fastClusters.ts),
 * so a collapsing or bound pair costs pair-kernel calls, not velocity evaluations. S at past
 * states is f minus F of the current clusters there, so the split may change between steps.
 * Error estimate by Milne's device, (y_{n+1} − ỹ)·19/270 (AB4/AM3 error constants); with fewer
 * past states (the first steps) the orders are lower and the factor is ½.
 * The energy test of every method applies: a step that raises E_n is rejected.
 */
/** Order of the Adams pair (predictor and corrector through ORDER states each). */
const ORDER = 4;
const HISTORY = ORDER;
/**
 * Milne's factor |C_AM|/(C_AB − C_AM) from the error constants of the q-step Adams–Bashforth
 * and (q−1)-step Adams–Moulton methods (both of order q), by order q.
 */
const MILNE = [0, 0.5, 1 / 6, 1 / 10, 19 / 270, 0.0538];
const SAFETY = 0.9;
/** Variable-step Adams methods stay stable under moderate step ratios. */
const GROW_MAX = 2;
const GROW_MAX_START = 10;
const SHRINK_MIN = 0.2;
/**
 * One sub-step stage of one cluster unknown (pair kernel, Hessian, dense solve), as a share of a
 * velocity evaluation per particle: timed on i.i.d. n = 1000, δ = 1/n, U = cos 2πx₁ (0.26 µs per
 * stage and unknown, 7.3 ms per evaluation).
 */
export const SUBSTAGE_COST = 0.04;

/** What one macro-step attempt saw: for profiling what limits H (tests/bench/stepLimit.ts). */
export interface MultirateAttempt {
  readonly t: number;
  readonly H: number;
  /** The error norm (≤ 1: accepted unless the energy test fails). */
  readonly en: number;
  /** The local error estimate per coordinate, and the states at t and t + H. */
  readonly err: Float64Array;
  readonly y: Float64Array;
  readonly yNew: Float64Array;
  /** The velocities of the newest history state (at its predicted position; at t = 0 the start's). */
  readonly f: Float64Array;
  /** Cluster id of each particle on this step (−1: not in a cluster). */
  readonly clusterId: Int32Array;
}

/**
 * call(during) with work() run exactly once: inside the call, where the system runs it while a
 * helper thread takes its share of the sum (ParticleSystem.velocities), or after it.
 */
function alongside<T>(call: (during: () => void) => T, work: () => void): T {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    work();
  };
  const result = call(once);
  once();
  return result;
}

class AdamsController implements StepController {
  expo = 1 / 3;
  startup = true;
  shrink(h: number, en: number): number {
    return h * Math.min(1, Math.max(SHRINK_MIN, SAFETY * en ** -this.expo));
  }
  grow(h: number, en: number): number {
    const cap = this.startup ? GROW_MAX_START : GROW_MAX;
    return h * Math.min(cap, Math.max(SHRINK_MIN, SAFETY * Math.max(en, 1e-10) ** -this.expo));
  }
  reset(): void {}
}

export class MultirateStepper extends StepLoop implements StepperInternals {
  /** Whether the next attempt's clusters and S are prepared during the energy sum (tests compare). */
  static prepareAhead = true;
  /** Attempts that started from S prepared during the last step's energy sum. */
  preparedStarts = 0;
  energyEvaluations = 0;
  switches = 0;
  stiffness = 0;
  readonly method: MethodInUse = 'multirate';
  readonly stiffTableau = ROS34PW2;
  evaluations = 0;

  readonly fast: FastClusters;
  private readonly n: number;
  private readonly y: Float64Array;
  /**
   * The history, newest first: accepted times, the predicted positions ỹ there and the full
   * velocities at them (PEC; a run's first entry is the initial state itself, with its velocities).
   */
  private readonly ht: number[] = [];
  private readonly hy: Float64Array[] = [];
  private readonly hf: Float64Array[] = [];
  /**
   * S at the history states for the split of fast.version hsSplit and the history of hsHistory
   * (counted by accepted steps), and the same for the history after this step's acceptance,
   * computed while the energy at its end is summed (hsNext, for the split hsNextSplit, −1: none).
   */
  private hs: Float64Array[];
  private hsNext: Float64Array[];
  private hsSplit = -1;
  private hsHistory = 0;
  private hsNextSplit = -1;
  /** Whether hs came from hsNext (counted by preparedStarts when an attempt uses it). */
  private hsPrepared = false;
  private readonly sPred: Float64Array;
  private readonly pf: Float64Array;
  /** Monomial coefficients of the slow polynomial (degree deg). */
  private readonly coef: Float64Array[];
  private deg = 0;
  private readonly dd = new Float64Array(HISTORY + 1);
  /** fit's weights: coef[e] = Σ_k weights[e·HISTORY + k]·values[k]. */
  private readonly weights = new Float64Array(HISTORY * HISTORY);
  private readonly yPred: Float64Array;
  private readonly yCorr: Float64Array;
  private readonly fNew: Float64Array;
  private readonly err: Float64Array;
  private readonly energyTest: EnergyTest;
  private readonly ctl = new AdamsController();
  protected readonly sizer: StepSizer;
  private En: number;
  private Et: number;
  /** Told every attempt's error estimate (profiling only; null in every run of the app and CLI). */
  onAttempt: ((a: MultirateAttempt) => void) | null = null;

  constructor(
    private readonly system: ParticleSystem,
    pos0: Float64Array,
    private readonly rtol: number,
    private readonly atol: number,
    protected readonly maxSteps: number,
    hmax: number,
    h0: number | undefined,
    t0 = 0,
  ) {
    super();
    const n = system.n;
    this.n = n;
    const len = 2 * n;
    const buf = () => new Float64Array(len);
    this.y = Float64Array.from(pos0);
    assertFinite(this.y, 0, 'initial position');
    this.hs = Array.from({ length: HISTORY }, buf);
    this.hsNext = Array.from({ length: HISTORY }, buf);
    this.sPred = buf();
    this.pf = buf();
    this.coef = Array.from({ length: HISTORY }, buf);
    this.yPred = buf();
    this.yCorr = buf();
    this.fNew = buf();
    this.err = buf();
    this.fast = new FastClusters(system, FastClusters.THETA, true);
    this.energyTest = new EnergyTest(system);
    const f0 = buf();
    // both in one pass where the system can (one far-field transform; the same bits as apart)
    if (this.system.velocitiesAndEnergy) this.En = this.system.velocitiesAndEnergy(this.y, f0);
    else {
      this.system.velocities(this.y, f0);
      this.En = this.system.energy(this.y);
    }
    this.evaluations++;
    this.energyEvaluations++;
    assertFinite(f0, 0, 'velocity');
    if (!Number.isFinite(this.En)) throw new Error('integrator: non-finite energy at t = 0');
    this.Et = this.energyTest.lyapunov(this.En, this.y);
    this.t = t0;
    this.ht.push(t0);
    this.hy.push(Float64Array.from(this.y));
    this.hf.push(f0);
    this.sizer = new StepSizer(hmax, h0 !== undefined ? Math.min(h0, hmax) : this.firstStep(hmax));
  }

  /** A first step from the slow velocity S (pairs fast on hmax removed): the Euler term ≈ atol. */
  private firstStep(hmax: number): number {
    this.fast.build(this.y, hmax);
    this.fast.pairVelocities(this.y, this.pf);
    const f0 = this.hf[0];
    let vmax = 0;
    for (let i = 0; i < this.n; i++)
      vmax = Math.max(vmax, Math.hypot(f0[2 * i] - this.pf[2 * i], f0[2 * i + 1] - this.pf[2 * i + 1]));
    if (vmax === 0) return hmax;
    return Math.max(Math.min(hmax, (this.atol + this.rtol * 1e-3) ** 0.5 / vmax, 0.01 / vmax), 1e-12);
  }

  get unwrapped(): Float64Array {
    return this.y;
  }
  get steps(): number {
    return this.sizer.steps;
  }
  get rejected(): number {
    return this.sizer.rejected;
  }
  get energyRejected(): number {
    return this.sizer.energyRejected;
  }
  /** The next macro step's size (before clipping at a target). */
  get proposal(): number {
    return this.sizer.next;
  }
  /**
   * Work in units of velocity evaluations: the evaluations plus the clusters' sub-step stages,
   * one stage of one unknown counted as SUBSTAGE_COST/n of an evaluation.
   */
  get cost(): number {
    return this.evaluations + (SUBSTAGE_COST * this.fast.stageUnknowns) / this.n;
  }

  wrapped(out?: Float64Array): Float64Array {
    return wrapAll(this.y, out);
  }

  energy(): number {
    return this.En;
  }

  /** s = f − F(y) for the current split. */
  private slowAt(y: Float64Array, f: Float64Array, s: Float64Array): void {
    this.fast.pairVelocities(y, this.pf);
    for (let q = 0; q < s.length; q++) s[q] = f[q] - this.pf[q];
  }

  /**
   * What the next attempt starts with, done while the energy at yCorr is summed (the helper thread
   * takes the sum's tasks meanwhile): the clusters at yCorr (a build depends on the state and
   * min(θ/H, RATE) only, so the next attempt finds it done whenever it starts there with the same
   * limit — every step with H ≤ θ/RATE — else builds again; so does a rejected step's retry), S
   * at the history it will have, the predictor's (ỹ, f(ỹ)) first, and its predictor polynomial
   * (the corrector's is used by then). The same results either way.
   */
  private prepareNext(yCorr: Float64Array, H: number, tNew: number): void {
    this.fast.build(yCorr, H);
    this.slowAt(this.yPred, this.fNew, this.hsNext[0]);
    const keep = Math.min(this.ht.length, HISTORY - 1);
    for (let j = 0; j < keep; j++) this.slowAt(this.hy[j], this.hf[j], this.hsNext[j + 1]);
    this.hsNextSplit = this.fast.version;
    // the next attempt's P fit, as it will make it: through the history it will have
    this.fitHistory([tNew, ...this.ht], this.hsNext, keep + 1, tNew);
  }

  /** P's fit: through (times[j], values[j]) for j = k − 1 … 0 (oldest first), times relative to t0. */
  private fitHistory(times: readonly number[], values: readonly Float64Array[], k: number, t0: number): void {
    const taus: number[] = [];
    const vals: Float64Array[] = [];
    for (let j = k - 1; j >= 0; j--) {
      taus.push(times[j] - t0);
      vals.push(values[j]);
    }
    this.fit(taus, vals);
  }

  /**
   * The coefficients (monomials in τ, relative to t_n) of the polynomial through (τ_k, values_k).
   * They are linear in the values, coef[e] = Σ_k W[e][k]·values[k], with W the same for every
   * coordinate: W from Newton's divided differences of the unit vectors, once per fit, then m²
   * multiply-adds per coordinate (the divided differences per coordinate cost 6 divisions each:
   * 4% of an n = 4000 run).
   */
  private fit(taus: number[], values: Float64Array[]): void {
    const m = taus.length;
    const coef = this.coef.slice(0, m);
    this.deg = m - 1;
    // basis[j] = monomial coefficients of Π_{l<j} (τ − τ_l)
    const basis: number[][] = [[1]];
    for (let j = 1; j < m; j++) {
      const prev = basis[j - 1];
      const next = new Array<number>(j + 1).fill(0);
      for (let e = 0; e < j; e++) {
        next[e + 1] += prev[e];
        next[e] -= taus[j - 1] * prev[e];
      }
      basis.push(next);
    }
    const W = this.weights;
    const d = this.dd;
    for (let k = 0; k < m; k++) {
      for (let j = 0; j < m; j++) d[j] = j === k ? 1 : 0;
      for (let lvl = 1; lvl < m; lvl++)
        for (let j = m - 1; j >= lvl; j--) d[j] = (d[j] - d[j - 1]) / (taus[j] - taus[j - lvl]);
      for (let e = 0; e < m; e++) {
        let v = 0;
        for (let j = e; j < m; j++) v += d[j] * basis[j][e];
        W[e * HISTORY + k] = v;
      }
    }
    const len = coef[0].length;
    for (let e = 0; e < m; e++) {
      const c = coef[e];
      const w0 = W[e * HISTORY];
      const v0 = values[0];
      if (m === 1) for (let q = 0; q < len; q++) c[q] = w0 * v0[q];
      else {
        const w1 = W[e * HISTORY + 1];
        const v1 = values[1];
        if (m === 2) for (let q = 0; q < len; q++) c[q] = w0 * v0[q] + w1 * v1[q];
        else {
          const w2 = W[e * HISTORY + 2];
          const v2 = values[2];
          if (m === 3) for (let q = 0; q < len; q++) c[q] = w0 * v0[q] + w1 * v1[q] + w2 * v2[q];
          else {
            const w3 = W[e * HISTORY + 3];
            const v3 = values[3];
            for (let q = 0; q < len; q++) c[q] = w0 * v0[q] + w1 * v1[q] + w2 * v2[q] + w3 * v3[q];
          }
        }
      }
    }
  }

  /** out = y + ∫₀ᴴ p for every particle, then each cluster's own solve over its members. */
  private advance(H: number, out: Float64Array): void {
    const y = this.y;
    const coef = this.coef.slice(0, this.deg + 1);
    out.set(y);
    let hp = H;
    for (let e = 0; e < coef.length; e++) {
      const w = hp / (e + 1);
      const c = coef[e];
      for (let q = 0; q < y.length; q++) out[q] += w * c[q];
      hp *= H;
    }
    this.fast.solve(y, coef, H, this.rtol, this.atol, out);
  }

  protected attempt(H: number, landing: number | null, force: boolean): boolean {
    const { y, yPred, yCorr, err, n, ht } = this;
    const t = this.t;
    this.fast.build(y, H);
    const k = ht.length;
    // S at the history for this split: kept from the last attempt when neither changed (a retry),
    // or prepared during the last step's energy sum
    let prepared = false;
    if (this.hsSplit !== this.fast.version || this.hsHistory !== this.sizer.steps) {
      for (let j = 0; j < k; j++) this.slowAt(this.hy[j], this.hf[j], this.hs[j]);
      this.hsSplit = this.fast.version;
      this.hsHistory = this.sizer.steps;
    } else if (this.hsPrepared) {
      this.preparedStarts++;
      prepared = true;
    }
    this.hsPrepared = false;
    // P: through the history (oldest first for a well-conditioned Newton form); its fit prepared
    // with S when this attempt starts from the prepared S (not on a retry: the corrector's fit
    // replaced it)
    if (!prepared) this.fitHistory(ht, this.hs, k, t);
    this.advance(H, yPred);
    assertFinite(yPred, t + H, 'position');
    // E, and meanwhile F at the predictor
    alongside(
      (during) => this.system.velocities(yPred, this.fNew, during),
      () => this.fast.pairVelocities(yPred, this.pf),
    );
    this.evaluations++;
    assertFinite(this.fNew, t + H, 'velocity');
    const sp = this.sPred;
    for (let q = 0; q < sp.length; q++) sp[q] = this.fNew[q] - this.pf[q];
    // C: through the newest ORDER − 1 accepted states and t_n + H (oldest first)
    const ct: number[] = [];
    const cv: Float64Array[] = [];
    for (let j = Math.min(k, ORDER - 1) - 1; j >= 0; j--) {
      ct.push(ht[j] - t);
      cv.push(this.hs[j]);
    }
    ct.push(H);
    cv.push(sp);
    this.fit(ct, cv);
    this.advance(H, yCorr);
    assertFinite(yCorr, t + H, 'position');
    const fac = k >= ORDER ? MILNE[ORDER] : 0.5;
    for (let q = 0; q < err.length; q++) err[q] = fac * (yCorr[q] - yPred[q]);
    const en = errorNorm(err, y, yCorr, n, this.rtol, this.atol);
    this.onAttempt?.({ t, H, en, err, y, yNew: yCorr, f: this.hf[0], clusterId: this.fast.clusters.id });
    this.ctl.expo = 1 / (Math.min(k + 1, ORDER) + 1);
    if (!force && !(en <= 1)) {
      this.sizer.errorRejected(H, Number.isFinite(en) ? en : 1e10, this.ctl);
      return false;
    }
    // E_n at the new state (PEC: no velocities there; the history keeps those at ỹ), and meanwhile
    // what the next attempt starts with
    this.hsNextSplit = -1;
    const En1 = MultirateStepper.prepareAhead
      ? alongside(
          (during) => this.system.energy(yCorr, during),
          () => this.prepareNext(yCorr, H, landing ?? t + H),
        )
      : this.system.energy(yCorr);
    this.evaluations++;
    this.energyEvaluations++;
    if (!Number.isFinite(En1)) throw new Error(`integrator: non-finite energy at t = ${t + H}`);
    const Et1 = this.energyTest.lyapunov(En1, yCorr);
    if (!force && !this.energyTest.passes(this.Et, Et1, yCorr)) {
      this.sizer.rejectedByEnergy(H);
      return false;
    }
    // accept: the oldest history slot takes the new state
    const tNew = landing ?? t + H;
    let yS: Float64Array;
    let fS: Float64Array;
    if (ht.length < HISTORY) {
      yS = new Float64Array(2 * n);
      fS = new Float64Array(2 * n);
    } else {
      ht.pop();
      yS = this.hy.pop()!;
      fS = this.hf.pop()!;
    }
    yS.set(yPred);
    fS.set(this.fNew);
    ht.unshift(tNew);
    this.hy.unshift(yS);
    this.hf.unshift(fS);
    y.set(yCorr);
    this.t = tNew;
    this.En = En1;
    this.Et = Et1;
    this.sizer.accepted(H, en, this.ctl, landing !== null);
    if (this.hsNextSplit >= 0) {
      [this.hs, this.hsNext] = [this.hsNext, this.hs];
      this.hsSplit = this.hsNextSplit;
      this.hsHistory = this.sizer.steps;
      this.hsPrepared = true;
    }
    if (this.sizer.steps >= 4) this.ctl.startup = false;
    return true;
  }
}
