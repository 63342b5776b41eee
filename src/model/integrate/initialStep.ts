import { assertFinite } from './errorNorm';

export interface InitialStepInput {
  /** The velocity field (counted by the caller). */
  evaluate(pos: Float64Array, out: Float64Array): void;
  y: Float64Array;
  /** f(y). */
  f: Float64Array;
  /** Stiffness bound λ at y (0: none); asked only when some particle moves. */
  stiffness(): number;
  /** Order of the method that takes the step (its error is ~h^order). */
  order: number;
  /** Whether that method is explicit (then h stays inside its stability interval). */
  explicit: boolean;
  rtol: number;
  atol: number;
  hmax: number;
  /** Floor of the result (the stepper's underflow limit at t = 0). */
  minStep: number;
  /** Scratch of length 2n (overwritten). */
  y1: Float64Array;
  f1: Float64Array;
}

/**
 * Initial step: Hairer–Wanner's starting-step heuristic (an Euler probe for the second
 * derivative, atol scale), with the probe and the step kept below the stiffness time 1/λ where
 * the stiff transient is larger than atol (it must then be resolved by either method) and,
 * for the explicit method, inside its stability interval. Costs one velocity evaluation.
 */
export function initialStep(p: InitialStepInput): number {
  const { y, f, y1, f1, hmax, minStep } = p;
  const n = y.length >> 1;
  const len = 2 * n;
  let vmax = 0;
  for (let i = 0; i < n; i++) vmax = Math.max(vmax, Math.hypot(f[2 * i], f[2 * i + 1]));
  if (vmax === 0) return hmax;
  const lam = p.stiffness();
  const scale = p.atol > 0 ? p.atol : p.rtol;
  const h0 = Math.min(hmax, 0.01 / vmax, lam > 0 ? 0.5 / lam : Number.POSITIVE_INFINITY);
  for (let i = 0; i < len; i++) y1[i] = y[i] + h0 * f[i];
  p.evaluate(y1, f1);
  assertFinite(f1, h0, 'velocity (initial step probe)');
  let acc = 0;
  for (let i = 0; i < n; i++)
    acc = Math.max(acc, Math.hypot(f1[2 * i] - f[2 * i], f1[2 * i + 1] - f[2 * i + 1]) / h0);
  const d = Math.max(vmax, acc) / scale;
  let h = Math.min(100 * h0, (0.01 / d) ** (1 / p.order), hmax);
  if (lam > 0) {
    if (p.explicit) h = Math.min(h, 2 / lam);
    else if (vmax / lam > scale) h = Math.min(h, 1 / lam);
  }
  return Math.max(h, minStep);
}
