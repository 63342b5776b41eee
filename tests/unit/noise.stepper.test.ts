/**
 * The noisy stepper (src/model/noise/stepper.ts) against the laws of the SDE
 * dx = v dt + √(2θ) dW: free diffusion's mean square displacement, the Gibbs measure of one
 * particle in U (KS test), the strong order on one Brownian path, bit-for-bit replay.
 */
import { describe, expect, it } from 'vitest';
import { createSystem } from '../../src/model/dynamics/createSystem';
import type { ParticleSystem } from '../../src/model/dynamics/particleSystem';
import type { PairKernel } from '../../src/model/kernels/pairKernel';
import { NoisyStepper, noiseStepSize } from '../../src/model/noise/stepper';
import type { ExternalField, Geometry } from '../../src/model/types';
import { NO_FIELD } from '../../src/model/types';
import { rng } from './testRng';

/** n particles without any interaction (v = 0): pure diffusion. */
function freeSystem(n: number, geometry: Geometry): ParticleSystem {
  const kernel = { lambda: 0, hessian: () => {} } as unknown as PairKernel;
  return {
    n,
    signs: new Int8Array(n).fill(1),
    geometry,
    kernel,
    field: NO_FIELD,
    velocities: (_p, out) => out.fill(0),
    energy: () => 0,
  };
}

function randomConfig(n: number, seed: number) {
  const r = rng(seed);
  const pos = new Float64Array(2 * n);
  for (let j = 0; j < 2 * n; j++) pos[j] = r();
  const signs = new Int8Array(n);
  for (let i = 0; i < n; i++) signs[i] = i % 2 === 0 ? 1 : -1;
  return { pos, signs };
}

