import type { WTableau } from './rosenbrockW';
import type { StepperInternals } from './stepper';
import type { MethodInUse } from './types';

/** An engine the 'auto' stepper can run: a stepper that reports its work and next step size. */
export interface CountedStepper extends StepperInternals {
  /** Work so far in units of velocity evaluations. */
  readonly cost: number;
  /** Size of the next step before clipping at a target. */
  readonly proposal: number;
}

/** The two engine families 'auto' chooses between. */
export type Family = 'particle' | 'multirate';

/** Makes an engine of a family at state (pos, t) with first step h0 (undefined: its own guess). */
export type EngineFactory = (
  family: Family,
  pos: Float64Array,
  t: number,
  h0: number | undefined,
) => CountedStepper;

/**
 * 'auto' between the two engine families by counted cost during the run: the explicit/stiff
 * stepper (stepper.ts, itself switching by autoSwitch.ts) and the multirate method
 * (multirate.ts). Generic data forms near pairs during the run, so the choice made at t = 0 goes
 * stale; instead the engine in use is measured, in velocity evaluations (plus the clusters'
 * sub-step work) per unit of time over its last WINDOW accepted steps, and from time to time
 * the other family is tried from the current state:
 * - a trial of the multirate method starts only when it has something to do (`hasFastPairs`:
 *   near pairs fast on the current step), a trial of the particle stepper only when it has not
 *   (with fast pairs every trial of it failed on the stepper bench rows: i.i.d. n = 1000 and
 *   4000 with δ = 1/n, slip N = 256 and 1024, at 80–200 evaluations each);
 * - a trial runs WARMUP + WINDOW accepted steps (the Adams start-up at low order is not
 *   counted) and is kept when its cost rate is below KEEP × that of the engine it replaced;
 *   otherwise that engine is restarted from the trial's end state; a trial that has spent
 *   ABORT_RATIO × the old engine's rate over its time so far ends early (the W-method on slip
 *   data with δ = 1e-7 needs ~20× the evaluations of the multirate method);
 * - after a failed trial the next one waits twice as many steps (BACKOFF_MIN … BACKOFF_MAX),
 *   after a kept one BACKOFF_MIN.
 * Everything is counted, not timed, so a run is reproducible.
 */
const WINDOW = 12;
const WARMUP = 6;
const KEEP = 0.9;
const BACKOFF_MIN = 30;
const BACKOFF_MAX = 3000;
/**
 * A trial that after ABORT_AFTER steps has spent ABORT_RATIO × what the old engine would have, ends.
 * Not before its start-up is over: the multirate method opens at Adams order 1, rejects the old
 * engine's step size and climbs back from a step ~25× smaller. On i.i.d. data with δ = 1/n
 * (n = 1000, U = cos 2πx₁) a check after 4 steps judged that ramp and sent a method 2.5× cheaper
 * per unit time back to Dormand–Prince for another 5·10⁻³ of the run (2210 → 1912 evaluations).
 */
const ABORT_AFTER = WARMUP + 4;
const ABORT_RATIO = 3;

export class AutoStepper implements StepperInternals {
  private inner: CountedStepper;
  /** The live view `unwrapped`: one array for the whole run, whichever engine is in use. */
  private readonly y: Float64Array;
  private family: Family;
  /** Counters of retired engines. */
  private doneSteps = 0;
  private doneRejected = 0;
  private doneEvaluations = 0;
  private doneEnergyEvaluations = 0;
  private doneEnergyRejected = 0;
  private doneSwitches = 0;
  private familySwitches = 0;
  /** (t, cost) after each of the last WINDOW + 1 accepted steps of the current engine. */
  private readonly ringT = new Float64Array(WINDOW + 1);
  private readonly ringC = new Float64Array(WINDOW + 1);
  private stepsInEngine = 0;
  /** Time and cost when the current engine started. */
  private ringT0 = 0;
  private ringC0 = 0;
  private backoff = BACKOFF_MIN;
  /** Accepted steps until the next trial may start. */
  private wait = BACKOFF_MIN;
  /** During a trial: the cost rate of the engine it replaced (0: no trial running). */
  private trialAgainst = 0;
  private trialFrom: Family = 'particle';

  constructor(
    private readonly make: EngineFactory,
    private readonly hasFastPairs: (pos: Float64Array, h: number) => boolean,
    first: Family,
    pos0: Float64Array,
    private readonly maxSteps: number,
  ) {
    this.family = first;
    this.inner = make(first, pos0, 0, undefined);
    this.y = Float64Array.from(this.inner.unwrapped);
    this.markStart();
  }

