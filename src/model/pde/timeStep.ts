/**
 * The time step: the adaptive dt rule, SSP-RK3 (Shu–Osher) as three stage passes, and the tests a
 * step must pass to be accepted.
 *
 *  - dt = cfl·h/(a_x + a_y), a_d = max face speed along x_d. Each RK stage is a forward-Euler step,
 *    which keeps ρ ≥ 0 when dt·(a_x + a_y)/h ≤ ½ (the cell average is a convex combination of its
 *    four face values), hence cfl ≤ ½; the default is that bound (the speeds of the later stages
 *    differ a little from the first's, and a stage that goes negative is caught below). SSP-RK3's
 *    SSP coefficient is 1, so the whole step inherits the forward-Euler bound.
 *  - dt ≤ rateCap/Λ, Λ = max(ρ+ + ρ−)·(largest discrete rate symbol, maxRateSymbol): keeps the time
 *    error small where velocities are tiny but κ still relaxes.
 *  - A step with a negative value is rejected (dt halved); so is one raising the energy by more than
 *    its round-off scale when F = 0 (E_h is then non-increasing for the semi-discrete scheme), at
 *    most MAX_HALVINGS times in a row.
 */

import type { PotentialEvaluator } from './potentialEvaluator';
import { runStage, type StageWorkspace } from './stage';
import { flushTiny } from './stageRows';
import type { PdeOptions } from './types';

/** Relative round-off allowance of the energy test (see energyRose). */
const ENERGY_RTOL = 1e-12;
/** Energy-test halvings before a step is accepted anyway (and counted as a warning). */
export const MAX_HALVINGS = 30;

/** The option-given bounds of the dt rule. */
export interface DtLimits {
  cfl: number;
  rateCap: number;
  dtMax: number;
}

/** cfl, rateCap, dtMax with their defaults; throws for cfl outside (0, ½]. */
export function dtLimits(opts: PdeOptions): DtLimits {
  // SSP coefficient of the integrator times the forward-Euler positivity bound ½.
  const cflMax = opts.rk === 'ssp43' ? 1 : 0.5;
  const cfl = opts.cfl ?? cflMax;
  if (!(cfl > 0 && cfl <= cflMax))
    throw new Error(`createPdeSolver: cfl must be in (0, ${cflMax}], got ${cfl}`);
  // The rate cap is about accuracy, not positivity: the same default for both integrators.
  return { cfl, dtMax: opts.dtMax ?? 0.05, rateCap: opts.rateCap ?? 0.5 * Math.min(cfl, 0.5) };
}

/**
 * dt for a state with face-speed sum a_x + a_y = `speed` and relaxation-rate bound Λ = `lam`
 * (either may be 0: no bound from it), capped by maxDt if given.
 */
export function adaptiveDt(lim: DtLimits, h: number, speed: number, lam: number, maxDt?: number): number {
  let dt = lim.dtMax;
  if (speed > 0) dt = Math.min(dt, (lim.cfl * h) / speed);
  if (lam > 0) dt = Math.min(dt, lim.rateCap / lam);
  if (maxDt !== undefined && maxDt < dt) dt = maxDt;
  return dt;
}

/** Max |u| over faces whose ξ-differences ξ_L − ξ_R lie in [dMin, dMax]: u = (ξ_L − ξ_R)·N + F. */
export function maxFaceSpeed(dMin: number, dMax: number, N: number, F: number): number {
  return Math.max(Math.abs(dMin * N + F), Math.abs(dMax * N + F));
}

/** Whether energy E (round-off scale Escale) exceeds E0 (scale Escale0) beyond round-off. */
export function energyRose(E0: number, Escale0: number, E: number, Escale: number): boolean {
  return E > E0 + ENERGY_RTOL * Math.max(Escale0, Escale);
}

/**
 * The state (ρ±, ξ) and the buffers of one step. Fields of both species are stored [ρ+ | ρ−] in one
 * array of length 2N² (fewer arrays live in the stage loop: V8 keeps more of them in registers).
 * After a successful sspRk3, `cand` holds the candidate state; accept() makes it the state by
 * swapping buffers, never copying.
 */
export class StepBuffers {
  /** The state [ρ+ | ρ−] and views of its halves. */
  u: Float64Array;
  rp: Float64Array;
  rm: Float64Array;
  /** ξ of u once evaluated. */
  xi0: Float64Array;
  /** The candidate (the last stage's output) and views of its halves; a stage scratch buffer. */
  cand: Float64Array;
  cp: Float64Array;
  cm: Float64Array;
  mid: Float64Array;
  /** The potential of the latest stage. */
  xiS: Float64Array;

