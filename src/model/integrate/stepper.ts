import type { ParticleSystem } from '../dynamics/particleSystem';
import { DormandPrince } from './dormandPrince';
import { assertFinite, errorNorm } from './errorNorm';
import { NearPairJacobian } from './nearPairJacobian';
import { ROS34PW2, RosenbrockW, type WTableau } from './rosenbrockW';
import type { IntegratorOptions, MethodInUse, Stepper } from './types';

/**
 * Automatic method choice ('auto'), in time units of the dynamics (velocities O(1), T ≈ 1):
 * - λ is a Gershgorin bound of the spectral radius of the near-pair Jacobian (pairs within the
 *   radius where b_i b_j D²V_δ/n can exceed LAMBDA_SWITCH/20, plus D²U), from a cell list.
 * - Start stiff iff λ > LAMBDA_SWITCH, i.e. an explicit method would need steps < ~3/λ = 3e-3
 *   for stability alone (a ± pair within a few δ has λ ≈ 1/(nδ²)).
 * - explicit → stiff when λ > LAMBDA_SWITCH and the accepted explicit steps sit at the stability
 *   limit (h·λ ≥ 2) for 3 consecutive steps, or when Hairer's DOPRI5 stiffness detector
 *   (h·ρ > 3.25, ρ from the last two stages) fires for 15 consecutive steps.
 * - stiff → explicit when the stiff steps are so short that the explicit method would be
 *   comfortably stable at them (h·λ < 0.3) for 5 consecutive steps: this happens while pairs
 *   collapse (accuracy, not stability, limits the step; the 5th-order method is cheaper there).
 * - Back-off against ping-pong: a stiff stint that never reached twice the explicit step it
 *   started from did not pay off; the next explicit → stiff switch then waits for a number of
 *   explicit steps that doubles after each such stint (from 25 up to 6400) and is reset by a
 *   stint that paid off.
 * 'explicit' and 'stiff' force one method.
 */
export const LAMBDA_SWITCH = 1e3;
const STIFF_ENTER_STEPS = 3;
const HAIRER_STEPS = 15;
const STIFF_LEAVE_STEPS = 5;
const BACKOFF_MIN = 25;
const BACKOFF_MAX = 6400;

/** Step controller constants. */
const SAFETY = 0.9;
const FAC_MIN = 0.2;
const FAC_MAX_EXPLICIT = 10;
const FAC_MAX_STIFF = 6;
const PI_BETA = 0.04;
/** Relative round-off allowance of the energy acceptance test (times the energy scale). */
const ENERGY_ROUNDOFF = 1e-13;

export interface StepperInternals extends Stepper {
  /** Energy-test rejections so far (subset of `rejected`). */
  readonly energyRejected: number;
  /** Last stiffness bound λ computed (0 when never computed). */
  readonly stiffness: number;
  /** The W-method in use by the stiff integrator. */
  readonly stiffTableau: WTableau;
  /** Fixed-step mode for convergence tests: one attempt of size h, accepted unconditionally. */
  forceStep(h: number): void;
}