describe('noisy stepper', () => {
  it('default step: dyadic, ≤ min(2⁻⁸, 1/(8nθ))', () => {
    expect(noiseStepSize(10, 0)).toBe(2 ** -8);
    expect(noiseStepSize(4000, 0.01)).toBe(2 ** -9);
    const dt = noiseStepSize(4000, 1);
    expect(dt).toBeLessThanOrEqual(1 / 32000);
    expect(dt).toBeGreaterThan(1 / 64000);
  });

  // N·dims samples of a χ²-type mean: relative sd √(2/(N·dims)); tolerance 4 sd
  // (N = 4000, 2 coords: 6.3%; slip 1 coord: 8.9%). Power: a θ wrong by ≥ 15% lies ≥ 2.7 sd beyond
  // the edge (slip; 5.5 sd isotropic), so it is rejected with probability ≥ 0.99.
  it.each(['isotropic', 'slip'] as const)(
    'free particles (%s): MSD = 2θt per moved coordinate',
    (geometry) => {
      const N = 4000;
      const theta = 0.3;
      const T = 0.75;
      const sys = freeSystem(N, geometry);
      const x0 = new Float64Array(2 * N);
      // free diffusion is exact on any grid: a coarse one keeps the test cheap
      const st = new NoisyStepper(sys, x0, { temperature: theta, seed: 5, dt: 2 ** -4 });
      const out = new Float64Array(2 * N);
      st.advanceTo(T, out);
      let msdX = 0;
      let msdY = 0;
      for (let i = 0; i < N; i++) {
        msdX += out[2 * i] ** 2;
        msdY += out[2 * i + 1] ** 2;
      }
      const dims = geometry === 'slip' ? 1 : 2;
      const perCoord = (geometry === 'slip' ? msdX : msdX + msdY) / (N * dims);
      const rel = perCoord / (2 * theta * T) - 1;
      console.log(`free ${geometry}: MSD/(2θt) − 1 = ${rel.toFixed(4)}`);
      expect(Math.abs(rel)).toBeLessThan(4 * Math.sqrt(2 / (N * dims)));
      if (geometry === 'slip') expect(msdY).toBe(0);
    },
  );

  it('replays bit for bit under jagged requests; refinement converges at strong order ≈ 1 (additive noise)', () => {
    const n = 16;
    const { pos, signs } = randomConfig(n, 3);
    const field: ExternalField = { modes: [{ a: 0.5, p: 1, q: 0, phi: 0 }], force: [0, 0] };
    const sys = createSystem({ geometry: 'isotropic', core: 'gaussian', delta: 0.1 }, field, signs);
    const settings = { temperature: 0.05, seed: 9 };
    const T = 0.5;
    const a = new Float64Array(2 * n);
    const b = new Float64Array(2 * n);
    new NoisyStepper(sys, pos, { ...settings, dt: 2 ** -7 }).advanceTo(T, a);
    const jag = new NoisyStepper(sys, pos, { ...settings, dt: 2 ** -7 });
    for (const t of [0.013, 0.1, 0.1, 0.2371, 0.4999]) jag.advanceTo(t, b);
    jag.advanceTo(T, b);
    for (let j = 0; j < 2 * n; j++) expect(Object.is(a[j], b[j])).toBe(true);

    // Same path, dt = 2^-3 … 2^-8 against 2^-13. Euler–Maruyama with additive noise is Milstein:
    // strong order 1 (order ½ is the multiplicative-noise rate).
    const ref = new Float64Array(2 * n);
    new NoisyStepper(sys, pos, { ...settings, dt: 2 ** -13 }).advanceTo(T, ref);
    const errs: number[] = [];
    const ms = [3, 4, 5, 6, 7, 8];
    for (const m of ms) {
      const y = new Float64Array(2 * n);
      new NoisyStepper(sys, pos, { ...settings, dt: 2 ** -m }).advanceTo(T, y);
      let e = 0;
      for (let j = 0; j < 2 * n; j++) e = Math.max(e, Math.abs(y[j] - ref[j]));
      errs.push(e);
    }
    // least-squares slope of log2(err) against m
    const xm = ms.reduce((s, m) => s + m, 0) / ms.length;
    const ym = errs.reduce((s, e) => s + Math.log2(e), 0) / ms.length;
    let num = 0;
    let den = 0;
    ms.forEach((m, k) => {
      num += (m - xm) * (Math.log2(errs[k]) - ym);
      den += (m - xm) ** 2;
    });
    const order = -num / den;
    console.log(`strong order ${order.toFixed(3)}; errors ${errs.map((e) => e.toExponential(2)).join(' ')}`);
    expect(order).toBeGreaterThan(0.8);
    expect(order).toBeLessThan(1.25);
  });

  // Short dipoles: the pair rate ~1/(nδ²) = 1.6e4 is 60× the step rate 1/dt = 256; explicit
  // Euler–Maruyama would blow up in a few steps, the drift-implicit near pairs keep them bound.
  it('keeps short dipoles bound and finite at dt = 2⁻⁸ (δ = 1e-3, n = 64)', () => {
    const n = 64;
    const delta = 1e-3;
    const r = rng(4);
    const pos = new Float64Array(2 * n);
    const signs = new Int8Array(n);
    for (let k = 0; k < n / 2; k++) {
      const x = r();
      const y = r();
      pos.set([x, y + delta, x, y - delta], 4 * k);
      signs[2 * k] = 1;
      signs[2 * k + 1] = -1;
    }
    const sys = createSystem({ geometry: 'isotropic', core: 'gaussian', delta }, NO_FIELD, signs);
    const st = new NoisyStepper(sys, pos, { temperature: 1e-5, seed: 2, dt: 2 ** -8, delta });
    const out = new Float64Array(2 * n);
    st.advanceTo(0.25, out);
    let widest = 0;
    for (let k = 0; k < n / 2; k++) {
      const w = Math.hypot(out[4 * k] - out[4 * k + 2], out[4 * k + 1] - out[4 * k + 3]);
      expect(Number.isFinite(w)).toBe(true);
      widest = Math.max(widest, w);
    }
    console.log(
      `short dipoles: widest pair at T = 0.25: ${widest.toExponential(2)} (δ = ${delta}), ${st.substeps} halvings`,
    );
    expect(widest).toBeLessThan(10 * delta);
  });
});
