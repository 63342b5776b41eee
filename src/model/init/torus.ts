/**
 * Wraps a coordinate to [0, 1). x − floor(x) can round up to exactly 1 for tiny negative x
 * (e.g. −1e-17), which would leave the unit cell; that case maps to 0, a move of < 1 ulp.
 */
export function wrap01(x: number): number {
  const y = x - Math.floor(x);
  return y < 1 ? y : 0;
}

/** Every coordinate of y wrapped by wrap01, into out (allocated when absent). */
export function wrapAll(y: Float64Array, out?: Float64Array): Float64Array {
  const o = out ?? new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) o[i] = wrap01(y[i]);
  return o;
}

/** Minimum-image difference a − b on the unit circle, in [−½, ½]. */
export function minImage(d: number): number {
  return d - Math.round(d);
}
