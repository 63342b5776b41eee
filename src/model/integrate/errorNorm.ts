/**
 * Error measure shared by both integrators: the largest, over particles, of the Euclidean norm of
 * the particle's local error estimate divided by atol + rtol·|its displacement in the step|.
 * Per-particle Euclidean norms keep the control invariant under rotations and reflections; scaling
 * by the displacement (not the coordinate value) keeps it invariant under translations of the torus.
 */
export function errorNorm(
  err: Float64Array,
  yOld: Float64Array,
  yNew: Float64Array,
  n: number,
  rtol: number,
  atol: number,
): number {
  const i = limitingParticle(err, yOld, yNew, n, rtol, atol);
  return i < 0 ? 0 : particleError(err, yOld, yNew, i, rtol, atol);
}

/** The particle whose ratio errorNorm returns (the first of equals; −1 when every error is 0). */
export function limitingParticle(
  err: Float64Array,
  yOld: Float64Array,
  yNew: Float64Array,
  n: number,
  rtol: number,
  atol: number,
): number {
  let worst = 0;
  let at = -1;
  for (let i = 0; i < n; i++) {
    const r = particleError(err, yOld, yNew, i, rtol, atol);
    if (r > worst) {
      worst = r;
      at = i;
    }
  }
  return at;
}

function particleError(
  err: Float64Array,
  yOld: Float64Array,
  yNew: Float64Array,
  i: number,
  rtol: number,
  atol: number,
): number {
  const ex = err[2 * i];
  const ey = err[2 * i + 1];
  const e = Math.sqrt(ex * ex + ey * ey);
  if (e === 0) return 0;
  const dx = yNew[2 * i] - yOld[2 * i];
  const dy = yNew[2 * i + 1] - yOld[2 * i + 1];
  return e / (atol + rtol * Math.sqrt(dx * dx + dy * dy));
}

/** Throws when any entry is not finite: the callers pause the run on this error. */
export function assertFinite(y: Float64Array, t: number, what: string): void {
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) {
      throw new Error(
        `integrator: non-finite ${what} at t = ${t} (particle ${i >> 1}, component ${i & 1}); the run cannot continue`,
      );
    }
  }
}
