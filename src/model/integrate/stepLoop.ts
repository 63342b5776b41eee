import type { StepSizer } from './stepControl';
import type { MethodInUse } from './types';

/**
 * The step loop both single-state steppers share (stepper.ts's ParticleStepper and multirate.ts's
 * MultirateStepper): advanceTo / step / stepToward run attempts of the sizer's trial step, at most
 * maxSteps per call, until one is accepted; the subclass supplies the attempt itself.
 */
export abstract class StepLoop {
  t = 0;
  abstract readonly method: MethodInUse;
  protected abstract readonly sizer: StepSizer;
  protected abstract readonly maxSteps: number;
  /** Attempts left in the current advanceTo/step call (maxSteps each). */
  private budget = 0;

  /**
   * Tries one step of size h from the current state. On acceptance updates the state and returns
   * true; on rejection sets the next proposal and returns false. `force` accepts unconditionally
   * (fixed-step mode); `landing` is the time the step ends at when it was clipped to a target.
   */
  protected abstract attempt(h: number, landing: number | null, force: boolean): boolean;

  advanceTo(target: number): void {
    if (!(target >= this.t))
      throw new RangeError(`integrator: cannot advance from t = ${this.t} back to ${target}`);
    this.budget = this.maxSteps;
    while (this.t < target) this.stepUpTo(target);
  }

  step(): number {
    this.budget = this.maxSteps;
    return this.stepUpTo(Number.POSITIVE_INFINITY);
  }

  stepToward(tEnd: number): number {
    if (!(tEnd > this.t)) return 0;
    this.budget = this.maxSteps;
    return this.stepUpTo(tEnd);
  }

  forceStep(h: number): void {
    this.attempt(h, null, true);
  }

  /** One accepted step that ends at tEnd at the latest (retrying rejected attempts). */
  private stepUpTo(tEnd: number): number {
    for (;;) {
      if (this.budget-- <= 0)
        throw new Error(
          `integrator: maxSteps (${this.maxSteps}) exceeded at t = ${this.t} (method ${this.method})`,
        );
      const t = this.t;
      if (this.sizer.underflows(t))
        throw new Error(
          `integrator: step size underflow (h = ${this.sizer.next.toPrecision(3)}) at t = ${t} (method ${this.method}): the dynamics is faster than the method can follow here`,
        );
      const h = this.sizer.trial(t, tEnd);
      if (this.attempt(h, this.sizer.lands ? tEnd : null, false)) return this.t - t;
    }
  }
}
