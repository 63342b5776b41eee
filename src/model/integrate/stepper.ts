import type { ParticleSystem } from '../dynamics/particleSystem';
import { hessianUBound } from '../external';
import { wrapAll } from '../init/torus';
import { AutoStepper } from './autoStepper';
import { AutoSwitch, LAMBDA_SWITCH } from './autoSwitch';
import { DormandPrince } from './dormandPrince';
import { EnergyTest } from './energyTest';
import { assertFinite, errorNorm } from './errorNorm';
import { FastClusters } from './fastClusters';
import { initialStep } from './initialStep';
import { MultirateStepper } from './multirate';
import { NearPairJacobian } from './nearPairJacobian';
import { ROS34PW2, RosenbrockW, type WTableau } from './rosenbrockW';
import { IController, MIN_RELATIVE_STEP, PiController, type StepController, StepSizer } from './stepControl';
import { StepLoop } from './stepLoop';
import { DEFAULT_HMAX, type IntegratorOptions, type MethodInUse, type Stepper } from './types';

export { LAMBDA_SWITCH } from './autoSwitch';
export { MIN_RELATIVE_STEP } from './stepControl';

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

/**
 * Tolerances below this are raised to it: positions live on the unit torus, where 1e-14 is ~50
 * units in the last place of a coordinate; below it the error estimates are round-off.
 */
export const MIN_TOLERANCE = 1e-14;

/**
 * The integrator of the particle dynamics: one state, two methods (explicit Dormand–Prince and
 * the stiff Rosenbrock-W method), the per-method step-size controllers and the accept/reject
 * tally of stepControl.ts, the energy acceptance test, and for 'auto' the switching rule of
 * autoSwitch.ts. This class owns the state and the order of the evaluations, nothing else.
 */
export function createStepper(
  system: ParticleSystem,
  pos0: Float64Array,
  opts: IntegratorOptions,
  stiffTableau: WTableau = ROS34PW2,
): StepperInternals {
  const rtol = Math.max(opts.rtol, MIN_TOLERANCE);
  const atol = Math.max(opts.atol, MIN_TOLERANCE);
  const maxSteps = opts.maxSteps ?? 1e6;
  const hmax = opts.hmax ?? DEFAULT_HMAX;
  const multirate = (pos: Float64Array, t: number, h0: number | undefined) =>
    new MultirateStepper(system, pos, rtol, atol, maxSteps, hmax, h0, t);
  if (opts.method === 'multirate') return multirate(pos0, 0, opts.h0);
  if (opts.method !== 'auto') return new ParticleStepper(system, pos0, opts, stiffTableau);
  const pairStiffness = initialPairStiffness(system, pos0);
  const probe = new FastClusters(system);
  const first = startsMultirate(system, pos0, pairStiffness, probe) ? 'multirate' : 'particle';
  return new AutoStepper(
    (family, pos, t, h0) => {
      const h = t === 0 ? opts.h0 : h0;
      if (family === 'particle') return new ParticleStepper(system, pos, { ...opts, h0: h }, stiffTableau, t);
      const s = multirate(pos, t, h);
      if (t === 0) s.stiffness = pairStiffness;
      return s;
    },
    (pos, h) => {
      probe.build(pos, h);
      return probe.pairCount > 0;
    },
    first,
    pos0,
    maxSteps,
  );
}

/**
 * 'auto' starts with the multirate method (multirate.ts) when near pairs alone are stiff at
 * t = 0 (their stiffness bound, without D²U, above LAMBDA_SWITCH: where 'auto' would start with
 * the stiff method), or when they are stiff-ish (above LAMBDA_SWITCH/10) with some pair fast for
 * it (rate ≥ FastClusters.RATE) and U alone is not stiff; otherwise with the explicit/stiff
 * switching of autoSwitch.ts. From then on autoStepper.ts moves between the two by their
 * counted cost (pairs form during the run).
 * Counted in velocity evaluations on the stepper bench rows that start so (short dipoles, slip
 * relaxation, i.i.d. data with δ = 1/n from n = 1000 on) it needs 3–14× fewer; a strong U alone
 * keeps the W-method, which treats D²U implicitly where the multirate method does not.
 * The fast pairs: i.i.d. data with δ = 1/n (U = cos 2πx₁, T = 0.2) started with Dormand–Prince,
 * whose steps the close pairs keep short, until the first trial of the multirate method 30 steps
 * later; from t = 0 it took 0.89–0.92× the evaluations (0.88–1.0× the time) at n = 200 … 1000
 * (pair stiffness 174 … 993: n = 1000 sat just under the switch). Smooth data (n = 12, δ = 0.05,
 * stiffness 11) took 199 evaluations that way against Dormand–Prince's 188, so it keeps that.
 */