  get t(): number {
    return this.inner.t;
  }
  get unwrapped(): Float64Array {
    return this.y;
  }
  get method(): MethodInUse {
    return this.inner.method;
  }
  get steps(): number {
    return this.doneSteps + this.inner.steps;
  }
  get rejected(): number {
    return this.doneRejected + this.inner.rejected;
  }
  get evaluations(): number {
    return this.doneEvaluations + this.inner.evaluations;
  }
  get energyEvaluations(): number {
    return this.doneEnergyEvaluations + this.inner.energyEvaluations;
  }
  get energyRejected(): number {
    return this.doneEnergyRejected + this.inner.energyRejected;
  }
  /** Method switches: inside the particle stepper plus the changes of family. */
  get switches(): number {
    return this.doneSwitches + this.inner.switches + this.familySwitches;
  }
  get stiffness(): number {
    return this.inner.stiffness;
  }
  get stiffTableau(): WTableau {
    return this.inner.stiffTableau;
  }

  wrapped(out?: Float64Array): Float64Array {
    return this.inner.wrapped(out);
  }
  energy(): number {
    return this.inner.energy();
  }
  forceStep(h: number): void {
    this.inner.forceStep(h);
    this.y.set(this.inner.unwrapped);
  }

  advanceTo(target: number): void {
    if (!(target >= this.t))
      throw new RangeError(`integrator: cannot advance from t = ${this.t} back to ${target}`);
    const attempts = this.steps + this.rejected;
    while (this.t < target) {
      this.inner.stepToward(target);
      this.afterStep();
      if (this.steps + this.rejected - attempts > this.maxSteps)
        throw new Error(
          `integrator: maxSteps (${this.maxSteps}) exceeded at t = ${this.t} (method ${this.method})`,
        );
    }
  }

  step(): number {
    const h = this.inner.step();
    this.afterStep();
    return h;
  }

  stepToward(tEnd: number): number {
    if (!(tEnd > this.t)) return 0;
    const h = this.inner.stepToward(tEnd);
    this.afterStep();
    return h;
  }

  private markStart(): void {
    this.stepsInEngine = 0;
    this.ringT[0] = this.ringT0 = this.inner.t;
    this.ringC[0] = this.ringC0 = this.inner.cost;
  }

  /** Cost per unit time over the last WINDOW accepted steps (Infinity if time did not move). */
  private rate(): number {
    const k = this.stepsInEngine % (WINDOW + 1);
    const j = (k + 1) % (WINDOW + 1); // the oldest entry
    const dt = this.ringT[k] - this.ringT[j];
    return dt > 0 ? (this.ringC[k] - this.ringC[j]) / dt : Number.POSITIVE_INFINITY;
  }

  private afterStep(): void {
    this.y.set(this.inner.unwrapped);
    this.stepsInEngine++;
    const k = this.stepsInEngine % (WINDOW + 1);
    this.ringT[k] = this.inner.t;
    this.ringC[k] = this.inner.cost;
    if (this.trialAgainst > 0) {
      const spent = this.inner.cost - this.ringC0;
      const elapsed = this.inner.t - this.ringT0;
      const hopeless = this.stepsInEngine >= ABORT_AFTER && spent > ABORT_RATIO * this.trialAgainst * elapsed;
      if (!hopeless && this.stepsInEngine < WARMUP + WINDOW) return;
      const kept = !hopeless && this.rate() < KEEP * this.trialAgainst;
      this.trialAgainst = 0;
      if (kept) this.backoff = BACKOFF_MIN;
      else {
        this.backoff = Math.min(BACKOFF_MAX, 2 * this.backoff);
        this.switchTo(this.trialFrom);
      }
      this.wait = this.backoff;
      return;
    }
    if (--this.wait > 0 || this.stepsInEngine < WINDOW) return;
    const other: Family = this.family === 'particle' ? 'multirate' : 'particle';
    if ((other === 'multirate') !== this.hasFastPairs(this.inner.unwrapped, this.inner.proposal)) {
      this.wait = this.backoff; // look again later
      return;
    }
    const against = this.rate();
    if (!Number.isFinite(against)) return;
    this.trialFrom = this.family;
    this.switchTo(other);
    this.trialAgainst = against;
  }

  private switchTo(family: Family): void {
    const old = this.inner;
    this.doneSteps += old.steps;
    this.doneRejected += old.rejected;
    this.doneEvaluations += old.evaluations;
    this.doneEnergyEvaluations += old.energyEvaluations;
    this.doneEnergyRejected += old.energyRejected;
    this.doneSwitches += old.switches;
    this.familySwitches++;
    this.inner = this.make(family, Float64Array.from(old.unwrapped), old.t, old.proposal);
    this.family = family;
    this.markStart();
  }
}
