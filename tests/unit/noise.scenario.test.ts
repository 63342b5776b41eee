/**
 * The scenario's noise field and its link keys `th`, `ns` (MATH §13): old links decode to the same
 * scenario (no noise field) and re-encode to the same text; noisy scenarios round-trip exactly;
 * bad values are refused with the field's path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario } from '../../src/model/scenario/codec';
import { resolveNoise, TEMPERATURE_MAX } from '../../src/model/scenario/noise';
import type { Scenario } from '../../src/model/scenario/types';
import { validateScenario } from '../../src/model/scenario/validate';
import { PAPER_STORY, PRESETS } from '../../src/state/presets';
import { deepSame } from './deepSame';

function valid(input: unknown): Scenario {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(`${r.error.field}: ${r.error.message}`);
  return r.scenario;
}

const refusal = (link: string) => {
  const r = decodeScenario(link);
  return r.ok ? 'ok' : `${r.error.field}: ${r.error.message}`;
};
const refusalOf = (s: unknown) => {
  const r = validateScenario(s);
  return r.ok ? 'ok' : `${r.error.field}: ${r.error.message}`;
};

/** Links written before the noise field existed (README, docs, presets, the paper story). */
const OLD_LINKS = [
  'v1',
  'v1&d=0.05&n=4000&samp=iid&seed=3&T=0.2',
  'v1&g=slip&d=pow:0.5,1.25&n=1000&U=1,1,0,0&i=dipoles&o=vertical&seed=7',
  'v1&c=ring&d=0.03&n=2000',
  'v1&dim=1&c=poisson&d=pow:1,4&n=100&U=1,1,0,0&i=dipoles&gamma=0.01',
  'v1&U=&pde=off',
  ...PRESETS.filter((p) => !p.id.startsWith('noise-')).map((p) => encodeScenario(p.scenario)),
  ...PAPER_STORY.scenes.map((s) => s.link.split('&view=')[0]),
];

