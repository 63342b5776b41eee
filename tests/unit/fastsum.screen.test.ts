/**
 * The compactly supported screen of the fast sum (src/model/fastsum/screen.ts) against oracles
 * computed here independently: its near profile and its far multiplier must describe the same
 * charge (a Hankel transform of the profile by direct quadrature, J₀ from its integral
 * representation), be the bare kernel beyond r_s (Newton), carry the requested second moment,
 * be internally consistent (gradient coefficients = derivatives of the values) and fall below
 * the tolerance beyond the band edge. Cost ~2 s.
 */
import { describe, expect, it } from 'vitest';
import { zeroProfile } from '../../src/model/fastsum/profiles';
import { CompactScreen, KNOWN_SHAPES, scannedShape, screenShape } from '../../src/model/fastsum/screen';
import type { Geometry } from '../../src/model/types';

/** J₀(z) = (1/π)∫₀^π cos(z sin θ) dθ by the trapezoidal rule (exponentially accurate). */
function besselJ0(z: number): number {
  const m = Math.ceil(Math.abs(z)) + 40;
  let s = 0;
  for (let i = 0; i < m; i++) s += Math.cos(z * Math.sin((Math.PI * (i + 0.5)) / m));
  return s / m;
}

describe.each<Geometry>(['isotropic', 'slip'])('compact screen (%s)', (geometry) => {
  const eps = 1e-10;
  const shape = screenShape(geometry, eps);
  const rs = 0.05;
  const m2 = geometry === 'slip' ? 2 * 0.003 ** 2 : 0;
  const screen = new CompactScreen(shape, rs, m2);
  const profile = screen.profile(geometry);

  it('has a band edge well inside the gaussian screen’s (κ < 5.5 against 7.3)', () => {
    expect(shape.edge).toBeGreaterThan(3);
    expect(shape.edge).toBeLessThan(5.5);
    // |m_T| ≤ ε beyond K = edge/r_s (sampled densely up to 3K)
    const K = shape.edge / rs;
    let worst = 0;
    for (let k = K; k < 3 * K; k += 0.37) worst = Math.max(worst, Math.abs(screen.multiplier(k * k)));
    expect(worst).toBeLessThan(eps);
    expect(Math.abs(screen.multiplier(0) - 1)).toBeLessThan(1e-14);
  });

  it('is the bare kernel beyond r_s and continuous across it', () => {
    const o = zeroProfile();
    for (const r of [rs * 1.0001, 2 * rs, 0.3]) {
      profile(r * r, o);
      expect(Math.abs(o.f - ((geometry === 'slip' ? 0.5 : 0) - Math.log(r)))).toBeLessThan(1e-15);
      expect(Math.abs(o.a * r * r + 1)).toBeLessThan(1e-15);
    }
    const inner = zeroProfile();
    profile((rs * (1 - 1e-9)) ** 2, inner);
    profile((rs * (1 + 1e-9)) ** 2, o);
    // f + log r, the charge a·q and (slip) B = c·q
    const q0 = (rs * (1 - 1e-9)) ** 2;
    const q1 = (rs * (1 + 1e-9)) ** 2;
    expect(Math.abs(inner.f + 0.5 * Math.log(q0) - o.f - 0.5 * Math.log(q1))).toBeLessThan(1e-12);
    expect(Math.abs(inner.a * q0 - o.a * q1)).toBeLessThan(1e-12);
    expect(Math.abs(inner.c * q0 - o.c * q1)).toBeLessThan(1e-10);
  });

  it('has gradient coefficients that are the derivatives of its values (a = 2f′, c = 2β, b = 2β′)', () => {
    const o = zeroProfile();
    const up = zeroProfile();
    const dn = zeroProfile();
    for (const r of [0.1 * rs, 0.45 * rs, 0.8 * rs]) {
      const q = r * r;
      const h = 1e-6 * q;
      profile(q, o);
      profile(q + h, up);
      profile(q - h, dn);
      expect(Math.abs(o.a - (up.f - dn.f) / h) * q).toBeLessThan(1e-7);
      if (geometry === 'slip') {
        expect(Math.abs(o.c - 2 * o.beta)).toBeLessThan(1e-12 * Math.abs(o.c));
        expect(Math.abs(o.b - (up.beta - dn.beta) / h) * q * q).toBeLessThan(1e-7);
      }
    }
  });

  it('describes the same charge as its multiplier: F[P_T − P₀](k) = V̂(k)(m_T(k) − 1)', () => {
    // P_T − P₀ = D₀(r) + D₂(r) cos 2θ, transformed along k = (0, k) in polar coordinates:
    // ∫ D₀ 2πJ₀(2πkr) r dr + ∫ D₂ A(2πkr) r dr, A(z) = ∫ cos 2θ cos(z sin θ) dθ = 2πJ₂(z); r = r_s t²
    // takes the log r of P₀ out of the midpoint rule's way. Beyond r_s, D₀ = 0 and (slip)
    // D₂ = −M₂/2r², whose part is −πM₂ J₁(z₀)/z₀ at z₀ = 2πk r_s (∫_{z₀}^∞ J₂(z)/z dz = J₁(z₀)/z₀).
    const angular = (z: number) => {
      const m = Math.ceil(Math.abs(z)) + 40;
      let a = 0;
      for (let i = 0; i < m; i++) {
        const th = (2 * Math.PI * (i + 0.5)) / m;
        a += Math.cos(2 * th) * Math.cos(z * Math.sin(th));
      }
      return (2 * Math.PI * a) / m;
    };
    const o = zeroProfile();
    const N = 12000;
    for (const k of [3, 20, 55]) {
      let ft = 0;
      for (let i = 0; i < N; i++) {
        const t = (i + 0.5) / N;
        const r = rs * t * t;
        profile(r * r, o);
        const slip = geometry === 'slip';
        const d0 = o.f - (slip ? 0.5 : 0) + Math.log(r);
        const z = 2 * Math.PI * k * r;
        let g = d0 * 2 * Math.PI * besselJ0(z);
        if (slip) g += (o.beta * r * r - 0.5) * angular(z);
        ft += g * r * (2 * rs * t);
      }
      ft /= N;
      if (geometry === 'slip') {
        const z0 = 2 * Math.PI * k * rs;
        let j1 = 0;
        const m = 200;
        for (let i = 0; i < m; i++) {
          const tau = (Math.PI * (i + 0.5)) / m;
          j1 += Math.cos(tau - z0 * Math.sin(tau));
        }
        ft -= (Math.PI * m2 * (j1 / m)) / z0;
      }
      const vhat = geometry === 'slip' ? 1 / (Math.PI * k * k) : 1 / (2 * Math.PI * k * k);
      const expected = vhat * (screen.multiplier(k * k) - 1);
      expect(Math.abs(ft - expected)).toBeLessThan(1e-8 * Math.abs(expected));
    }
  });

  it('carries the second moment it was given (slip) or its own (isotropic)', () => {
    // m_T(k) = 1 − π²M₂k² + O(k⁴)
    const k = 1e-3 / rs;
    const got = (1 - screen.multiplier(k * k)) / (Math.PI * Math.PI * k * k);
    expect(Math.abs(got - screen.secondMoment)).toBeLessThan(1e-5 * screen.secondMoment);
    if (geometry === 'slip') expect(screen.secondMoment).toBe(m2);
  });
});

describe('screen shapes at the default tolerance', () => {
  it('KNOWN_SHAPES are what the scan over β finds (to the bit)', () => {
    for (const [geometry, p] of [
      ['isotropic', 0],
      ['slip', 2],
    ] as const) {
      const known = KNOWN_SHAPES[`${p}/1e-10`];
      expect(scannedShape(geometry, 1e-10)).toEqual(known);
      const shape = screenShape(geometry, 1e-10);
      expect([shape.beta, shape.edge]).toEqual([known.beta, known.edge]);
    }
  });
});
