import { describe, expect, it } from 'vitest';
import { integrate } from '../../src/model/integrate';
import {
  halfDensityCells,
  quantileData1d,
  shortDipoles1d,
  sineCumulative,
} from '../../src/model/oneD/init1d';
import { Pde1d } from '../../src/model/oneD/pde1d';
import { classifyRegime1d, regimeLines1d } from '../../src/model/oneD/regime1d';
import {
  cellCoefficients1d,
  empiricalCoefficients1d,
  hMinusDistance1d,
} from '../../src/model/oneD/sobolev1d';
import { createSystem1d, embed1d, project1d } from '../../src/model/oneD/system1d';
import type { ExternalField } from '../../src/model/types';

const TOL = { method: 'explicit' as const, rtol: 1e-11, atol: 1e-13 };

describe('1D pair ODE (poisson core, closed form)', () => {
  // ds/dt = V'(s) = −2πq sin 2πs/((1−q)² + 4q sin²πs)  ⇒  t(s) = −(1−q)²/(4π²q)·log tan πs + log(cos πs)/π²
  const delta = 0.01;
  const q = Math.exp(-2 * Math.PI * delta);
  const a2 = Math.expm1(-2 * Math.PI * delta) ** 2;
  const tOf = (s: number) =>
    (-a2 / (4 * Math.PI * Math.PI * q)) * Math.log(Math.tan(Math.PI * s)) +
    Math.log(Math.cos(Math.PI * s)) / (Math.PI * Math.PI);
  const sAt = (s0: number, T: number) => {
    let lo = 1e-9;
    let hi = s0;
    for (let i = 0; i < 100; i++) {
      const mid = 0.5 * (lo + hi);
      if (tOf(mid) - tOf(s0) > T) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  };
  it.each(['explicit', 'stiff'] as const)(
    '%s: a ± pair closes as the closed form says, centre fixed',
    (method) => {
      const s0 = 0.3;
      const T = 0.012;
      const sys = createSystem1d('poisson', delta, { modes: [], force: [0, 0] }, Int8Array.of(1, -1));
      const r = integrate(sys, embed1d([0.6 + s0 / 2, 0.6 - s0 / 2]), T, { ...TOL, method });
      const x = r.unwrapped;
      expect(Math.abs(x[0] - x[2] - sAt(s0, T))).toBeLessThan(method === 'explicit' ? 1e-9 : 1e-7);
      expect(Math.abs((x[0] + x[2]) / 2 - 0.6)).toBeLessThan(1e-13);
      expect(x[1]).toBe(0);
    },
  );
});

describe('1D H⁻² distance', () => {
  it('reads cell averages exactly and matches a real-space double sum for particles', () => {
    const N = 64;
    const cells = Float64Array.from({ length: N }, (_, c) => {
      // cell averages of ½(1 + cos 2πx): ½(1 + cos(2πx_c)·sinc(π/N))
      const xc = (c + 0.5) / N;
      return 0.5 * (1 + Math.cos(2 * Math.PI * xc) * (Math.sin(Math.PI / N) / (Math.PI / N)));
    });
    const c = cellCoefficients1d(cells, 4);
    expect(c.re[4]).toBeCloseTo(0.5, 14);
    expect(c.re[5]).toBeCloseTo(0.25, 14);
    expect(Math.abs(c.re[6]) + Math.abs(c.im[5])).toBeLessThan(1e-14);
    // ‖μ+ − μ'+‖² = Σ_i Σ_j w_i w_j G(x_i − x_j), G(x) = Σ_{|k|≤K} (1+4π²k²)^{−2} cos 2πkx
    const K = 32;
    const x = [0.1, 0.35, 0.8, 0.12, 0.5];
    const signs = [1, 1, 1, -1, -1];
    const y = [0.11, 0.3, 0.9, 0.7, 0.2];
    const kernelG = (d: number) => {
      let g = 0;
      for (let k = -K; k <= K; k++)
        g += (1 + 4 * Math.PI * Math.PI * k * k) ** -2 * Math.cos(2 * Math.PI * k * d);
      return g;
    };
    const pts = [...[0, 1, 2].map((i) => [x[i], 1 / 5]), ...[0, 1, 2].map((i) => [y[i], -1 / 5])];
    let d2 = 0;
    for (const [a, wa] of pts) for (const [b, wb] of pts) d2 += wa * wb * kernelG(a - b);
    const mu = empiricalCoefficients1d(x, signs, 1, K);
    const nu = empiricalCoefficients1d(y, signs, 1, K);
    let s = 0;
    for (let k = -K; k <= K; k++)
      s +=
        (1 + 4 * Math.PI * Math.PI * k * k) ** -2 *
        ((mu.re[k + K] - nu.re[k + K]) ** 2 + (mu.im[k + K] - nu.im[k + K]) ** 2);
    expect(Math.abs(Math.sqrt(s) - Math.sqrt(d2))).toBeLessThan(1e-14);
  });
});

describe('regime lines in 1D', () => {
  it('draws δ = n^{−3}, n^{−3/2}, 1/n and classifies', () => {
    const l = regimeLines1d(100, 0.2);
    expect(l.thm41).toBeCloseTo(1e-6, 18);
    expect(l.spacing).toBe(0.01);
    expect(classifyRegime1d(100, 1e-7, 0.2)).toBe('non-convergent');
    expect(classifyRegime1d(100, 0.5, 0.2)).toBe('convergent');
    expect(classifyRegime1d(100, 1e-3, 0.2)).toBe('open');
  });
});

describe('the dichotomy on the circle (U = cos 2πx, ρ◦ = 1 + ½ sin 2πx, T = 0.1)', () => {
  const U: ExternalField = { modes: [{ a: 1, p: 1, q: 0, phi: 0 }], force: [0, 0] };
  const F = sineCumulative(0.5);
  const T = 0.1;
  const N = 256;
  /** ‖μ+(T) − ρ+(T)‖_{H⁻²} for particles and PDE with the same δ. */
  function distance(n: number, delta: number, dipoles: boolean): number {
    // γ = 0: the dipoles of Cor. 4.2 (x− = x+). The stiff integrator takes the linear pair dynamics
    // in its stride; a collapse from γδ = δ/2 at δ ≲ 1e-7 underflows its step size (also in 2D).
    const p = dipoles ? shortDipoles1d(n, F, delta, 0) : quantileData1d(n, F);
    const sys = createSystem1d('poisson', delta, U, p.signs);
    const r = integrate(sys, embed1d(p.x), T, { method: 'auto', rtol: 1e-7, atol: 1e-10, h0: 1e-6 });
    const cells = halfDensityCells(N, F);
    const pde = new Pde1d({ core: 'poisson', delta, field: U, N, rhoPlus: cells, rhoMinus: cells });
    pde.advanceTo(T);
    return hMinusDistance1d(project1d(r.pos), p.signs, pde.rp, pde.rm).plus;
  }
  it('δ = 0.05 fixed: the distance falls (measured slope ≈ −2 in n); short dipoles with δ = n^{−4}: it stays O(1)', () => {
    const ns = [50, 100, 200];
    const conv = ns.map((n) => distance(n, 0.05, false));
    const ce = ns.map((n) => distance(n, n ** -4, true));
    const slope = Math.log(conv[2] / conv[0]) / Math.log(4);
    expect(slope).toBeLessThan(-1.5);
    expect(Math.abs(ce[2] / ce[0] - 1)).toBeLessThan(0.01);
    expect(ce[2]).toBeGreaterThan(0.8 * ce[0]);
    expect(ce[2]).toBeGreaterThan(20 * conv[2]);
  });
});
