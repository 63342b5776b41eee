/**
 * The kernels at the smallest accepted core radius, δ = 1e-12 (DELTA_MIN_KERNEL). What covers what:
 * - the core (r ~ δ): ∇V_δ = ∇P_δ + O(r), and at r ~ δ the smooth periodic remainder is 1e-24 of
 *   the core's gradient, so kernel.gradient there is checked against Gauss's law for the core's
 *   defining density ρ_δ (the inverse transform of m_δ: gaussian e^{−r²/2δ²}/2πδ², plummer
 *   δ²/π(r² + δ²)², poisson δ/2π(r² + δ²)^{3/2}), integrated here by quadrature: Φ' = −Q/r with
 *   Q(r) = ∫_{|x|<r} ρ_δ, and for slip B = (2/r²)∫₀^r tQ(t) dt (MATH §10 in this form);
 * - the far field (r ≫ δ), where the core is invisible (V_δ − V₀ = O(δ/r) at most): the isotropic
 *   kernel against the exact periodic Green's function by an Ewald sum written out here; the
 *   slip kernel, for which no such independent sum is at hand, against the same kernel at
 *   δ = 1e-6 (the difference must be the core's O(δ²/r²), i.e. the tables do not depend on δ);
 * - the fast sum against the direct sum with short dipoles at distances ~δ.
 * Cost ~10 s (kernels for three cores, two geometries).
 */
import { describe, expect, it } from 'vitest';
import { createFastSum } from '../../src/model/fastsum';
import { DELTA_MIN_KERNEL, makeKernel } from '../../src/model/kernels';
import { gaussLegendre } from '../../src/model/kernels/gaussLegendre';
import type { PairKernel } from '../../src/model/kernels/pairKernel';
import { DELTA_MIN } from '../../src/model/scenario/validate';
import { expint1 } from '../../src/model/special/expint';
import { CORE_MODELS, type CoreModel, GEOMETRIES } from '../../src/model/types';
import { rng } from './testRng';

const DELTA = 1e-12;

/** The core's density in units of δ (ρ_δ(r) = density(r/δ)/δ²). */
function density(core: CoreModel, s: number): number {
  if (core === 'gaussian') return Math.exp(-0.5 * s * s) / (2 * Math.PI);
  if (core === 'plummer') return 1 / (Math.PI * (s * s + 1) ** 2);
  if (core === 'ring') {
    // the unit circle blurred by a gaussian of width ½: its mean over the circle (trapezoid rule,
    // exponentially accurate for this periodic entire integrand)
    let sum = 0;
    for (let k = 0; k < 128; k++) {
      const th = (2 * Math.PI * (k + 0.5)) / 128;
      sum += Math.exp(-2 * ((s - Math.cos(th)) ** 2 + Math.sin(th) ** 2));
    }
    return (2 / Math.PI) * (sum / 128);
  }
  return 1 / (2 * Math.PI * (s * s + 1) ** 1.5);
}

const GL = gaussLegendre(64);

/** ∫₀^ξ f by 64-point Gauss–Legendre (the integrands are smooth on the scale δ). */
function integrate(f: (s: number) => number, xi: number): number {
  let v = 0;
  for (let i = 0; i < GL.nodes.length; i++) v += GL.weights[i] * f(0.5 * xi * (1 + GL.nodes[i]));
  return 0.5 * xi * v;
}

/** Q(ξ) = 2π∫₀^ξ s ρ(s) ds and B = (2/ξ²)∫₀^ξ t Q(t) dt (ξ in units of δ). */
function gaussLaw(core: CoreModel, xi: number): { Q: number; B: number } {
  const charge = (t: number) => integrate((s) => 2 * Math.PI * s * density(core, s), t);
  return { Q: charge(xi), B: (2 / (xi * xi)) * integrate((t) => t * charge(t), xi) };
}

describe('δ = 1e-12 is accepted', () => {
  it('by the scenario validator and by the kernels', () => {
    expect(DELTA_MIN).toBe(1e-12);
    expect(DELTA_MIN_KERNEL).toBe(1e-12);
    expect(() => makeKernel({ geometry: 'isotropic', core: 'gaussian', delta: 1e-13 })).toThrow(/delta/);
  });
});

const kernels = new Map<string, PairKernel>();
function kernel(geometry: 'isotropic' | 'slip', core: CoreModel, delta = DELTA): PairKernel {
  const key = `${geometry}/${core}/${delta}`;
  if (!kernels.has(key)) kernels.set(key, makeKernel({ geometry, core, delta }));
  return kernels.get(key)!;
}

describe.each(GEOMETRIES)('%s kernel at δ = 1e-12', (geometry) => {
  for (const core of CORE_MODELS)
    it(`${core}: the core at r ~ δ follows Gauss's law for its density`, () => {
      const k = kernel(geometry, core);
      const g = new Float64Array(2);
      for (const xi of [0.05, 0.3, 1, 2.7, 6]) {
        const { Q, B } = gaussLaw(core, xi);
        for (const th of [0.3, 1.1, 2.5]) {
          const x = xi * DELTA * Math.cos(th);
          const y = xi * DELTA * Math.sin(th);
          k.gradient(x, y, g, 0);
          const q = x * x + y * y;
          // isotropic: ∇Φ = −Q x/q; slip adds ∇[B (x² − y²)/(2q)] with B' = dB/dq = (Q − B)/q
          let ex = (-Q * x) / q;
          let ey = (-Q * y) / q;
          if (geometry === 'slip') {
            const u = x * x - y * y;
            const bq = (Q - B) / q;
            ex += x * ((bq * u) / q + (2 * B * y * y) / (q * q));
            ey += y * ((bq * u) / q - (2 * B * x * x) / (q * q));
          }
          const scale = Math.hypot(ex, ey);
          expect(Math.hypot(g[0] - ex, g[1] - ey) / scale).toBeLessThan(1e-9);
        }
      }
    });
});

