import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/model/scenario/codec';
import type { Scenario } from '../../src/model/scenario/types';
import { regimeStatement1d } from '../../src/state/regimeStatement1d';

const scenario = (link: string): Scenario => {
  const r = decodeScenario(link);
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
};

// Which side of the d = 1 lines (MATH §12) a scenario sits, with the lines' closed forms as the oracle.
describe('the regime statement on the circle', () => {
  it('Thm 4.1 below δ = n^−3, and only short dipoles under U meet its assumptions', () => {
    // n = 200: n^−3 = 1.25e-7
    const s = scenario('v1&dim=1&c=gaussian&d=1e-3&n=200&U=1,1,0,0&i=dipoles&gamma=0.01');
    expect(regimeStatement1d(s).parameters).toContain('between');
    const thm = regimeStatement1d(scenario('v1&dim=1&c=poisson&d=1e-7&n=200&U=1,1,0,0&i=dipoles&gamma=0.01'));
    expect(thm.parameters).toContain('Thm 4.1 regime (δ ≤ n^−3');
    expect(thm.applies).toBe(true);
    const sampled = regimeStatement1d(scenario('v1&dim=1&c=poisson&d=1e-7&n=200&U=1,1,0,0'));
    expect(sampled.applies).toBe(false);
  });
  it('Remark 4.3 for the poisson core between n^−3 and n^−3/2 (n = 100: 1e-6 … 1e-3)', () => {
    const r = regimeStatement1d(scenario('v1&dim=1&c=poisson&d=1e-4&n=100&U=1,1,0,0&i=dipoles&gamma=0.01'));
    expect(r.parameters).toContain('Remark 4.3');
    const g = regimeStatement1d(scenario('v1&dim=1&c=gaussian&d=1e-3&n=100&U=1,1,0,0&i=dipoles&gamma=0.01'));
    expect(g.parameters).toContain('between');
  });
  it('above √(3T/log n) the criterion holds, but it is not a theorem in 1D', () => {
    // T = 0.2, n = 400: √(0.6/log 400) = 0.316; δ = 0.05 is below it
    expect(regimeStatement1d(scenario('v1&dim=1&c=poisson&d=0.05&n=400&T=0.2')).parameters).toContain(
      'between',
    );
    const r = regimeStatement1d(scenario('v1&dim=1&c=poisson&d=0.1&n=400&T=0.01'));
    // √(0.03/log 400) = 0.0707 < 0.1
    expect(r.parameters).toContain('above the stability criterion');
    expect(r.applies).toBe(false);
  });
});
