/**
 * Production kernel vs the direct Fourier-sum oracle (MATH §2: the multiplier is the definition),
 * for every core, both geometries and δ ∈ {0.2, 0.05, 0.01, 0.002}, on random configurations.
 */
import { describe, expect, it } from 'vitest';
import { createSystem } from '../../src/model/dynamics/createSystem';
import { makeKernel } from '../../src/model/kernels';
import { CORE_MODELS, type ExternalField, GEOMETRIES } from '../../src/model/types';
import { relativeVelocityError } from './oracle/cases';
import { fourierVelocities } from './oracle/fourierSum';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const field: ExternalField = { modes: [{ a: 0.3, p: 1, q: 2, phi: 0.4 }], force: [0.1, -0.2] };

describe.each(GEOMETRIES)('%s kernels vs direct Fourier sums', (geometry) => {
  for (const core of CORE_MODELS)
    for (const delta of [0.2, 0.05, 0.01, 0.002]) {
      it(`${core} δ=${delta}: velocities ≤ 1e-6, energy ≤ 1e-8 (relative)`, () => {
        const rnd = lcg(Math.round(delta * 1e4) + core.length);
        const n = delta < 0.005 && core !== 'gaussian' ? 6 : 10;
        const particles: number[][] = [];
        for (let i = 0; i < n; i++) particles.push([rnd(), rnd(), i % 3 === 0 ? -1 : 1]);
        // one near pair at a few δ, so the core itself is exercised
        particles[1] = [particles[0][0] + 1.7 * delta, particles[0][1] - 0.9 * delta, 1];
        const spec = { geometry, core, delta };
        const ref = fourierVelocities(spec, field, particles);
        const sys = createSystem(spec, field, Int8Array.from(particles.map((p) => p[2])));
        const pos = Float64Array.from(particles.flatMap((p) => [p[0], p[1]]));
        const v = new Float64Array(2 * n);
        sys.velocities(pos, v);
        const velErr = relativeVelocityError(v, ref.velocities);
        const energyErr = Math.abs(sys.energy(pos) - ref.energy) / Math.abs(ref.energy);
        // the figures of the closing note: `npx vitest run tests/unit/kernels.test.ts`
        console.log(
          `oracle ${geometry} ${core} δ=${delta}: velocity ${velErr.toExponential(1)}, energy ${energyErr.toExponential(1)}`,
        );
        expect(velErr).toBeLessThan(1e-6);
        expect(energyErr).toBeLessThan(1e-8);
      });
    }
});

describe('kernel symmetries and structure', () => {
  const kernel = makeKernel({ geometry: 'slip', core: 'plummer', delta: 0.03 });
  const g1 = new Float64Array(2);
  const g2 = new Float64Array(2);
  it('V is even, ∇V odd, both 1-periodic in each direction', () => {
    for (const [x, y] of [
      [0.12, -0.31],
      [0.49, 0.2],
      [-0.03, 0.004],
    ]) {
      expect(kernel.value(-x, -y)).toBeCloseTo(kernel.value(x, y), 9);
      expect(kernel.value(x + 1, y - 2)).toBeCloseTo(kernel.value(x, y), 9);
      kernel.gradient(x, y, g1, 0);
      kernel.gradient(-x, -y, g2, 0);
      expect(g2[0]).toBeCloseTo(-g1[0], 8);
      expect(g2[1]).toBeCloseTo(-g1[1], 8);
      kernel.gradient(x - 3, y + 1, g2, 0);
      expect(g2[0]).toBeCloseTo(g1[0], 9);
    }
  });
  it('slip kernel is symmetric under x₁ → −x₁ and x₂ → −x₂ separately', () => {
    expect(kernel.value(-0.2, 0.1)).toBeCloseTo(kernel.value(0.2, 0.1), 9);
    expect(kernel.value(0.2, -0.1)).toBeCloseTo(kernel.value(0.2, 0.1), 9);
  });
  it('selfValue is V_δ(0) as the value table gives it (the table is built after it, lazily)', () => {
    for (const spec of [
      { geometry: 'slip', core: 'plummer', delta: 0.03 },
      { geometry: 'isotropic', core: 'gaussian', delta: 1e-7 },
      { geometry: 'isotropic', core: 'gaussian', delta: 0.3 },
    ] as const) {
      const k = makeKernel(spec);
      expect(k.value(0, 0)).toBe(k.selfValue);
    }
  });
  it('a pair half a period apart in x₁ feels no x₁ force (∂₁V^per = 0 on x₁ = ±½ by symmetry)', () => {
    for (const spec of [
      { geometry: 'isotropic', core: 'gaussian', delta: 0.01 },
      { geometry: 'slip', core: 'plummer', delta: 0.03 },
    ] as const) {
      const k = makeKernel(spec);
      const raw = new Float64Array(4);
      for (const dy of [0, 3 / 256, -77 / 256]) {
        k.accumulate(Float64Array.from([0.25, 0.5, 0.75, 0.5 + dy]), Int8Array.from([1, -1]), raw);
        expect(raw[0]).toBe(0);
        expect(raw[2]).toBe(0);
      }
    }
  });
  it('λ_δ of the isotropic gaussian core is 1/(2δ²) up to the O(1) smooth periodic part', () => {
    const d = 0.01;
    const k = makeKernel({ geometry: 'isotropic', core: 'gaussian', delta: d });
    // D²V(0) = −(1/2δ²)·I + D²H(0) with ΔH = 2π: |λ − 1/(2δ²)| ≤ 2π
    expect(Math.abs(k.lambda - 1 / (2 * d * d))).toBeLessThan(2 * Math.PI);
  });
});