export function createStepper(
  system: ParticleSystem,
  pos0: Float64Array,
  opts: IntegratorOptions,
  stiffTableau: WTableau = ROS34PW2,
): StepperInternals {
  const n = system.n;
  const len = 2 * n;
  if (pos0.length !== len)
    throw new RangeError(`integrator: expected ${len} coordinates, got ${pos0.length}`);
  const { rtol, atol } = opts;
  if (!(rtol >= 0 && atol >= 0 && rtol + atol > 0 && Number.isFinite(rtol + atol)))
    throw new RangeError(`integrator: need rtol, atol ≥ 0 (not both 0), got ${rtol}, ${atol}`);
  const maxSteps = opts.maxSteps ?? 1e6;
  const hmax = opts.hmax ?? 0.1;
  const auto = opts.method === 'auto';

  const y = Float64Array.from(pos0);
  assertFinite(y, 0, 'initial position');
  let f = new Float64Array(len);
  let f1 = new Float64Array(len);
  const y1 = new Float64Array(len);
  const err = new Float64Array(len);
  const dp = new DormandPrince(system);
  const jac = new NearPairJacobian(system);
  const rw = new RosenbrockW(system, jac, stiffTableau);
  const stiffExpo = 1 / (Math.min(stiffTableau.order, stiffTableau.embeddedOrder) + 1);
  const autoRadius = auto ? jac.radiusForRate(LAMBDA_SWITCH / 20) : 0;

  const signs = system.signs;
  const [fx, fy] = system.field.force;
  const tilted = fx !== 0 || fy !== 0;
  const ampU = system.field.modes.reduce((s, m) => s + Math.abs(m.a), 0);
  const selfScale = Math.abs(system.kernel.selfValue) / n;

  let t = 0;
  let version = 0;
  let steps = 0;
  let rejected = 0;
  let energyRejected = 0;
  let extraEvaluations = 0;
  let energyEvaluations = 0;
  let switches = 0;
  let errOld = 1e-4;
  let lastRejected = false;
  /** Cap from the last energy rejection, released by 5% per accepted step. */
  let hEnergyCap = Number.POSITIVE_INFINITY;
  let stiffness = 0;
  let enterCount = 0;
  let hairerCount = 0;
  let leaveCount = 0;
  let backoff = 0;
  let explicitSinceLeave = 0;
  let hEnter = 0;
  let stintMaxH = 0;

  const evalF = (pos: Float64Array, out: Float64Array) => {
    system.velocities(pos, out);
    extraEvaluations++;
  };
  const evalEnergy = (pos: Float64Array): number => {
    energyEvaluations++;
    return system.energy(pos);
  };
  /** E_n − (1/n)Σ b_i F·x_i on unwrapped positions: the Lyapunov function of the dynamics. */
  const tilt = (pos: Float64Array): number => {
    if (!tilted) return 0;
    let s = 0;
    for (let i = 0; i < n; i++) s += signs[i] * (fx * pos[2 * i] + fy * pos[2 * i + 1]);
    return -s / n;
  };
  const tiltScale = (pos: Float64Array): number => {
    if (!tilted) return 0;
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(fx * pos[2 * i]) + Math.abs(fy * pos[2 * i + 1]);
    return s / n;
  };

  evalF(y, f);
  assertFinite(f, 0, 'velocity');
  let En = evalEnergy(y);
  if (!Number.isFinite(En)) throw new Error('integrator: non-finite energy at t = 0');
  let Et = En + tilt(y);

  const measureStiffness = (): number => {
    jac.prepare(y, version, 0, autoRadius);
    stiffness = jac.stiffness;
    return stiffness;
  };

  let method: MethodInUse;
  if (opts.method === 'explicit') method = 'explicit';
  else if (opts.method === 'stiff') method = 'stiff';
  else method = measureStiffness() > LAMBDA_SWITCH ? 'stiff' : 'explicit';

  const orderFor = (m: MethodInUse) => (m === 'explicit' ? dp.order : stiffTableau.embeddedOrder + 1);

  /**
   * Initial step: Hairer–Wanner's starting-step heuristic (an Euler probe for the second
   * derivative, atol scale), with the probe and the step kept below the stiffness time 1/λ where
   * the stiff transient is larger than atol (it must then be resolved by either method) and,
   * for the explicit method, inside its stability interval.
   */
  const initialStep = (): number => {
    if (opts.h0 !== undefined) return Math.min(opts.h0, hmax);
    let vmax = 0;
    for (let i = 0; i < n; i++) vmax = Math.max(vmax, Math.hypot(f[2 * i], f[2 * i + 1]));
    if (vmax === 0) return hmax;
    jac.prepare(y, version, 0, jac.radiusForRate(LAMBDA_SWITCH / 20));
    const lam = jac.stiffness;
    if (stiffness === 0) stiffness = lam;
    const scale = atol > 0 ? atol : rtol;
    const h0 = Math.min(hmax, 0.01 / vmax, lam > 0 ? 0.5 / lam : Number.POSITIVE_INFINITY);
    for (let i = 0; i < len; i++) y1[i] = y[i] + h0 * f[i];
    evalF(y1, f1);
    assertFinite(f1, h0, 'velocity (initial step probe)');
    let acc = 0;
    for (let i = 0; i < n; i++)
      acc = Math.max(acc, Math.hypot(f1[2 * i] - f[2 * i], f1[2 * i + 1] - f[2 * i + 1]) / h0);
    const d = Math.max(vmax, acc) / scale;
    let h = Math.min(100 * h0, (0.01 / d) ** (1 / orderFor(method)), hmax);
    if (lam > 0) {
      if (method === 'explicit') h = Math.min(h, 2 / lam);
      else if (vmax / lam > scale) h = Math.min(h, 1 / lam);
    }
    return Math.max(h, 1e-14);
  };
  let hProp = initialStep();

  /**
   * Tries one step of size h from (t, y). On acceptance updates the state and returns true; on
   * rejection sets hProp and returns false. `force` accepts unconditionally (fixed-step mode).
   */
  const attempt = (h: number, landing: number | null, force: boolean): boolean => {
    let rho = 0;
    if (method === 'explicit') rho = dp.attempt(y, f, h, y1, f1, err);
    else rw.attempt(y, f, h, version, autoRadius, y1, err);
    assertFinite(y1, t + h, 'position');
    const en = errorNorm(err, y, y1, n, rtol, atol);
    const isExplicit = method === 'explicit';
    if (!force && en > 1) {
      const shrink = isExplicit
        ? Math.max(FAC_MIN, SAFETY * en ** -(0.2 - 0.75 * PI_BETA))
        : Math.max(FAC_MIN, SAFETY * en ** -stiffExpo);
      hProp = h * Math.min(1, shrink);
      rejected++;
      lastRejected = true;
      return false;
    }
    const En1 = evalEnergy(y1);
    if (!Number.isFinite(En1)) throw new Error(`integrator: non-finite energy at t = ${t + h}`);
    const Et1 = En1 + tilt(y1);
    const allow = ENERGY_ROUNDOFF * (Math.abs(Et) + selfScale + ampU + tiltScale(y1) + 1e-3);
    if (!force && Et1 > Et + allow) {
      hProp = h * 0.5;
      hEnergyCap = 0.9 * h;
      rejected++;
      energyRejected++;
      lastRejected = true;
      return false;
    }
    // Accept.
    if (isExplicit) {
      const tmp = f;
      f = f1;
      f1 = tmp;
    } else {
      evalF(y1, f);
      assertFinite(f, t + h, 'velocity');
    }
    y.set(y1);
    version++;
    t = landing ?? t + h;
    En = En1;
    Et = Et1;
    steps++;
    // Next step size.
    let hNew: number;
    if (isExplicit) {
      const fac11 = en ** (0.2 - 0.75 * PI_BETA);
      let fac = fac11 / errOld ** PI_BETA / SAFETY;
      fac = Math.min(1 / FAC_MIN, Math.max(1 / FAC_MAX_EXPLICIT, fac));
      hNew = h / fac;
      errOld = Math.max(en, 1e-4);
    } else {
      hNew = h * Math.min(FAC_MAX_STIFF, Math.max(FAC_MIN, SAFETY * Math.max(en, 1e-10) ** -stiffExpo));
    }
    if (lastRejected) hNew = Math.min(hNew, h);
    lastRejected = false;
    hNew = Math.min(hNew, hEnergyCap);
    hEnergyCap *= 1.05;
    // A step clipped to land on a target must not shrink the controller's proposal.
    hProp = landing !== null ? Math.max(hNew, Math.min(hProp, hmax)) : Math.min(hNew, hmax);
    if (auto) decideSwitch(h, rho);
    return true;
  };

  const decideSwitch = (h: number, rho: number): void => {
    if (method === 'explicit') {
      const lam = measureStiffness();
      enterCount = lam > LAMBDA_SWITCH && h * lam >= 2 ? enterCount + 1 : 0;
      hairerCount = h * rho > 3.25 ? hairerCount + 1 : 0;
      explicitSinceLeave++;
      if ((enterCount >= STIFF_ENTER_STEPS || hairerCount >= HAIRER_STEPS) && explicitSinceLeave > backoff) {
        method = 'stiff';
        switches++;
        enterCount = 0;
        hairerCount = 0;
        leaveCount = 0;
        hEnter = h;
        stintMaxH = 0;
      }
    } else {
      stintMaxH = Math.max(stintMaxH, h);
      stiffness = jac.stiffness; // bound at the start of the accepted step
      leaveCount = stiffness * hProp < 0.3 ? leaveCount + 1 : 0;
      if (leaveCount >= STIFF_LEAVE_STEPS) {
        method = 'explicit';
        switches++;
        leaveCount = 0;
        errOld = 1e-4;
        explicitSinceLeave = 0;
        const paidOff = hEnter === 0 || stintMaxH > 2 * hEnter;
        backoff = paidOff ? BACKOFF_MIN : Math.min(BACKOFF_MAX, Math.max(BACKOFF_MIN, 2 * backoff));
        if (stiffness > 0) hProp = Math.min(hProp, 2 / stiffness);
      }
    }
  };

  /** Attempts left in the current advanceTo/step call (maxSteps each). */
  let budget = 0;
  const stepToward = (tEnd: number): number => {
    for (;;) {
      if (budget-- <= 0)
        throw new Error(`integrator: maxSteps (${maxSteps}) exceeded at t = ${t} (method ${method})`);
      let h = Math.min(hProp, hmax);
      let landing: number | null = null;
      const rest = tEnd - t;
      if (h >= rest * (1 - 1e-12)) {
        h = rest;
        landing = tEnd;
      }
      if (!(h > 1e-14 * Math.max(1, Math.abs(t))))
        throw new Error(`integrator: step size underflow (h = ${h}) at t = ${t} (method ${method})`);
      const t0 = t;
      if (attempt(h, landing, false)) return t - t0;
    }
  };

  const stepper: StepperInternals = {
    get t() {
      return t;
    },
    get unwrapped() {
      return y;
    },
    wrapped(out?: Float64Array): Float64Array {
      const o = out ?? new Float64Array(len);
      for (let i = 0; i < len; i++) {
        let v = y[i] - Math.floor(y[i]);
        if (v >= 1) v = 0;
        o[i] = v;
      }
      return o;
    },
    advanceTo(target: number): void {
      if (!(target >= t)) throw new RangeError(`integrator: cannot advance from t = ${t} back to ${target}`);
      budget = maxSteps;
      while (t < target) stepToward(target);
    },
    step(): number {
      budget = maxSteps;
      return stepToward(Number.POSITIVE_INFINITY);
    },
    stepToward(tEnd: number): number {
      if (!(tEnd > t)) return 0;
      budget = maxSteps;
      return stepToward(tEnd);
    },
    forceStep(h: number): void {
      attempt(h, null, true);
    },
    get steps() {
      return steps;
    },
    get rejected() {
      return rejected;
    },
    get energyRejected() {
      return energyRejected;
    },
    get evaluations() {
      return extraEvaluations + dp.evaluations + rw.evaluations;
    },
    get energyEvaluations() {
      return energyEvaluations;
    },
    get switches() {
      return switches;
    },
    get method() {
      return method;
    },
    get stiffness() {
      return stiffness;
    },
    get stiffTableau() {
      return stiffTableau;
    },
    energy(): number {
      return En;
    },
  };
  return stepper;
}
