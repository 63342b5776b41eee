import type { ExternalField } from './types';

const TWO_PI = 2 * Math.PI;

/** U(x) = Σ a cos(2π(p x + q y) − φ). The force F is not part of U (it has no periodic potential). */
export function potentialU(field: ExternalField, x: number, y: number): number {
  let u = 0;
  const modes = field.modes;
  // indexed loops, not for…of: these run per particle and per stage, often still cold (iterator objects)
  for (let k = 0; k < modes.length; k++) {
    const m = modes[k];
    u += m.a * Math.cos(TWO_PI * (m.p * x + m.q * y) - m.phi);
  }
  return u;
}

/** ∇U at (x, y), written to out[o], out[o+1]. */
export function gradU(field: ExternalField, x: number, y: number, out: Float64Array, o = 0): void {
  out[o] = x;
  out[o + 1] = y;
  gradUAt(field, out, o);
}

/**
 * ∇U at the point (out[o], out[o+1]), written over it. The point comes in the array: called where
 * V8 does not inline it (the cluster sub-steps, per member and stage), two numbers as arguments
 * are two heap allocations.
 */
export function gradUAt(field: ExternalField, out: Float64Array, o: number): void {
  const x = out[o];
  const y = out[o + 1];
  let gx = 0;
  let gy = 0;
  const modes = field.modes;
  for (let k = 0; k < modes.length; k++) {
    const m = modes[k];
    const s = -m.a * TWO_PI * Math.sin(TWO_PI * (m.p * x + m.q * y) - m.phi);
    gx += s * m.p;
    gy += s * m.q;
  }
  out[o] = gx;
  out[o + 1] = gy;
}

/** D²U at (x, y) as [Uxx, Uxy, Uyy] written to out[o..o+2]. */
export function hessianU(field: ExternalField, x: number, y: number, out: Float64Array, o = 0): void {
  out[o] = x;
  out[o + 1] = y;
  hessianUAt(field, out, o);
}

/** D²U at the point (out[o], out[o+1]) as [Uxx, Uxy, Uyy] written to out[o..o+2] (see gradUAt). */
export function hessianUAt(field: ExternalField, out: Float64Array, o: number): void {
  const x = out[o];
  const y = out[o + 1];
  let xx = 0;
  let xy = 0;
  let yy = 0;
  const modes = field.modes;
  for (let k = 0; k < modes.length; k++) {
    const m = modes[k];
    const c = -m.a * TWO_PI * TWO_PI * Math.cos(TWO_PI * (m.p * x + m.q * y) - m.phi);
    xx += c * m.p * m.p;
    xy += c * m.p * m.q;
    yy += c * m.q * m.q;
  }
  out[o] = xx;
  out[o + 1] = xy;
  out[o + 2] = yy;
}

/** A bound of ‖D²U‖ anywhere: Σ_j |a_j|·4π²|k_j|². */
export function hessianUBound(field: ExternalField): number {
  let r = 0;
  for (const m of field.modes) r += Math.abs(m.a) * TWO_PI * TWO_PI * (m.p * m.p + m.q * m.q);
  return r;
}

/** True when U ≡ 0 and F = 0 (no external loading at all). */
export function isUnloaded(field: ExternalField): boolean {
  return field.force[0] === 0 && field.force[1] === 0 && field.modes.every((m) => m.a === 0);
}