function startsMultirate(
  system: ParticleSystem,
  pos0: Float64Array,
  pairStiffness: number,
  probe: FastClusters,
): boolean {
  if (AutoSwitch.initial(pairStiffness) === 'stiff') return true;
  if (pairStiffness <= LAMBDA_SWITCH / 10 || pos0.length !== 2 * system.n) return false;
  if (AutoSwitch.initial(hessianUBound(system.field)) === 'stiff') return false;
  // a step short enough that the clustering limit is RATE itself (min(θ/H, RATE))
  probe.build(pos0, FastClusters.THETA / FastClusters.RATE);
  return probe.pairCount > 0;
}

/** The near pairs' stiffness bound at pos0 without D²U (nearPairJacobian.ts; 0 for a malformed pos0). */
function initialPairStiffness(system: ParticleSystem, pos0: Float64Array): number {
  if (pos0.length !== 2 * system.n) return 0; // the stepper reports the mismatch
  const pairsOnly: ParticleSystem = { ...system, field: { modes: [], force: system.field.force } };
  const jac = new NearPairJacobian(pairsOnly);
  jac.prepare(pos0, 0, 0, jac.radiusForRate(LAMBDA_SWITCH / 20));
  return jac.stiffness;
}

export class ParticleStepper extends StepLoop implements StepperInternals {
  energyEvaluations = 0;
  switches = 0;
  stiffness = 0;
  method: Exclude<MethodInUse, 'multirate'>;

  private readonly n: number;
  private readonly rtol: number;
  private readonly atol: number;
  protected readonly maxSteps: number;
  private readonly y: Float64Array;
  private f: Float64Array;
  private f1: Float64Array;
  private readonly y1: Float64Array;
  private readonly err: Float64Array;
  private readonly dp: DormandPrince;
  private readonly jac: NearPairJacobian;
  private readonly rw: RosenbrockW;
  private readonly energyTest: EnergyTest;
  private readonly controllers: Record<Exclude<MethodInUse, 'multirate'>, StepController>;
  protected readonly sizer: StepSizer;
  private readonly auto: AutoSwitch | null;
  /** Neighbour radius of the stiffness bound that 'auto' watches (0 without 'auto'). */
  private readonly autoRadius: number;
  /** Counts accepted states, so the Jacobian build is reused across retries of one step. */
  private version = 0;
  private extraEvaluations = 0;
  private En: number;
  /** The Lyapunov function at the current state (E_n, tilted when F ≠ 0). */
  private Et: number;

