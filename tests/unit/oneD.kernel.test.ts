import { describe, expect, it } from 'vitest';
import { coreMultiplier } from '../../src/model/kernels/multipliers';
import { makeKernel1d } from '../../src/model/oneD/kernel1d';
import { createSystem1d, embed1d } from '../../src/model/oneD/system1d';
import { createRng } from '../../src/model/random';
import type { CoreModel } from '../../src/model/types';

const CORES: CoreModel[] = ['gaussian', 'plummer', 'poisson'];
const TWO_PI = 2 * Math.PI;

/** Modes until m_δ(k) < 1e-19 (the Fourier sums below are then complete to round-off). */
function modeCount(core: CoreModel, delta: number): number {
  let K = 1;
  while (coreMultiplier(core, delta, K * K) > 1e-19) K++;
  return K;
}

/** V_δ, V_δ', V_δ'' at x by their Fourier series Σ_{k≥1} m(k) cos(2πkx)/k (independent of the code's sums). */
function fourierKernel(core: CoreModel, delta: number, x: number): [number, number, number] {
  const K = modeCount(core, delta);
  let v = 0;
  let d = 0;
  let s = 0;
  for (let k = 1; k <= K; k++) {
    const m = coreMultiplier(core, delta, k * k);
    v += (m * Math.cos(TWO_PI * k * x)) / k;
    d -= TWO_PI * m * Math.sin(TWO_PI * k * x);
    s -= TWO_PI * TWO_PI * k * m * Math.cos(TWO_PI * k * x);
  }
  return [v, d, s];
}

describe('1D kernel (MATH §12)', () => {
  it.each(CORES.flatMap((c) => [0.02, 0.002].map((d) => [c, d] as const)))(
    '%s δ = %s: V, V′, V″ match the direct Fourier series',
    (core, delta) => {
      const k = makeKernel1d(core, delta);
      const [v0] = fourierKernel(core, delta, 0);
      expect(Math.abs(k.selfValue - v0)).toBeLessThan(1e-10 * Math.abs(v0));
      for (const x of [delta / 3, delta, 2.7 * delta, 0.013, 0.1, 0.37, 0.5, 0.81, -0.2]) {
        const [v, d, s] = fourierKernel(core, delta, x);
        expect(Math.abs(k.value(x) - v)).toBeLessThan(1e-10 * Math.max(1, Math.abs(v)));
        expect(Math.abs(k.derivative(x) - d)).toBeLessThan(1e-10 / delta);
        expect(Math.abs(k.second(x) - s)).toBeLessThan(1e-10 / (delta * delta));
      }
    },
  );

  it("poisson is the periodic −½log(x² + δ²): image sum of the model's derivative, Fourier-integrated", () => {
    // ∫₀¹ S(x) sin(2πkx) dx = −π m(k), S the periodised −x/(x² + δ²) (sum over images, cot for the tail)
    const delta = 0.05;
    const periodisedSlope = (x: number) => {
      let s = -x / (x * x + delta * delta) + 1 / x - Math.PI / Math.tan(Math.PI * x);
      for (let m = 1; m <= 2000; m++)
        for (const y of [x + m, x - m]) s += (delta * delta) / (y * (y * y + delta * delta));
      return s;
    };
    // composite Gauss–Legendre (5 points) on [−½, ½] in 400 panels (the integrand is odd·odd = even)
    const g = [0, -0.5384693101056831, 0.5384693101056831, -0.906179845938664, 0.906179845938664];
    const w = [
      0.5688888888888889, 0.4786286704993665, 0.4786286704993665, 0.2369268850561891, 0.2369268850561891,
    ];
    const panels = 400;
    const vals: number[][] = [];
    for (let p = 0; p < panels; p++)
      for (let q = 0; q < 5; q++) {
        const x = -0.5 + (p + 0.5 + 0.5 * g[q]) / panels;
        vals.push([x, (0.5 * w[q]) / panels, periodisedSlope(x)]);
      }
    for (const k of [1, 2, 5, 9]) {
      let I = 0;
      for (const [x, wt, s] of vals) I += wt * s * Math.sin(TWO_PI * k * x);
      const m = -I / Math.PI;
      expect(Math.abs(m - coreMultiplier('poisson', delta, k * k))).toBeLessThan(1e-9);
      // …and not the plummer multiplier (2πδk)K₁(2πδk), whose 2D namesake is −½log(r² + δ²)
      expect(Math.abs(m - coreMultiplier('plummer', delta, k * k))).toBeGreaterThan(1e-3);
    }
  });

  it('poisson keeps its digits at δ = 1e-12: V′ = −x/(x² + δ²) + (1/x − π cot πx) + O(δ²)', () => {
    const delta = 1e-12;
    const k = makeKernel1d('poisson', delta);
    for (const x of [1e-13, 1e-12, 3e-12, 1e-9, 1e-4, 0.3]) {
      const ref = -x / (x * x + delta * delta) + 1 / x - Math.PI / Math.tan(Math.PI * x);
      expect(Math.abs(k.derivative(x) - ref)).toBeLessThan(1e-11 * Math.abs(ref) + 1e-9);
    }
    expect(k.lambda * delta * delta).toBeCloseTo(1, 9);
  });

  it('says which δ the tabulated cores need', () => {
    expect(() => makeKernel1d('plummer', 1e-6)).toThrow(/plummer core needs δ ≥ 0.0005 in 1D/);
    expect(makeKernel1d('gaussian', 1e-6).delta).toBe(1e-6); // smallCore1d.ts
    expect(() => makeKernel1d('poisson', 0)).toThrow(/delta: must be > 0/);
  });
});