  /** The doubles a StepBuffers of N² cells allocates. */
  static doubles(NN: number): number {
    return 8 * NN;
  }

  /** Initial cell averages (copied, tiny values flushed); `alloc` gives the (zeroed) arrays. */
  constructor(
    rhoPlus: ArrayLike<number>,
    rhoMinus: ArrayLike<number>,
    alloc: (len: number) => Float64Array = (len) => new Float64Array(len),
  ) {
    const NN = rhoPlus.length;
    this.u = alloc(2 * NN);
    this.rp = this.u.subarray(0, NN);
    this.rm = this.u.subarray(NN);
    this.rp.set(rhoPlus);
    this.rm.set(rhoMinus);
    flushTiny(this.u);
    this.cand = alloc(2 * NN);
    this.cp = this.cand.subarray(0, NN);
    this.cm = this.cand.subarray(NN);
    this.mid = alloc(2 * NN);
    this.xi0 = alloc(NN);
    this.xiS = alloc(NN);
  }

  /** cand ↔ mid (cand's halves follow). */
  swapMid(): void {
    [this.mid, this.cand] = [this.cand, this.mid];
    const NN = this.rp.length;
    this.cp = this.cand.subarray(0, NN);
    this.cm = this.cand.subarray(NN);
  }

  /** (cand, xiS) becomes the state. */
  accept(): void {
    [this.u, this.cand] = [this.cand, this.u];
    [this.rp, this.cp] = [this.cp, this.rp];
    [this.rm, this.cm] = [this.cm, this.rm];
    [this.xi0, this.xiS] = [this.xiS, this.xi0];
  }
}

/**
 * Shu–Osher SSP-RK3 from u with potential xi0 into cand:
 *   u1 = u + dt L(u);  u2 = ¾u + ¼(u1 + dt L(u1));  u3 = ⅓u + ⅔(u2 + dt L(u2)).
 * Returns false as soon as a stage has a negative value (the step must be retried with a smaller
 * dt). On success ws.stats[0..1] describe u3 and ws.kappa is its κ; its potential is not evaluated.
 */
export function sspRk3(ws: StageWorkspace, xiEval: PotentialEvaluator, s: StepBuffers, dt: number): boolean {
  const st = ws.stats;
  runStage(ws, s.u, s.u, s.xi0, s.cand, 0, 1, dt);
  if (!(st[0] >= 0)) return false;
  xiEval.evaluateStage(s.xiS, ws.kappa);
  runStage(ws, s.u, s.cand, s.xiS, s.mid, 0.75, 0.25, 0.25 * dt);
  if (!(st[0] >= 0)) return false;
  xiEval.evaluateStage(s.xiS, ws.kappa);
  runStage(ws, s.u, s.mid, s.xiS, s.cand, 1 / 3, 2 / 3, (2 / 3) * dt);
  return st[0] >= 0;
}

/**
 * SSP-RK(4,3) (Spiteri–Ruuth; Kraaijevanger), SSP coefficient 2, from u with potential xi0 into cand:
 *   u1 = u + ½dt L(u);  u2 = u1 + ½dt L(u1);  u3 = ⅔u + ⅓(u2 + ½dt L(u2));  u4 = u3 + ½dt L(u3).
 * Same contract as sspRk3 (mid and cand are swapped once, so the result still ends in cand).
 */
export function sspRk43(ws: StageWorkspace, xiEval: PotentialEvaluator, s: StepBuffers, dt: number): boolean {
  const st = ws.stats;
  const h = 0.5 * dt;
  runStage(ws, s.u, s.u, s.xi0, s.cand, 0, 1, h);
  if (!(st[0] >= 0)) return false;
  xiEval.evaluateStage(s.xiS, ws.kappa);
  runStage(ws, s.u, s.cand, s.xiS, s.mid, 0, 1, h);
  if (!(st[0] >= 0)) return false;
  xiEval.evaluateStage(s.xiS, ws.kappa);
  runStage(ws, s.u, s.mid, s.xiS, s.cand, 2 / 3, 1 / 3, dt / 6);
  if (!(st[0] >= 0)) return false;
  xiEval.evaluateStage(s.xiS, ws.kappa);
  runStage(ws, s.u, s.cand, s.xiS, s.mid, 0, 1, h);
  s.swapMid();
  return st[0] >= 0;
}
