/**
 * Observed convergence orders in fixed-step mode on a smooth, non-stiff case: Dormand–Prince ≈ 5,
 * the Rosenbrock-W methods with the near-pair matrix ≈ 3 (ROS34PW2) and ≈ 2 (ROS2) — W-methods
 * keep their order for any approximate Jacobian, which is what licenses the near-pair matrix.
 */
import { describe, expect, it } from 'vitest';
import { createSystem } from '../../src/model/dynamics/createSystem';
import { createStepper, ROS2, ROS34PW2, type WTableau } from '../../src/model/integrate';
import { makeKernel } from '../../src/model/kernels';
import type { Geometry } from '../../src/model/types';

function observedOrders(errors: number[]): number[] {
  return errors.slice(1).map((e, k) => Math.log2(errors[k] / e));
}

for (const geometry of ['isotropic', 'slip'] as Geometry[]) {
  describe(`fixed-step convergence (${geometry}, gaussian δ = 0.05, n = 8, U one mode)`, () => {
    const spec = { geometry, core: 'gaussian' as const, delta: 0.05 };
    const n = 8;
    let seed = 3;
    const rnd = () => {
      seed = (seed + 0x6d2b79f5) >>> 0;
      let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pos = Float64Array.from({ length: 2 * n }, rnd);
    const signs = Int8Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
    const sys = createSystem(
      spec,
      { modes: [{ a: 0.5, p: 1, q: 1, phi: 0.2 }], force: [0, 0] },
      signs,
      makeKernel(spec),
    );
    const T = 0.1;
    const ref = createStepper(sys, pos, { method: 'explicit', rtol: 1e-13, atol: 1e-15 });
    ref.advanceTo(T);
    const yRef = Float64Array.from(ref.unwrapped);

    const errorsFor = (method: 'explicit' | 'stiff', tableau: WTableau, Ns: number[]) =>
      Ns.map((N) => {
        const s = createStepper(sys, pos, { method, rtol: 1, atol: 1 }, tableau);
        for (let k = 0; k < N; k++) s.forceStep(T / N);
        let e = 0;
        for (let i = 0; i < 2 * n; i++) e = Math.max(e, Math.abs(s.unwrapped[i] - yRef[i]));
        return e;
      });

    it('Dormand–Prince 5(4): order ≈ 5', () => {
      const orders = observedOrders(errorsFor('explicit', ROS2, [4, 8, 16, 32]));
      // observed: iso 5.40 5.89 5.29, slip 5.39 5.11 4.86
      for (const p of orders) {
        expect(p).toBeGreaterThan(4.5);
        expect(p).toBeLessThan(6.2);
      }
    });

    it('ROS34PW2 with the near-pair matrix: order ≈ 3', () => {
      const orders = observedOrders(errorsFor('stiff', ROS34PW2, [16, 32, 64, 128]));
      for (const p of orders) {
        expect(p).toBeGreaterThan(2.6);
        expect(p).toBeLessThan(3.4);
      }
    });

    it('ROS2 with the near-pair matrix: order ≈ 2', () => {
      const orders = observedOrders(errorsFor('stiff', ROS2, [64, 128, 256, 512]));
      for (const p of orders) {
        expect(p).toBeGreaterThan(1.7);
        expect(p).toBeLessThan(2.9);
      }
    });
  });
}
