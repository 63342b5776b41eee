/**
 * The ring core (outside the paper's assumption V3): m_δ(k) < 0 for 2πδ|k| between the first two
 * zeros of J₀, so the uniform state ρ± = ½ is linearly unstable there. Linearising
 * ∂_t ρ± = ± div(ρ± ∇(V_δ ∗ κ)) about ρ± = ½ gives ∂_t κ = Δ(V_δ ∗ κ), i.e. for the isotropic
 * V̂ = m_δ/(2π|k|²) the rate λ(k) = −4π²|k|²·V̂(k) = −2π m_δ(k). The PDE, started from a mode of
 * amplitude 1e-7, must grow at that rate where m_δ < 0 and decay where m_δ > 0 (measured over
 * the run from the mode's Fourier coefficient; the grid's own rate differs by O((πkh)²) ≈ 2% at
 * N = 128, k = 10, measured 1.0% and 0.06% low, hence the 2% bound). Cost: ~1 s.
 */
import { describe, expect, it } from 'vitest';
import { ringMultiplier } from '../../src/model/kernels/cores/ring';
import { coefficientIndex } from '../../src/model/pde/grid';
import { createPdeSolver } from '../../src/model/pde/solver';

const N = 128;
const delta = 0.05;

/** Measured exponential rate of the (k, 0) mode of κ over [0, T]. */
function measuredRate(k: number, T: number): number {
  const amp = 1e-7;
  const rhoPlus = new Float64Array(N * N);
  const rhoMinus = new Float64Array(N * N);
  // cell averages of ½ ± amp·cos(2πk x)
  const sinc = Math.sin((Math.PI * k) / N) / ((Math.PI * k) / N);
  for (let j = 0; j < N; j++)
    for (let i = 0; i < N; i++) {
      const c = amp * sinc * Math.cos((2 * Math.PI * k * (i + 0.5)) / N);
      rhoPlus[j * N + i] = 0.5 + c;
      rhoMinus[j * N + i] = 0.5 - c;
    }
  const s = createPdeSolver({ geometry: 'isotropic', core: 'ring', delta, N, rhoPlus, rhoMinus });
  const K = k + 1;
  const mode = () => {
    const c = s.kappaHat(K);
    const p = coefficientIndex(K, k, 0);
    return Math.hypot(c.re[p], c.im[p]);
  };
  const a0 = mode();
  s.advanceTo(T);
  return Math.log(mode() / a0) / T;
}

describe('PDE with the ring core', () => {
  it('grows at the closed-form linear rate −2π m_δ(k) where m_δ < 0 (k = 10, 2πδk = π)', () => {
    const k = 10;
    const m = ringMultiplier(delta, k * k);
    expect(m).toBeLessThan(0);
    const rate = measuredRate(k, 2);
    expect(rate).toBeGreaterThan(0);
    expect(Math.abs(rate / (-2 * Math.PI * m) - 1)).toBeLessThan(0.02);
  });
  it('decays at that rate where m_δ > 0 (k = 3)', () => {
    const k = 3;
    const m = ringMultiplier(delta, k * k);
    expect(m).toBeGreaterThan(0);
    const rate = measuredRate(k, 0.3);
    expect(rate).toBeLessThan(0);
    expect(Math.abs(rate / (-2 * Math.PI * m) - 1)).toBeLessThan(0.02);
  });
});
