/**
 * Time integration of the particle dynamics of MATH §3.
 *
 * - explicit: Dormand–Prince 5(4) with FSAL and a PI step-size controller (dormandPrince.ts).
 * - stiff: a linearly implicit Rosenbrock-W method (ROS2 by default, rosenbrockW.ts) whose matrix
 *   treats the near pairs implicitly through small dense solves per cluster
 *   (nearPairJacobian.ts, nearPairs.ts, clusters.ts): steps follow the slow dynamics, not the
 *   dipole time n·δ².
 * - both: per-particle error control (errorNorm.ts) and an energy acceptance test — a step is
 *   accepted only if E_n (tilted by −(1/n)Σ b_i F·x_i when F ≠ 0) does not increase beyond
 *   round-off, so energy monotonicity is a property of the method.
 * - multirate: near pairs clustered and sub-stepped on their own time scale, the rest of the
 *   field an Adams polynomial over the macro step (multirate.ts, fastClusters.ts).
 * - 'auto': the explicit/stiff stepper (explicit ↔ stiff by the rule of autoSwitch.ts) or the
 *   multirate method, chosen by counted cost during the run (autoStepper.ts); multirate from
 *   t = 0 when near pairs are stiff there (stepper.ts).
 */
export { DormandPrince } from './dormandPrince';
export { integrate, integrateWith } from './integrate';
export { NearPairJacobian } from './nearPairJacobian';
export { NearPairs } from './nearPairs';
export { ROS2, ROS34PW2, RosenbrockW, type WTableau } from './rosenbrockW';
export { createStepper, LAMBDA_SWITCH, type StepperInternals } from './stepper';
export {
  DEFAULT_HMAX,
  DEFAULT_TOLERANCES,
  type IntegrateResult,
  type IntegratorOptions,
  type MethodChoice,
  type MethodInUse,
  type Stepper,
} from './types';
