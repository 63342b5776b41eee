/**
 * The ring core on the circle (MATH §12, §2a): the 1D PDE about ρ± = ½ grows mode k of κ at
 * γ(k) = −4π²k²·V̂_k·m_δ(k) = −2π²|k|·m_δ(k) (V̂_k = 1/2|k|), written out here. Unlike in 2D the rate
 * scales with 1/δ: δ = 0.05, k = 10 (2πδk = π) grows at ≈ 17.5. Started from amplitude 1e-8, the
 * measured rate must be the formula's within 2% (grid error O((πk/N)²) ≈ 0.1% at N = 256).
 * Cost: ~1 s.
 */
import { describe, expect, it } from 'vitest';
import { Pde1d } from '../../src/model/oneD/pde1d';
import { besselJ0 } from '../../src/model/special/besselJ0';

const N = 256;
const delta = 0.05;
const m = (k: number) => besselJ0(2 * Math.PI * delta * k) * Math.exp(-0.5 * (Math.PI * delta * k) ** 2);

/** |κ̂_k| from the cell averages (the sinc factor cancels in a ratio). */
function mode(p: Pde1d, k: number): number {
  let re = 0;
  let im = 0;
  for (let c = 0; c < N; c++) {
    const a = (2 * Math.PI * k * (c + 0.5)) / N;
    const kap = p.rp[c] - p.rm[c];
    re += kap * Math.cos(a);
    im += kap * Math.sin(a);
  }
  return Math.hypot(re, im) / N;
}

function measuredRate(k: number, T: number): number {
  const amp = 1e-8;
  const rhoPlus = Array.from(
    { length: N },
    (_, c) => 0.5 + amp * Math.cos((2 * Math.PI * k * (c + 0.5)) / N),
  );
  const rhoMinus = rhoPlus.map((v) => 1 - v);
  const p = new Pde1d({ core: 'ring', delta, N, rhoPlus, rhoMinus });
  const a0 = mode(p, k);
  p.advanceTo(T);
  const rate = Math.log(mode(p, k) / a0) / T;
  console.log(
    `ring 1D k=${k}: measured ${rate.toFixed(4)}, formula ${(-2 * Math.PI ** 2 * k * m(k)).toFixed(4)}`,
  );
  return rate;
}

describe('1D PDE with the ring core: linear rates about ρ± = ½', () => {
  it('k = 10 (m_δ < 0): grows at −2π²|k| m_δ(k)', () => {
    expect(m(10)).toBeLessThan(0);
    const rate = measuredRate(10, 0.4);
    expect(rate).toBeGreaterThan(10);
    expect(Math.abs(rate / (-2 * Math.PI ** 2 * 10 * m(10)) - 1)).toBeLessThan(0.02);
  });
  it('k = 3 (m_δ > 0): decays at that rate', () => {
    const rate = measuredRate(3, 0.05);
    expect(rate).toBeLessThan(0);
    expect(Math.abs(rate / (-2 * Math.PI ** 2 * 3 * m(3)) - 1)).toBeLessThan(0.02);
  });
});
