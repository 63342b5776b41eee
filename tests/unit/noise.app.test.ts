/**
 * What the app says and plots about noise (MATH §13): the dipole-break line against the Arrhenius
 * factor computed here from its definition exp(−ΔΦ/(2θ)), ΔΦ = (2/n)·log(ℓ/δ); the free energy F
 * is plotted and exported only with θ > 0; a change of θ or seed is a physics change (positions
 * kept), not a restart.
 */
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../src/model/scenario/defaults';
import type { Scenario } from '../../src/model/scenario/types';
import { validateScenario } from '../../src/model/scenario/validate';
import { plottedSeries } from '../../src/state/exports';
import { BOUND_FACTOR, BREAK_FACTOR, noiseStatement } from '../../src/state/noiseStatement';
import { classifyChange } from '../../src/state/scenarioChanges';
import { chartSpecs } from '../../src/ui/plots/chartSpecs';

function scenario(edit: (s: Scenario) => void): Scenario {
  const s = defaultScenario();
  edit(s);
  const r = validateScenario(s);
  if (!r.ok) throw new Error(`${r.error.field}: ${r.error.message}`);
  return r.scenario;
}

describe('the noise line', () => {
  it('is absent without noise', () => {
    expect(noiseStatement(defaultScenario())).toBeNull();
  });

  it('says bound or break by the escape rate (δ/ℓ)^{1/(nθ)−2} = exp(−(2/n)log(ℓ/δ)/(2θ))·(ℓ/δ)²', () => {
    const cases = [
      { n: 1000, delta: 1000 ** -1.5, theta: 3e-5, verdict: 'bound' },
      { n: 1000, delta: 1000 ** -1.5, theta: 4.5e-4, verdict: 'break' },
      { n: 400, delta: 0.002, theta: 7.5e-4, verdict: 'rarely' },
    ];
    for (const c of cases) {
      const s = scenario((x) => {
        x.n = c.n;
        x.delta = c.delta;
        x.noise = { temperature: c.theta, seed: 1 };
      });
      const st = noiseStatement(s);
      const ell = c.n ** -0.5;
      const expected =
        Math.exp(-((2 / c.n) * Math.log(ell / c.delta)) / (2 * c.theta)) * (ell / c.delta) ** 2;
      expect(st?.factor).toBeCloseTo(expected, 12);
      expect(Math.abs((st?.factor ?? 0) / expected - 1)).toBeLessThan(1e-12);
      const verdict = expected < BOUND_FACTOR ? 'bound' : expected < BREAK_FACTOR ? 'rarely' : 'break';
      expect(verdict).toBe(c.verdict);
      expect(st?.verdict).toBe(c.verdict);
      expect(st?.text).toMatch(
        /^θ = .*\(nθ = .*\): dipoles of width δ break at rate ∝ \(δ\/ℓ\)\^\(1\/\(nθ\)−2\) = /,
      );
    }
    const wide = scenario((x) => {
      x.n = 100;
      x.delta = 0.2;
      x.noise = { temperature: 1e-3, seed: 1 };
    });
    expect(noiseStatement(wide)?.verdict).toBe('no barrier');
    // nθ ≥ ½: the separation's stationary law r^{1−1/(nθ)}dr is not concentrated at 0
    const hot = scenario((x) => {
      x.n = 1000;
      x.delta = 1e-6;
      x.noise = { temperature: 0.5 / 1000, seed: 1 };
    });
    expect(noiseStatement(hot)?.verdict).toBe('no bound state');
    expect(noiseStatement(hot)?.factor).toBe(1);
    // on the circle the separation is 1D and ℓ = 1/n: rate (δ/ℓ)^{1/(nθ)−1}, no bound state for nθ ≥ 1
    const circle = { ...hot, dimension: 1 as const, n: 200, delta: 1e-6 };
    for (const [nTheta, verdict] of [
      [0.5, 'bound'],
      [1.5, 'no bound state'],
    ] as const) {
      const st = noiseStatement({ ...circle, noise: { temperature: nTheta / 200, seed: 1 } });
      expect(st?.verdict).toBe(verdict);
      if (verdict === 'bound') {
        expect(st?.factor).toBeCloseTo((1e-6 * 200) ** (1 / nTheta - 1), 14);
        expect(st?.text).toContain('(δ/ℓ)^(1/(nθ)−1)');
        expect(st?.text).toContain('ℓ = n^−1');
      } else expect(st?.text).toContain('nθ ≥ 1');
    }
  });

  it('reads θ of a rule at n', () => {
    const s = scenario((x) => {
      x.n = 1000;
      x.noise = { temperature: { rule: 'power', c: 0.3, q: 1 }, seed: 2 };
    });
    expect(noiseStatement(s)?.theta).toBe(0.3 / 1000);
    expect(noiseStatement(s)?.text).toMatch(/^θ = 3.00×10⁻⁴ \(nθ = 0.3\)/);
  });
});

describe('F in the plots and exports', () => {
  const names = (noisy: boolean, pde: boolean) =>
    chartSpecs('light', pde, false, noisy)[0].series.map((x) => x.name);
  it('only with θ > 0 and the PDE on', () => {
    expect(names(false, true)).toEqual(['energyParticles', 'energyPde']);
    expect(names(true, true)).toEqual(['energyParticles', 'energyPde', 'freeEnergyPde']);
    expect(names(true, false)).toEqual(['energyParticles']);
    expect(chartSpecs('light', true, false, true)[0].series[2].label).toMatch(/^F = E_δ \+ θ∫ρ±log ρ±/);
    expect(plottedSeries(true).some((x) => x.name === 'freeEnergyPde')).toBe(false);
    expect(plottedSeries(true, true).some((x) => x.name === 'freeEnergyPde')).toBe(true);
    expect(plottedSeries(false, true).some((x) => x.name === 'freeEnergyPde')).toBe(false);
  });
});

describe('editing the noise', () => {
  it('θ or seed: new dynamics, positions kept (no restart)', () => {
    const a = scenario((x) => {
      x.noise = { temperature: 1e-3, seed: 1 };
    });
    const b = scenario((x) => {
      x.noise = { temperature: 1e-3, seed: 2 };
    });
    const c = scenario((x) => {
      x.noise = { temperature: 2e-3, seed: 1 };
    });
    expect(classifyChange(a, b)).toEqual({
      restart: false,
      pdeSetup: false,
      particlePhysics: true,
      pdePhysics: false,
    });
    expect(classifyChange(a, c)).toEqual({
      restart: false,
      pdeSetup: false,
      particlePhysics: true,
      pdePhysics: true,
    });
    expect(classifyChange(defaultScenario(), a).particlePhysics).toBe(true);
    expect(classifyChange(defaultScenario(), defaultScenario()).particlePhysics).toBe(false);
  });
});
