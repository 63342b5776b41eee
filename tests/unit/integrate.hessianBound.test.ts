/**
 * The bound ‖D²V_δ(d)‖ ≤ C/|d|² + C0 (nearPairJacobian.ts hessianNormBound) that sizes the stiff
 * neighbour search and, since the cluster sub-steps' choice of method (clusterSolver.ts
 * clusterRate) rests on it, decides when a cluster may take explicit sub-steps: checked on the
 * kernels themselves at log-uniform distances δ/10 … ½ in all directions, every core, both
 * geometries, δ from 1e-9 (the log kernel's scale invariance makes |d|²‖D²V_δ‖ a function of
 * |d|/δ; the periodic part adds a bounded Hessian).
 */
import { describe, expect, it } from 'vitest';
import { hessianNormBound } from '../../src/model/integrate/nearPairJacobian';
import { makeKernel } from '../../src/model/kernels';
import type { CoreModel, Geometry } from '../../src/model/types';
import { rng } from './testRng';

const CASES: [Geometry, CoreModel, number][] = [];
for (const geometry of ['isotropic', 'slip'] as const)
  for (const core of ['gaussian', 'plummer', 'poisson', 'ring'] as const)
    for (const delta of core === 'gaussian' ? [1e-9, 1e-3, 1e-2] : [1e-7, 1e-2])
      CASES.push([geometry, core, delta]);

describe('hessianNormBound', () => {
  it.each(CASES)('%s %s δ = %s: ‖D²V_δ(d)‖ ≤ C/|d|² + C0', (geometry, core, delta) => {
    const k = makeKernel({ geometry, core, delta });
    const r = rng(17);
    const h = new Float64Array(3);
    let worst = 0;
    for (let t = 0; t < 3000; t++) {
      const rad = Math.exp(Math.log(delta / 10) + r() * (Math.log(0.5) - Math.log(delta / 10)));
      const th = r() * 2 * Math.PI;
      const x = rad * Math.cos(th);
      const y = rad * Math.sin(th);
      k.hessian(x, y, h, 0);
      const norm = Math.abs(0.5 * (h[0] + h[2])) + Math.hypot(0.5 * (h[0] - h[2]), h[1]);
      worst = Math.max(worst, norm / hessianNormBound(geometry, x * x + y * y));
    }
    expect(worst).toBeLessThanOrEqual(1);
    // and not vacuous: the bound is within a factor 1.5 of the kernel somewhere
    expect(worst).toBeGreaterThan(0.66);
  });
});
