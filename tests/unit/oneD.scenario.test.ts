import { describe, expect, it } from 'vitest';
import { initialCells1d, initialParticles1d } from '../../src/model/oneD/scenario1d';
import { decodeScenario, encodeScenario } from '../../src/model/scenario/codec';
import { validateScenario } from '../../src/model/scenario/validate';

describe('scenario dimension (MATH §12)', () => {
  it('dim=1 round-trips; 2D links and scenarios are unchanged', () => {
    const link = 'v1&dim=1&c=poisson&d=pow:1,4&n=100&U=1,1,0,0&i=dipoles&gamma=0.01';
    const r = decodeScenario(link);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.dimension).toBe(1);
    expect(encodeScenario(r.scenario)).toBe(link);
    const two = validateScenario({ n: 100 });
    expect(two.ok && 'dimension' in two.scenario).toBe(false);
    expect(two.ok && encodeScenario(two.scenario)).toBe('v1&n=100');
    const explicit2 = validateScenario({ n: 100, dimension: 2 });
    expect(explicit2.ok && encodeScenario(explicit2.scenario)).toBe('v1&n=100');
  });

  it('says what 1D needs, one field at a time', () => {
    const bad = (s: unknown) => {
      const r = validateScenario(s);
      return r.ok ? 'ok' : `${r.error.field}: ${r.error.message}`;
    };
    expect(bad({ dimension: 3 })).toMatch(/^dimension:/);
    expect(bad({ dimension: 1, field: { modes: [{ a: 1, p: 1, q: 1, phi: 0 }] } })).toMatch(
      /^field.modes\[0\].q: must be 0 in 1D/,
    );
    expect(bad({ dimension: 1, n: 101 })).toMatch(/^n: must be even in 1D/);
    expect(bad({ dimension: 1, core: 'plummer', delta: 1e-6 })).toMatch(
      /^delta: the plummer core needs δ ≥ 0.0005 in 1D/,
    );
    expect(bad({ dimension: 1, core: 'gaussian', delta: 1e-12, n: 100 })).toBe('ok');
    expect(bad({ dimension: 1, core: 'poisson', delta: 1e-9, n: 100 })).toBe('ok');
  });

  it('reads ρ◦ = ρ+ + ρ− (x₁-marginal): dipole centres at its quantiles, PDE cells of ρ◦/2', () => {
    const r = decodeScenario('v1&dim=1&c=poisson&d=1e-9&n=200&i=dipoles&gamma=0.5');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = initialParticles1d(r.scenario);
    expect(p.x.length).toBe(200);
    expect(Math.abs(p.x[0] - p.x[1] - 1e-9)).toBeLessThan(1e-15);
    const cells = initialCells1d(r.scenario, 64);
    let mass = 0;
    for (let c = 0; c < 64; c++) mass += (cells.rhoPlus[c] + cells.rhoMinus[c]) / 64;
    expect(mass).toBeCloseTo(1, 12);
    // uniform ρ◦: centres at (i + ½)·2/n, cells ½
    expect(Math.abs((p.x[2] + p.x[3]) / 2 - 3 / 200)).toBeLessThan(1e-12);
    expect(Math.abs(cells.rhoMinus[17] - 0.5)).toBeLessThan(1e-12);
  });
});

describe('1D presets', () => {
  it('decode as 1D scenarios that satisfy the theorems they illustrate', async () => {
    const { PRESETS_1D } = await import('../../src/model/oneD/presets1d');
    const { resolveDelta } = await import('../../src/model/scenario/delta');
    const { classifyRegime1d } = await import('../../src/model/oneD/regime1d');
    const [ce, conv] = PRESETS_1D.map((p) => {
      const r = decodeScenario(p.link);
      if (!r.ok) throw new Error(r.error.message);
      expect(r.scenario.dimension).toBe(1);
      return r.scenario;
    });
    expect(ce.n ** 3 * resolveDelta(ce)).toBeLessThan(0.01);
    expect(classifyRegime1d(ce.n, resolveDelta(ce), ce.T)).toBe('non-convergent');
    expect(ce.initial.kind).toBe('dipoles');
    expect(resolveDelta(conv)).toBe(0.05);
  });
});