/** The exact isotropic periodic Green's function (V̂ = 1/2π|k|², V̂₀ = 0) by an Ewald sum, and ∇. */
function ewaldGreen(x: number, y: number): [number, number, number] {
  const s2 = 0.04; // σ² of the split
  let v = -Math.PI * s2; // the real-space part's mean, removed (V̂₀ = 0)
  let gx = 0;
  let gy = 0;
  for (let k1 = -9; k1 <= 9; k1++)
    for (let k2 = -9; k2 <= 9; k2++) {
      const kk = k1 * k1 + k2 * k2;
      if (kk === 0) continue;
      const c = Math.exp(-2 * Math.PI * Math.PI * s2 * kk) / (2 * Math.PI * kk);
      const a = 2 * Math.PI * (k1 * x + k2 * y);
      v += c * Math.cos(a);
      gx -= c * 2 * Math.PI * k1 * Math.sin(a);
      gy -= c * 2 * Math.PI * k2 * Math.sin(a);
    }
  for (let m1 = -3; m1 <= 3; m1++)
    for (let m2 = -3; m2 <= 3; m2++) {
      const dx = x + m1;
      const dy = y + m2;
      const q = dx * dx + dy * dy;
      v += 0.5 * expint1(q / (2 * s2));
      const a = -Math.exp(-q / (2 * s2)) / q;
      gx += a * dx;
      gy += a * dy;
    }
  return [v, gx, gy];
}

describe('the far field at δ = 1e-12', () => {
  const points = [
    [0.13, -0.27],
    [0.49, 0.02],
    [-0.31, 0.44],
    [0.004, 0.0007],
  ];
  for (const core of CORE_MODELS)
    it(`isotropic ${core}: V_δ and ∇V_δ are the periodic Green's function (Ewald sum)`, () => {
      const k = kernel('isotropic', core);
      const g = new Float64Array(2);
      for (const [x, y] of points) {
        const [v, ex, ey] = ewaldGreen(x, y);
        k.gradient(x, y, g, 0);
        // the poisson core differs from the bare kernel by −δ/r + …
        const coreTail = core === 'poisson' ? (2 * DELTA) / Math.hypot(x, y) : 0;
        expect(Math.abs(k.value(x, y) - v)).toBeLessThan(1e-11 + coreTail);
        // the remainder tables' own accuracy: a few 1e-9 absolute (cubic stencils, periodicKernel.ts)
        expect(Math.hypot(g[0] - ex, g[1] - ey)).toBeLessThan(1e-8 + 1e-9 * Math.hypot(ex, ey));
      }
    });

  for (const core of CORE_MODELS)
    it(`slip ${core}: the periodic part does not depend on δ (δ = 1e-12 against 1e-6)`, () => {
      const tiny = kernel('slip', core);
      const small = kernel('slip', core, 1e-6);
      const a = new Float64Array(2);
      const b = new Float64Array(2);
      for (const [x, y] of points.slice(0, 3)) {
        tiny.gradient(x, y, a, 0);
        small.gradient(x, y, b, 0);
        // the cores differ by O(δ/r) (poisson) or O(δ²/r²) at r ≥ 0.27 with δ = 1e-6
        expect(Math.hypot(a[0] - b[0], a[1] - b[1]) / Math.hypot(b[0], b[1])).toBeLessThan(2e-5);
        expect(Math.abs(tiny.value(x, y) - small.value(x, y))).toBeLessThan(2e-5);
      }
    });
});

describe('the fast sum at δ = 1e-12', () => {
  for (const geometry of GEOMETRIES)
    for (const core of ['gaussian', 'poisson'] as const)
      it(`${geometry} ${core}: equals the direct sum, with dipoles at distances ~δ`, () => {
        const k = kernel(geometry, core);
        const n = 600;
        const r = rng(5);
        const pos = Float64Array.from({ length: 2 * n }, r);
        const signs = Int8Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
        for (let p = 0; p < 20; p++) {
          const i = 2 * p;
          const d = (0.2 + 3 * r()) * DELTA;
          const th = 2 * Math.PI * r();
          pos[2 * (i + 1)] = pos[2 * i] + d * Math.cos(th);
          pos[2 * (i + 1) + 1] = pos[2 * i + 1] + d * Math.sin(th);
        }
        const ref = new Float64Array(2 * n);
        const got = new Float64Array(2 * n);
        k.accumulate(pos, signs, ref);
        createFastSum(k, n).accumulate(pos, signs, got);
        for (let i = 0; i < n; i++) {
          const err = Math.hypot(got[2 * i] - ref[2 * i], got[2 * i + 1] - ref[2 * i + 1]);
          // dipole members feel ~1/δ from their partner: relative; the others: against the RMS-like 1e3
          const scale = Math.max(Math.hypot(ref[2 * i], ref[2 * i + 1]), 1e3);
          expect(err / scale).toBeLessThan(1e-8);
        }
      });
});