describe('noise in the scenario and the link', () => {
  it('old links decode without a noise field and re-encode to the same text', () => {
    for (const link of OLD_LINKS) {
      const r = decodeScenario(link);
      expect(r.ok, `${link}: ${refusal(link)}`).toBe(true);
      if (!r.ok) continue;
      expect('noise' in r.scenario, link).toBe(false);
      expect(resolveNoise(r.scenario).temperature, link).toBe(0);
      expect(encodeScenario(r.scenario)).toBe(link);
    }
  });

  it('the default noise {θ = 0, seed 1} is the absent field: same object, same link', () => {
    const a = valid({ n: 100 });
    for (const noise of [{}, { temperature: 0 }, { seed: 1 }, { temperature: 0, seed: 1 }]) {
      const b = valid({ n: 100, noise });
      expect(deepSame(a, b), JSON.stringify(noise)).toBe(true);
      expect(encodeScenario(b)).toBe('v1&n=100');
    }
    expect(decodeScenario('v1&n=100&th=0&ns=1').ok).toBe(true);
    const r = decodeScenario('v1&n=100&th=0&ns=1');
    expect(r.ok && encodeScenario(r.scenario)).toBe('v1&n=100');
  });

  it('writes th and ns in the documented form', () => {
    expect(encodeScenario(valid({ n: 100, noise: { temperature: 0.01 } }))).toBe('v1&n=100&th=0.01');
    expect(encodeScenario(valid({ noise: { temperature: { rule: 'power', c: 0.5, q: 1 }, seed: 9 } }))).toBe(
      'v1&th=pow:0.5,1&ns=9',
    );
    expect(encodeScenario(valid({ noise: { seed: 0 } }))).toBe('v1&ns=0');
    // `p:` is read as `pow:` (the spelling); the link is written with `pow:`, as δ is
    const r = decodeScenario('v1&n=500&th=p:0.5,1');
    expect(r.ok && r.scenario.noise).toEqual({ temperature: { rule: 'power', c: 0.5, q: 1 }, seed: 1 });
    expect(r.ok && encodeScenario(r.scenario)).toBe('v1&n=500&th=pow:0.5,1');
    expect(r.ok && resolveNoise(r.scenario).temperature).toBe(0.5 / 500);
  });

  it('noisy scenarios round-trip exactly (random θ, rules, seeds)', () => {
    const temperature = fc.oneof(
      fc.double({ min: 0, max: TEMPERATURE_MAX, noNaN: true }),
      fc.constantFrom(5e-324, 1e-300, 0.1 + 0.2, TEMPERATURE_MAX),
      fc.record({
        rule: fc.constant('power' as const),
        c: fc.double({ min: 1e-6, max: 1, noNaN: true }),
        q: fc.double({ min: 0, max: 5, noNaN: true }),
      }),
    );
    const seed = fc.integer({ min: 0, max: 4294967295 });
    const n = fc.integer({ min: 2, max: 200000 });
    fc.assert(
      fc.property(temperature, seed, n, fc.constantFrom('isotropic', 'slip'), (t, sd, nn, g) => {
        const r = validateScenario({ n: nn, geometry: g, delta: 1e-3, noise: { temperature: t, seed: sd } });
        if (!r.ok) return true; // −0 or a rule above θ_max at this n: refused (tested below)
        const back = decodeScenario(encodeScenario(r.scenario));
        return back.ok && deepSame(back.scenario, r.scenario);
      }),
      { numRuns: 400 },
    );
  });

  it('refuses bad θ and seeds, naming the field', () => {
    expect(refusal('v1&th=-0.1')).toMatch(/^noise.temperature: must be a number in \[0, 1\], got -0.1/);
    expect(refusal('v1&th=NaN')).toMatch(/^noise.temperature: "NaN" is not a number/);
    expect(refusal('v1&th=Infinity')).toMatch(/^noise.temperature: "Infinity" is not a number/);
    expect(refusal('v1&th=2')).toMatch(/^noise.temperature: must be a number in \[0, 1\], got 2/);
    expect(refusal('v1&th=1e300')).toMatch(/^noise.temperature:/);
    expect(refusal('v1&th=pow:0.5')).toMatch(/^noise.temperature: expected 2 comma-separated numbers/);
    expect(refusal('v1&th=exp:1,1')).toMatch(/^noise.temperature: θ is a number or pow:c,q/);
    expect(refusal('v1&th=pow:0,1')).toMatch(/^noise.temperature.c: must be a number in \(0, 1000\]/);
    expect(refusal('v1&th=pow:1,-1')).toMatch(/^noise.temperature.q: must be a number in \[0, 5\]/);
    // θ = 500·400^{−1} = 1.25 > 1: a rule across fields
    expect(refusal('v1&n=400&th=pow:500,1')).toMatch(
      /^noise.temperature: θ = 1.25 at n = 400 must lie in \[0, 1\]/,
    );
    expect(refusal('v1&th=0.1&ns=1.5')).toMatch(
      /^noise.seed: must be an integer in \[0, 4294967295\], got 1.5/,
    );
    expect(refusal('v1&th=0.1&ns=-1')).toMatch(/^noise.seed: must be an integer/);
    expect(refusal('v1&th=0.1&ns=4294967296')).toMatch(/^noise.seed: must be an integer/);
    expect(refusal('v1&th=0.1&th=0.2')).toMatch(/^noise.temperature: "th" appears twice/);
    expect(refusalOf({ noise: { temperature: '0.1' } })).toMatch(
      /^noise.temperature: must be a number θ ≥ 0 or a rule/,
    );
    expect(refusalOf({ noise: { temperature: null } })).toMatch(
      /^noise.temperature: must be a number θ ≥ 0 or a rule/,
    );
    expect(refusalOf({ noise: { temperature: { rule: 'log', c: 1 } } })).toMatch(/^noise.temperature/);
    expect(refusalOf({ noise: { theta: 0.1 } })).toMatch(/^noise.theta: unknown field/);
    expect(refusalOf({ noise: 0.1 })).toMatch(/^noise: must be an object/);
  });

  it('1D reads with and without θ > 0', () => {
    const base = 'v1&dim=1&c=poisson&d=0.01&n=100';
    expect(refusal(base)).toBe('ok');
    expect(refusal(`${base}&ns=5`)).toBe('ok');
    expect(refusal(`${base}&th=0.01`)).toBe('ok');
  });
});
