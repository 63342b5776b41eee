/**
 * MATH §10 "Pair check": a ± pair on a horizontal line (isotropic, gaussian, U = 0) keeps its
 * centre and x₂, and its separation s obeys the scalar ODE
 *   ds/dt = e^{−s²/2δ²}/s − π cot πs − 4π Σ_{n≥1} q^{2n} sin 2πs / (1 − 2q^{2n} cos 2πs + q^{4n}),
 * q = e^{−π}, integrated here independently by classical RK4 at a tiny fixed step.
 */
import { describe, expect, it } from 'vitest';
import { createSystem } from '../../src/model/dynamics/createSystem';
import { integrate } from '../../src/model/integrate';
import { makeKernel } from '../../src/model/kernels';
import { NO_FIELD } from '../../src/model/types';

const Q2 = Math.exp(-2 * Math.PI);

function dsdt(s: number, delta: number): number {
  let v = Math.exp(-(s * s) / (2 * delta * delta)) / s - Math.PI / Math.tan(Math.PI * s);
  const c = Math.cos(2 * Math.PI * s);
  const sn = Math.sin(2 * Math.PI * s);
  let q2n = Q2;
  for (let k = 1; k <= 12; k++) {
    v -= (4 * Math.PI * q2n * sn) / (1 - 2 * q2n * c + q2n * q2n);
    q2n *= Q2;
  }
  return v;
}

function separationAt(s0: number, T: number, delta: number, N: number): number {
  const h = T / N;
  let s = s0;
  for (let k = 0; k < N; k++) {
    const k1 = dsdt(s, delta);
    const k2 = dsdt(s + 0.5 * h * k1, delta);
    const k3 = dsdt(s + 0.5 * h * k2, delta);
    const k4 = dsdt(s + h * k3, delta);
    s += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  return s;
}

describe('± pair on a horizontal line against the scalar separation ODE', () => {
  const delta = 0.03;
  const spec = { geometry: 'isotropic' as const, core: 'gaussian' as const, delta };
  const kernel = makeKernel(spec);
  const system = createSystem(spec, NO_FIELD, Int8Array.from([1, -1]), kernel);
  const s0 = 0.25;
  const T = 0.03;
  const cx = 0.37;
  const y0 = 0.81;
  const pos0 = Float64Array.from([cx + s0 / 2, y0, cx - s0 / 2, y0]);
  const sRef = separationAt(s0, T, delta, 60000);
  const sRefFine = separationAt(s0, T, delta, 120000);

  it('the reference is converged, and the torus matters (R² would give √(s₀² − 2T))', () => {
    expect(Math.abs(sRef - sRefFine)).toBeLessThan(1e-13);
    const planar = Math.sqrt(s0 * s0 - 2 * T);
    expect(sRef / planar).toBeGreaterThan(1.5);
  });

  for (const method of ['explicit', 'stiff', 'auto', 'multirate'] as const) {
    it(`${method}: separation, centre and x₂`, () => {
      const r = integrate(system, pos0, T, { method, rtol: 1e-10, atol: 1e-12 });
      const u = r.unwrapped;
      const s = u[0] - u[2];
      expect(Math.abs(s - sRef)).toBeLessThan(method === 'stiff' ? 1e-8 : 1e-9);
      expect(Math.abs(0.5 * (u[0] + u[2]) - cx)).toBeLessThan(1e-14);
      expect(Math.abs(u[1] - y0)).toBeLessThan(1e-13);
      expect(Math.abs(u[3] - y0)).toBeLessThan(1e-13);
    });
  }
});
