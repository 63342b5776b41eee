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
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const ex = err[2 * i];
    const ey = err[2 * i + 1];
    const e = Math.sqrt(ex * ex + ey * ey);
    if (e === 0) continue;
    const dx = yNew[2 * i] - yOld[2 * i];
    const dy = yNew[2 * i + 1] - yOld[2 * i + 1];
    const sc = atol + rtol * Math.sqrt(dx * dx + dy * dy);
    const r = e / sc;
    if (r > worst) worst = r;
  }
  return worst;
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
