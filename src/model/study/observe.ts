/**
 * A stepper or PDE solver seen through a proxy that reports every step's time (for progress and
 * wall-clock limits) and takes exactly the steps the bare object takes.
 */
import type { Stepper } from '../integrate';
import type { PdeSolver } from '../pde/solver';

/** `target` seen through a proxy that answers `overrides` itself (methods get the proxy as `this`). */
function overriding<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get: (t, key, receiver) =>
      Object.hasOwn(overrides, key) ? overrides[key as keyof T] : Reflect.get(t, key, receiver),
  });
}

/**
 * The stepper with every step reported to `at`. advanceTo steps through stepToward (the same
 * steps: the stepper's advanceTo is that loop) so that each step is seen.
 */
export function observedStepper(s: Stepper, at: (t: number) => void): Stepper {
  return overriding(s, {
    advanceTo(t: number) {
      if (!(t >= s.t)) throw new RangeError(`integrator: cannot advance from t = ${s.t} back to ${t}`);
      while (s.t < t) {
        s.stepToward(t);
        at(s.t);
      }
    },
    step() {
      const h = s.step();
      at(s.t);
      return h;
    },
    stepToward(tEnd: number) {
      const h = s.stepToward(tEnd);
      at(s.t);
      return h;
    },
  });
}

/**
 * The PDE solver with every step reported to `at`: its own advanceTo calls this.step, and `this`
 * is the proxy, so each step of advanceTo is seen too.
 */
export function observedPde(pde: PdeSolver, at: (t: number) => void): PdeSolver {
  return overriding(pde, {
    step(maxDt?: number) {
      const dt = pde.step(maxDt);
      at(pde.t);
      return dt;
    },
  });
}

/** Throws unless the PDE has reached t (its advanceTo stops silently when no step is possible). */
export function assertPdeReached(pde: PdeSolver, t: number): void {
  if (!(pde.t >= t - 1e-12 * Math.max(1, t)))
    throw new Error(`pde: no progress at t = ${pde.t} (last step ${pde.lastDt}; is the state still finite?)`);
}
