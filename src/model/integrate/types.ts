/** Public vocabulary of the time integrators (see index.ts for the overview). */

export type MethodChoice = 'auto' | 'explicit' | 'stiff' | 'multirate';
/** 'auto' switches between all three (stepper.ts, autoStepper.ts). */
export type MethodInUse = 'explicit' | 'stiff' | 'multirate';

export interface IntegratorOptions {
  /** 'auto' switches between the two by the rule documented in stepper.ts; the others force one. */
  method: MethodChoice;
  /**
   * Local error per step and particle ≤ atol + rtol·|displacement of that particle in the step|
   * (positions on the unit torus have no natural magnitude, so "relative" means relative to the
   * distance travelled, which keeps the control translation invariant).
   */
  rtol: number;
  atol: number;
  /** Attempted steps (accepted + rejected) allowed per advanceTo()/integrate() call; default 1e6. */
  maxSteps?: number;
  /** First trial step size (default: estimated from the initial velocities). */
  h0?: number;
  /** Largest step size (default DEFAULT_HMAX). */
  hmax?: number;
}

/**
 * The default cap on a step. Steps are error-controlled; the cap only bites near rest (bound
 * dipoles, a relaxed configuration), where it keeps a few steps per unit time (T ≈ 1 is the
 * natural horizon) so that a slow escape from rest is not stepped over. At 0.1 the
 * counterexample (n = 1000, δ = 1e-7, T = 1) took 10 steps and 21 evaluations; at 0.25 it takes
 * 4 and 9 and lands 2.5e-10 from a tight run (0.1: 7.7e-11; atol 1e-9); 0.5 and 1 take fewer
 * steps, but their first cluster build (every pair stiff on a step of 1) costs more than they save.
 */
export const DEFAULT_HMAX = 0.25;

export const DEFAULT_TOLERANCES = { rtol: 1e-6, atol: 1e-9 } as const;

export interface Stepper {
  readonly t: number;
  /** Unwrapped positions (any reals, the dynamics is periodic): live view, do not mutate. */
  readonly unwrapped: Float64Array;
  /** Positions wrapped to [0,1)², into out (allocated when omitted). */
  wrapped(out?: Float64Array): Float64Array;
  /** Integrates to exactly t (the last step is clipped so that it lands on t). */
  advanceTo(t: number): void;
  /** One accepted step (retrying rejected attempts); returns its size. */
  step(): number;
  /** One accepted step that does not go beyond tEnd (lands exactly on it when it reaches it). */
  stepToward(tEnd: number): number;
  readonly steps: number;
  readonly rejected: number;
  /** Velocity evaluations so far (system.velocities calls), for benchmarks. */
  readonly evaluations: number;
  /** Energy evaluations so far (system.energy calls). */
  readonly energyEvaluations: number;
  /** Method switches made by 'auto' so far. */
  readonly switches: number;
  readonly method: MethodInUse;
  /** E_n at the current state (MATH §3; F does not enter). */
  energy(): number;
}

export interface IntegrateResult {
  /** Positions wrapped to [0,1)² at T. */
  pos: Float64Array;
  unwrapped: Float64Array;
  steps: number;
  rejected: number;
  /** (t, E_n) at every accepted step, t = 0 included. */
  energy: Array<[number, number]>;
}
