import { CheckpointClock } from '../checkpoints';
import type { ParticleSystem } from '../dynamics/particleSystem';
import { createStepper } from './stepper';
import type { IntegrateResult, IntegratorOptions, Stepper } from './types';

/**
 * Integrates from t = 0 to exactly T. Records (t, E_n) at t = 0 and after every accepted step,
 * and passes the same pairs to onStep. Throws (with a message) on a non-finite state, a step
 * size underflow, or more than opts.maxSteps attempted steps.
 */
export function integrate(
  system: ParticleSystem,
  pos0: Float64Array,
  T: number,
  opts: IntegratorOptions,
  onStep?: (t: number, E: number) => void,
  /** Also end steps exactly at every k·stopEvery, computed as the app's checkpoint clock does. */
  stopEvery?: number,
): IntegrateResult {
  if (!(T >= 0 && Number.isFinite(T))) throw new RangeError(`integrate: T must be finite and ≥ 0, got ${T}`);
  return integrateWith(createStepper(system, pos0, opts), T, opts.maxSteps, onStep, stopEvery);
}

/** integrate() with a given stepper (at t = 0): the same recording, steps and stops. */
export function integrateWith(
  s: Stepper,
  T: number,
  maxSteps = 1e6,
  onStep?: (t: number, E: number) => void,
  stopEvery?: number,
): IntegrateResult {
  if (!(T >= 0 && Number.isFinite(T))) throw new RangeError(`integrate: T must be finite and ≥ 0, got ${T}`);
  const energy: Array<[number, number]> = [[0, s.energy()]];
  onStep?.(0, s.energy());
  const attempts0 = s.steps + s.rejected;
  const stepOnce = (tEnd: number) => {
    if (s.steps + s.rejected - attempts0 >= maxSteps)
      throw new Error(`integrator: maxSteps (${maxSteps}) exceeded at t = ${s.t} (method ${s.method})`);
    s.stepToward(tEnd);
    energy.push([s.t, s.energy()]);
    onStep?.(s.t, s.energy());
  };
  if (stopEvery) {
    // the app's own clock, plus a stop at T where T is off its grid (on it up to rounding: its k·h)
    const atT = (tc: number) => (Math.abs(tc - T) <= 1e-12 * Math.max(1, T) ? tc : Math.min(tc, T));
    const sim = {
      get t() {
        return s.t;
      },
      stepToward: (tc: number) => stepOnce(atT(tc)),
    };
    new CheckpointClock(stopEvery).run(sim, T, Number.POSITIVE_INFINITY, () => {});
  } else while (s.t < T) stepOnce(T);
  return {
    pos: s.wrapped(),
    unwrapped: Float64Array.from(s.unwrapped),
    steps: s.steps,
    rejected: s.rejected,
    energy,
  };
}