describe('1D particle system', () => {
  it.each(CORES)('%s: velocities and energy vs structure-factor Fourier sums (n = 40, U, F)', (core) => {
    const delta = 0.004;
    const n = 40;
    const rng = createRng(11);
    const x = Array.from({ length: n }, () => rng.nextDouble());
    // close pairs on either side of the pair loop's 1e-3 switch, one across the wrap
    x[1] = x[0] + 2e-4;
    x[3] = x[2] - 3e-3;
    x[5] = 0.9999;
    x[4] = 0.0004;
    const signs = Int8Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const field = { modes: [{ a: 0.7, p: 2, q: 0, phi: 0.3 }], force: [0.25, 0] as [number, number] };
    const sys = createSystem1d(core, delta, field, signs);
    const out = new Float64Array(2 * n);
    const pos = embed1d(x);
    sys.velocities(pos, out);
    const K = modeCount(core, delta);
    const v = new Float64Array(n);
    let energy = 0;
    for (let k = 1; k <= K; k++) {
      const m = coreMultiplier(core, delta, k * k);
      let sr = 0;
      let si = 0;
      for (let j = 0; j < n; j++) {
        sr += signs[j] * Math.cos(TWO_PI * k * x[j]);
        si += signs[j] * Math.sin(TWO_PI * k * x[j]);
      }
      energy += (m / k) * (sr * sr + si * si);
      // Σ_j b_j sin(2πk(x_i − x_j)) = sin(2πkx_i)·sr − cos(2πkx_i)·si
      for (let i = 0; i < n; i++)
        v[i] +=
          (TWO_PI * m * signs[i] * (Math.sin(TWO_PI * k * x[i]) * sr - Math.cos(TWO_PI * k * x[i]) * si)) / n;
    }
    energy /= 2 * n * n;
    let vmax = 0;
    for (let i = 0; i < n; i++) {
      const u = x[i];
      const dU = -0.7 * TWO_PI * 2 * Math.sin(TWO_PI * 2 * u - 0.3);
      v[i] += -signs[i] * dU + signs[i] * 0.25;
      energy += (signs[i] * 0.7 * Math.cos(TWO_PI * 2 * u - 0.3)) / n;
      vmax = Math.max(vmax, Math.abs(v[i]));
    }
    for (let i = 0; i < n; i++) {
      expect(Math.abs(out[2 * i] - v[i])).toBeLessThan(1e-9 * vmax);
      expect(out[2 * i + 1]).toBe(0);
    }
    expect(Math.abs(sys.energy(pos) - energy)).toBeLessThan(1e-10 * Math.max(1, Math.abs(energy)));
  });

  it('rejects U modes with q ≠ 0 and F₂ ≠ 0 with one line', () => {
    const s = Int8Array.of(1, -1);
    expect(() =>
      createSystem1d('poisson', 0.01, { modes: [{ a: 1, p: 1, q: 1, phi: 0 }], force: [0, 0] }, s),
    ).toThrow(/field.modes\[0\].q: must be 0 in 1D/);
    expect(() => createSystem1d('poisson', 0.01, { modes: [], force: [0, 1] }, s)).toThrow(
      /field.force\[1\]/,
    );
  });
});
