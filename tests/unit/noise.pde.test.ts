/**
 * The noisy PDE about ρ± = ½, U = 0 (MATH §13): κ modes decay at 4π²|k|²(V̂_k m_δ(k) + θ), the
 * ρ+ + ρ− modes at 4π²|k|²θ (isotropic); the free energy F = E + θ∫ρ±logρ± does not increase.
 */
import { describe, expect, it } from 'vitest';
import { interactionMultiplier } from '../../src/model/kernels/multipliers';
import { coefficientIndex, createPdeSolver } from '../../src/model/pde';
import { advanceWithHeatFlow, freeEnergy, HeatFlow } from '../../src/model/pde/diffusion';

function cells(N: number, modes: { a: number; p: number; q: number }[], sign: number): Float64Array {
  const rho = new Float64Array(N * N);
  for (let j = 0; j < N; j++)
    for (let i = 0; i < N; i++) {
      let v = 0.5;
      for (const m of modes)
        v += sign * m.a * Math.cos((2 * Math.PI * (m.p * (i + 0.5) + m.q * (j + 0.5))) / N);
      rho[j * N + i] = v;
    }
  return rho;
}

describe('noisy PDE, linearised about ρ± = ½', () => {
  it('κ at 4π²|k|²(V̂m + θ), ρ+ + ρ− at 4π²|k|²θ; F monotone', () => {
    const N = 64;
    const delta = 0.05;
    const theta = 0.02;
    const T = 0.25;
    const eps = 1e-5;
    const kappaModes = [{ a: eps, p: 1, q: 2 }];
    const sumModes = [{ a: eps, p: 2, q: 0 }];
    const plus = cells(N, kappaModes, 1).map((v, g) => v + cells(N, sumModes, 1)[g] - 0.5);
    const minus = cells(N, kappaModes, -1).map((v, g) => v + cells(N, sumModes, 1)[g] - 0.5);
    const s = createPdeSolver({
      geometry: 'isotropic',
      delta,
      N,
      rhoPlus: plus,
      rhoMinus: minus,
      dtMax: 0.01,
    });
    const flow = new HeatFlow(N, 'isotropic');
    const K = 3;
    const k0 = s.kappaHat(K);
    const p0 = s.coefficients(K, 'plus');
    const m0 = s.coefficients(K, 'minus');
    let F = freeEnergy(s.energy(), theta, s.rhoPlus, s.rhoMinus);
    for (let m = 1; m <= 10; m++) {
      advanceWithHeatFlow(s, flow, theta, (m * T) / 10, 2 ** -7);
      const f = freeEnergy(s.energy(), theta, s.rhoPlus, s.rhoMinus);
      expect(f).toBeLessThanOrEqual(F + 1e-15);
      F = f;
    }
    const k1 = s.kappaHat(K);
    const p1 = s.coefficients(K, 'plus');
    const m1 = s.coefficients(K, 'minus');
    const o = (p: number, q: number) => coefficientIndex(K, p, q);
    const amp = (
      b: { re: Float64Array; im: Float64Array },
      c: { re: Float64Array; im: Float64Array } | null,
      i: number,
    ) => Math.hypot(b.re[i] + (c ? c.re[i] : 0), b.im[i] + (c ? c.im[i] : 0));
    const kk = 1 * 1 + 2 * 2;
    const rateKappa =
      4 *
      Math.PI ** 2 *
      kk *
      (interactionMultiplier({ geometry: 'isotropic', core: 'gaussian', delta }, 1, 2) + theta);
    const rateSum = 4 * Math.PI ** 2 * 4 * theta;
    const iK = o(1, 2);
    const iS = o(2, 0);
    const measuredKappa = -Math.log(amp(k1, null, iK) / amp(k0, null, iK)) / T;
    const measuredSum = -Math.log(amp(p1, m1, iS) / amp(p0, m0, iS)) / T;
    console.log(
      `κ (1,2): ${measuredKappa.toPrecision(6)} vs ${rateKappa.toPrecision(6)}; ρ++ρ− (2,0): ${measuredSum.toPrecision(6)} vs ${rateSum.toPrecision(6)}`,
    );
    // discrete symbols: (πk/N)²/6 (transport) and /3 (5-point heat) relative, |k|∞ = 2, N = 64: < 0.4%
    expect(Math.abs(measuredKappa / rateKappa - 1)).toBeLessThan(0.01);
    expect(Math.abs(measuredSum / rateSum - 1)).toBeLessThan(0.01);
  });
});