  constructor(
    private readonly system: ParticleSystem,
    pos0: Float64Array,
    opts: IntegratorOptions,
    readonly stiffTableau: WTableau,
    t0 = 0,
  ) {
    super();
    this.t = t0;
    const n = system.n;
    this.n = n;
    const len = 2 * n;
    if (pos0.length !== len)
      throw new RangeError(`integrator: expected ${len} coordinates, got ${pos0.length}`);
    const { rtol, atol } = opts;
    if (!(rtol >= 0 && atol >= 0 && rtol + atol > 0 && Number.isFinite(rtol + atol)))
      throw new RangeError(`integrator: need rtol, atol ≥ 0 (not both 0), got ${rtol}, ${atol}`);
    this.rtol = Math.max(rtol, MIN_TOLERANCE);
    this.atol = Math.max(atol, MIN_TOLERANCE);
    this.maxSteps = opts.maxSteps ?? 1e6;
    const hmax = opts.hmax ?? DEFAULT_HMAX;

    this.y = Float64Array.from(pos0);
    assertFinite(this.y, 0, 'initial position');
    this.f = new Float64Array(len);
    this.f1 = new Float64Array(len);
    this.y1 = new Float64Array(len);
    this.err = new Float64Array(len);
    this.dp = new DormandPrince(system);
    this.jac = new NearPairJacobian(system);
    this.rw = new RosenbrockW(system, this.jac, stiffTableau);
    this.energyTest = new EnergyTest(system);
    this.controllers = {
      explicit: new PiController(this.dp.order),
      stiff: new IController(1 / (Math.min(stiffTableau.order, stiffTableau.embeddedOrder) + 1)),
    };
    this.auto = opts.method === 'auto' ? new AutoSwitch() : null;
    this.autoRadius = this.auto ? this.jac.radiusForRate(LAMBDA_SWITCH / 20) : 0;

    this.evalF(this.y, this.f);
    assertFinite(this.f, 0, 'velocity');
    this.En = this.evalEnergy(this.y);
    if (!Number.isFinite(this.En)) throw new Error('integrator: non-finite energy at t = 0');
    this.Et = this.energyTest.lyapunov(this.En, this.y);

    if (opts.method === 'explicit') this.method = 'explicit';
    else if (opts.method === 'stiff') this.method = 'stiff';
    else this.method = AutoSwitch.initial(this.measureStiffness());

    const h0 =
      opts.h0 !== undefined
        ? Math.min(opts.h0, hmax)
        : initialStep({
            evaluate: (p, out) => this.evalF(p, out),
            y: this.y,
            f: this.f,
            stiffness: () => {
              this.jac.prepare(this.y, this.version, 0, this.jac.radiusForRate(LAMBDA_SWITCH / 20));
              if (this.stiffness === 0) this.stiffness = this.jac.stiffness;
              return this.jac.stiffness;
            },
            order: this.orderFor(this.method),
            explicit: this.method === 'explicit',
            rtol: this.rtol,
            atol: this.atol,
            hmax,
            minStep: MIN_RELATIVE_STEP,
            y1: this.y1,
            f1: this.f1,
          });
    this.sizer = new StepSizer(hmax, h0);
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

  /** The next step's size (before clipping at a target). */
  get proposal(): number {
    return this.sizer.next;
  }

  /** Work in units of velocity evaluations (the near-pair factorisations are ~1% of it). */
  get cost(): number {
    return this.evaluations;
  }

  get evaluations(): number {
    return this.extraEvaluations + this.dp.evaluations + this.rw.evaluations;
  }

  wrapped(out?: Float64Array): Float64Array {
    return wrapAll(this.y, out);
  }

  energy(): number {
    return this.En;
  }

  private evalF(pos: Float64Array, out: Float64Array): void {
    this.system.velocities(pos, out);
    this.extraEvaluations++;
  }

  private evalEnergy(pos: Float64Array): number {
    this.energyEvaluations++;
    return this.system.energy(pos);
  }

  private measureStiffness(): number {
    this.jac.prepare(this.y, this.version, 0, this.autoRadius);
    this.stiffness = this.jac.stiffness;
    return this.stiffness;
  }

  private orderFor(m: Exclude<MethodInUse, 'multirate'>): number {
    return m === 'explicit' ? this.dp.order : this.stiffTableau.embeddedOrder + 1;
  }

  /**
   * Tries one step of size h from the current state. On acceptance updates the state and returns
   * true; on rejection sets the next proposal and returns false. `force` accepts unconditionally
   * (fixed-step mode).
   */
  protected attempt(h: number, landing: number | null, force: boolean): boolean {
    const { y, y1, err, n } = this;
    const isExplicit = this.method === 'explicit';
    const ctl = this.controllers[this.method];
    let rho = 0;
    if (isExplicit) rho = this.dp.attempt(y, this.f, h, y1, this.f1, err);
    else this.rw.attempt(y, this.f, h, this.version, this.autoRadius, y1, err);
    assertFinite(y1, this.t + h, 'position');
    const en = errorNorm(err, y, y1, n, this.rtol, this.atol);
    if (!force && en > 1) {
      this.sizer.errorRejected(h, en, ctl);
      return false;
    }
    // E_n(y1) and, for the stiff method, f(y1) in one pass where the system can (fast sums)
    const both = !isExplicit && this.system.velocitiesAndEnergy !== undefined;
    let En1: number;
    if (isExplicit && !Number.isNaN(this.dp.energyAtY1)) {
      En1 = this.dp.energyAtY1;
      this.energyEvaluations++;
    } else if (both) {
      En1 = this.system.velocitiesAndEnergy!(y1, this.f1);
      this.energyEvaluations++;
      this.extraEvaluations++;
    } else En1 = this.evalEnergy(y1);
    if (!Number.isFinite(En1)) throw new Error(`integrator: non-finite energy at t = ${this.t + h}`);
    const Et1 = this.energyTest.lyapunov(En1, y1);
    if (!force && !this.energyTest.passes(this.Et, Et1, y1)) {
      this.sizer.rejectedByEnergy(h);
      return false;
    }
    if (isExplicit || both) {
      if (both) assertFinite(this.f1, this.t + h, 'velocity');
      const tmp = this.f;
      this.f = this.f1;
      this.f1 = tmp;
    } else {
      this.evalF(y1, this.f);
      assertFinite(this.f, this.t + h, 'velocity');
    }
    y.set(y1);
    this.version++;
    this.t = landing ?? this.t + h;
    this.En = En1;
    this.Et = Et1;
    this.sizer.accepted(h, en, ctl, landing !== null);
    if (this.auto) this.decideSwitch(this.auto, h, rho);
    return true;
  }

  /** Feeds the accepted step to the 'auto' rule and obeys it. */
  private decideSwitch(auto: AutoSwitch, h: number, rho: number): void {
    // explicit: the bound at the new state; stiff: the one at the start of the accepted step
    if (this.method === 'explicit') this.measureStiffness();
    else this.stiffness = this.jac.stiffness;
    const next = auto.next(this.method, h, rho, this.stiffness, this.sizer.proposal);
    if (next === this.method) return;
    this.method = next;
    this.switches++;
    if (next === 'explicit') {
      this.controllers.explicit.reset();
      this.sizer.enterExplicit(this.stiffness);
    }
  }
}
