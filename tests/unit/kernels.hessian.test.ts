/**
 * D²V_δ of the production kernel against central differences of its own gradient (the gradient
 * is checked against direct Fourier sums in kernels.test.ts): the isotropic Hessian is in closed
 * form plus the derivative of the remainder's stencil, the slip one by differences; both must be
 * the derivative of ∇V_δ, at the core (r < δ), around it, in the bulk and near the cell's edges,
 * from δ = 1e-12 up. Tolerance: the derivative of the remainder's cubic stencil jumps by ~h³
 * (≈2e-7 of the Hessian's scale) across table nodes (y = 0.25 is one), where differences
 * average the two sides (elsewhere the two agree to ~1e-10); slip's own differences (step 1e-4
 * of the local length) are good to ~1e-7. And λ_δ = sup ‖D²V_δ‖ must be the isotropic closed form's 1/(2δ²)·(core
 * factor) to the remainder's O(1) for small δ.
 */
import { describe, expect, it } from 'vitest';
import { makeKernel } from '../../src/model/kernels';
import { remainderGradient } from '../../src/model/kernels/pairSums';
import type { PeriodicKernel } from '../../src/model/kernels/periodicKernel';
import { CORE_MODELS, GEOMETRIES } from '../../src/model/types';

const g = new Float64Array(2);

/** Central differences of the gradient, step ~1e-5 of the local length (error ~1e-10). */
function differenced(k: ReturnType<typeof makeKernel>, x: number, y: number): number[] {
  const eta = 1e-5 * Math.max(Math.hypot(x, y), k.spec.delta);
  k.gradient(x + eta, y, g, 0);
  const [a0, a1] = g;
  k.gradient(x - eta, y, g, 0);
  const xx = (a0 - g[0]) / (2 * eta);
  const xy = (a1 - g[1]) / (2 * eta);
  k.gradient(x, y + eta, g, 0);
  const [b0, b1] = g;
  k.gradient(x, y - eta, g, 0);
  const yx = (b0 - g[0]) / (2 * eta);
  const yy = (b1 - g[1]) / (2 * eta);
  return [xx, 0.5 * (xy + yx), yy];
}

describe.each(GEOMETRIES)('%s kernel Hessian', (geometry) => {
  for (const core of CORE_MODELS)
    for (const delta of [1e-12, 1e-7, 1e-3, 0.05]) {
      const tol = geometry === 'isotropic' ? 5e-7 : 3e-7;
      it(`${core} δ=${delta}: the derivative of the gradient (≤ ${tol} relative)`, () => {
        const k = makeKernel({ geometry, core, delta });
        const h = new Float64Array(3);
        const points = [
          [0.3 * delta, 0.2 * delta],
          [3 * delta, -delta],
          [-7 * delta, 5 * delta],
          [-0.35, 0.25],
          [1e-3, 2e-3],
          [0.1, 0.05],
          [0.49, -0.3],
          [-0.2, 0.4999],
          [1.3, -2.1], // any reals: reduced to the minimum image
        ];
        for (const [x, y] of points) {
          k.hessian(x, y, h, 0);
          const d = differenced(k, x, y);
          const scale = Math.max(1, ...d.map(Math.abs));
          for (let c = 0; c < 3; c++) expect(Math.abs(h[c] - d[c]) / scale).toBeLessThan(tol);
        }
      });
    }
});

describe('λ_δ for small δ', () => {
  it('gaussian isotropic: 1/(2δ²) up to the O(1) remainder', () => {
    for (const delta of [1e-12, 1e-9, 1e-6]) {
      const k = makeKernel({ geometry: 'isotropic', core: 'gaussian', delta });
      const bare = 1 / (2 * delta * delta);
      expect(Math.abs(k.lambda - bare) / bare).toBeLessThan(1e-10);
    }
  });
});

describe('close pairs of the isotropic gaussian kernel (|d| < 1e-5: ∇R = πd)', () => {
  it('match the remainder tables (built from the exact Ewald sums) to 1e-14 absolute, for δ = 1e-12 … 0.05', () => {
    const out = new Float64Array(2);
    for (const delta of [1e-12, 1e-9, 1e-6, 0.05]) {
      const k = makeKernel({ geometry: 'isotropic', core: 'gaussian', delta }) as PeriodicKernel;
      for (const r of [3e-12, 1e-9, 4e-7, 9.9e-6])
        for (const th of [0.1, 1.3, 2.9, -2.2]) {
          const x = r * Math.cos(th);
          const y = r * Math.sin(th);
          k.gradient(x, y, g, 0);
          const a = k.forms.phiA(x * x + y * y);
          out[0] = x;
          out[1] = y;
          remainderGradient(k.tables, out);
          // up to the rounding of the planar part (|a·d| = 1/|d|) that g carries
          const round = 4e-16 * Math.abs(a) * r;
          expect(Math.abs(g[0] - a * x - out[0])).toBeLessThan(1e-14 + round);
          expect(Math.abs(g[1] - a * y - out[1])).toBeLessThan(1e-14 + round);
        }
    }
  });
});
