/**
 * The PDE's heat-flow split step (src/model/pde/diffusion.ts): a Fourier mode of ρ decays at
 * θ·4π²|k|² (isotropic; slip only k₁ counts) up to the 5-point symbol's (πk/N)²/3, mass and
 * positivity are kept, the entropy ∫ρ log ρ decreases (F monotone for U = 0 heat flow).
 */
import { describe, expect, it } from 'vitest';
import { entropy } from '../../src/model/pde/diagnostics';
import { HeatFlow } from '../../src/model/pde/diffusion';

/** ∫ρ log ρ of one species: the solver's entropy with an empty second species. */
const entropyOf = (rho: Float64Array) => entropy(rho, new Float64Array(rho.length));

function modeField(N: number, k1: number, k2: number, eps: number): Float64Array {
  const rho = new Float64Array(N * N);
  for (let j = 0; j < N; j++)
    for (let i = 0; i < N; i++) rho[j * N + i] = 0.5 + eps * Math.cos((2 * Math.PI * (k1 * i + k2 * j)) / N);
  return rho;
}

/** Amplitude of the cos mode (k1, k2) by a direct sum. */
function amplitude(N: number, rho: Float64Array, k1: number, k2: number): number {
  let s = 0;
  for (let j = 0; j < N; j++)
    for (let i = 0; i < N; i++) s += rho[j * N + i] * Math.cos((2 * Math.PI * (k1 * i + k2 * j)) / N);
  return (2 * s) / (N * N);
}

describe('PDE heat flow (noise)', () => {
  const N = 64;
  const theta = 0.01;
  const t = 0.3;
  it.each([
    ['isotropic', 1, 0],
    ['isotropic', 2, 3],
    ['slip', 3, 0],
    ['slip', 0, 2],
    ['slip', 2, 5],
  ] as const)('%s: mode (%i, %i) decays at 4π²θ·(k₁² [+ k₂²])', (geometry, k1, k2) => {
    const flow = new HeatFlow(N, geometry);
    const rho = modeField(N, k1, k2, 0.1);
    const mass0 = rho.reduce((s, v) => s + v, 0);
    const s0 = entropyOf(rho);
    for (let m = 0; m < 3; m++) flow.apply(rho, (theta * t) / 3);
    const rate = -Math.log(amplitude(N, rho, k1, k2) / 0.1) / t;
    const k2eff = geometry === 'slip' ? k1 * k1 : k1 * k1 + k2 * k2;
    const formula = 4 * Math.PI ** 2 * k2eff * theta;
    const symbolError = ((Math.PI * Math.max(k1, geometry === 'slip' ? 0 : k2)) / N) ** 2 / 3;
    console.log(
      `${geometry} (${k1},${k2}): rate ${rate.toPrecision(6)} vs 4π²|k|²θ = ${formula.toPrecision(6)}`,
    );
    if (formula === 0) expect(Math.abs(rate)).toBeLessThan(1e-12);
    else expect(Math.abs(rate / formula - 1)).toBeLessThan(symbolError + 1e-9);
    expect(Math.abs(rho.reduce((s, v) => s + v, 0) - mass0)).toBeLessThan(1e-10);
    if (formula > 0) expect(entropyOf(rho)).toBeLessThan(s0);
  });

  it('keeps positivity of a point mass and lowers its entropy monotonically', () => {
    const flow = new HeatFlow(N, 'isotropic');
    const rho = new Float64Array(N * N);
    rho[5 * N + 7] = N * N;
    let prev = entropyOf(rho);
    for (let m = 0; m < 10; m++) {
      flow.apply(rho, 1e-4);
      const s = entropyOf(rho);
      expect(s).toBeLessThan(prev);
      prev = s;
      expect(Math.min(...rho)).toBeGreaterThanOrEqual(0);
    }
    expect(Math.abs(rho.reduce((s, v) => s + v, 0) / (N * N) - 1)).toBeLessThan(1e-12);
  });
});
