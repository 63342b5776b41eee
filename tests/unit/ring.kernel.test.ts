/**
 * The ring core's real-space kernel (MATH §2a) against three independent oracles:
 *  1. scipy's noncentral χ² distribution and a quadrature of Gauss's law (committed data,
 *     tests/unit/oracle/ring_profile_scipy.py) for the mass profile M and Φ;
 *  2. the definition "ring of radius δ ∗ gaussian of width δ/2": the circle average of the
 *     gaussian core's closed forms (σ = δ/2) by the trapezoid rule in the angle (exponentially
 *     accurate for this entire periodic integrand), for Φ, ∇Φ and the slip kernel S and ∇S;
 *  3. direct Fourier sums of the multiplier for the periodic kernel at r ≈ 0.3δ … 3δ.
 * Cost: ~2 s.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeKernel } from '../../src/model/kernels';
import { coreForms } from '../../src/model/kernels/cores';
import { ringTailBound } from '../../src/model/kernels/cores/ring';
import { RING_X_MAX, ringExact, ringTable, ringTableValue } from '../../src/model/kernels/cores/ringProfile';
import { planarKernel } from '../../src/model/kernels/planarKernel';
import { besselJ0 } from '../../src/model/special/besselJ0';
import { GEOMETRIES, type Geometry } from '../../src/model/types';
import { fourierPair } from './oracle/fourierSum';
import { rng } from './testRng';

const scipy = JSON.parse(readFileSync(join(__dirname, 'oracle', 'ring-profile-scipy.json'), 'utf8')) as {
  x: number[];
  mass: number[];
  phi: number[];
};

describe('ring profile series', () => {
  it('M and φ equal scipy’s noncentral χ² and Gauss-law quadrature to 1e-14', () => {
    scipy.x.forEach((x, i) => {
      const e = ringExact(x);
      expect(Math.abs(e.mass - scipy.mass[i]) / scipy.mass[i]).toBeLessThan(1e-14);
      expect(Math.abs(e.phi - scipy.phi[i])).toBeLessThan(1e-14);
    });
  });
  it('is the bare kernel at X_MAX: M = 1, φ = −log t, B = 1 − 3/x (second moment 1.5δ²)', () => {
    const e = ringExact(RING_X_MAX);
    expect(Math.abs(e.mass - 1)).toBeLessThan(1e-15);
    // φ(0) = −½E₁(2) carried through the whole series: an independent check of that constant
    expect(Math.abs(e.phi + 0.5 * Math.log(RING_X_MAX / 2))).toBeLessThan(1e-14);
    expect(Math.abs(e.bq * RING_X_MAX - (1 - 3 / RING_X_MAX))).toBeLessThan(1e-15);
    expect(Math.abs(e.dq * RING_X_MAX - 3 / RING_X_MAX)).toBeLessThan(1e-15);
  });
  it('the table reproduces the series to 1e-14 relative (2000 random x)', () => {
    const t = ringTable();
    const r = rng(5);
    let worst = 0;
    for (let i = 0; i < 2000; i++) {
      const x = i < 10 ? 1e-9 * 10 ** i : RING_X_MAX * r();
      const e = ringExact(x);
      [e.mq, e.bq, e.dq, e.phi].forEach((ref, f) => {
        worst = Math.max(worst, Math.abs(ringTableValue(t, x, f) - ref) / Math.abs(ref));
      });
    }
    expect(worst).toBeLessThan(1e-14);
  });
});

/** The ring forms by their definition: the σ = δ/2 gaussian planar kernel averaged over |y| = δ. */
function circleAverage(geometry: Geometry, delta: number, x: number, y: number): number[] {
  const g = planarKernel(geometry, coreForms('gaussian', delta / 2));
  const out = new Float64Array(2);
  const N = 256;
  let v = 0;
  let gx = 0;
  let gy = 0;
  for (let k = 0; k < N; k++) {
    const th = (2 * Math.PI * (k + 0.5)) / N;
    const px = x - delta * Math.cos(th);
    const py = y - delta * Math.sin(th);
    v += g.value(px, py);
    g.gradient(px, py, out, 0);
    gx += out[0];
    gy += out[1];
  }
  return [v / N, gx / N, gy / N];
}

describe.each(GEOMETRIES)('%s ring forms = circle average of the gaussian core (σ = δ/2)', (geometry) => {
  const delta = 0.01;
  const ring = planarKernel(geometry, coreForms('ring', delta));
  const out = new Float64Array(2);
  // t = r/δ around the ring (t ≈ 1), near 0 and across the end of the table (t = 6)
  for (const t of [1e-3, 0.3, 0.9, 1, 1.1, 2, 4, 5.99, 6.01, 9])
    it(`t = r/δ = ${t}: value and gradient to 1e-12`, () => {
      for (const a of [0.3, 1.1, 2.5]) {
        const x = t * delta * Math.cos(a);
        const y = t * delta * Math.sin(a);
        const [v, gx, gy] = circleAverage(geometry, delta, x, y);
        ring.gradient(x, y, out, 0);
        expect(Math.abs(ring.value(x, y) - v)).toBeLessThan(1e-12 * Math.abs(v));
        const scale = Math.hypot(gx, gy) + 1e-3 / delta; // |∇| → 0 at the centre
        expect(Math.hypot(out[0] - gx, out[1] - gy) / scale).toBeLessThan(1e-12);
      }
    });
});

describe.each(GEOMETRIES)('%s periodic ring kernel vs direct Fourier sums', (geometry) => {
  const delta = 0.05;
  const kernel = makeKernel({ geometry, core: 'ring', delta });
  const g = new Float64Array(2);
  it('at r = 0.3δ, δ, 1.5δ, 3δ: value to 1e-9, gradient to 1e-9 relative', () => {
    for (const t of [0.3, 1, 1.5, 3]) {
      const dx = t * delta * 0.8;
      const dy = t * delta * 0.6;
      const [v, gx, gy] = fourierPair({ geometry, core: 'ring', delta }, dx, dy);
      kernel.gradient(dx, dy, g, 0);
      expect(Math.abs(kernel.value(dx, dy) - v)).toBeLessThan(1e-9 * Math.max(1, Math.abs(v)));
      expect(Math.hypot(g[0] - gx, g[1] - gy) / Math.hypot(gx, gy)).toBeLessThan(1e-9);
    }
  });
});

describe('ring multiplier tail bound', () => {
  it('bounds |m_δ| on a fine k grid beyond each k (m_δ itself does not: it crosses 0)', () => {
    const delta = 0.02;
    const m = (k: number) =>
      Math.abs(besselJ0(2 * Math.PI * delta * k) * Math.exp(-0.5 * (Math.PI * delta * k) ** 2));
    for (let k = 1; k < 150; k += 1.3) {
      let sup = 0;
      for (let kk = k; kk < 300; kk += 0.02) sup = Math.max(sup, m(kk));
      expect(ringTailBound(delta, k * k)).toBeGreaterThanOrEqual(sup);
    }
  });
});
