/**
 * The scenario's noise (MATH §13): temperature θ (a number or θ = c·n^{−q}) and the seed of the
 * Brownian paths. Absent means θ = 0: the validator leaves the field out whenever it equals the
 * default {temperature: 0, seed: 1}, so every noiseless scenario, old or new, is the same object
 * and the same link as before the field existed.
 */
import { numberList } from './codecValues';
import { formatNumber as f } from './numbers';
import { fail, num, oneOf, quote, record, show } from './read';
import type { NoiseSpec, Scenario, TemperatureSpec } from './types';

/**
 * Largest θ. At θ = 1 a particle diffuses across the whole torus (√(2θT) ≈ 1.4 at T = 1) and the
 * noise step 1/(8nθ) is already 2⁻¹⁹ at n = 4000: far beyond any regime of interest, where the
 * interaction (velocities ~1) still matters against the noise.
 */
export const TEMPERATURE_MAX = 1;
export const NOISE_DEFAULTS = { temperature: 0, seed: 1 } as const;
export const TEMPERATURE_RULE_DEFAULTS = { c: 1, q: 1 } as const;

/** Ranges by path (merged into the validator's FIELD_RANGES, so the JSON Schema has them too). */
export const NOISE_RANGES = {
  'noise.temperature': { min: 0, max: TEMPERATURE_MAX },
  'noise.temperature.c': { above: 0, max: 1e3 },
  'noise.temperature.q': { min: 0, max: 5 },
  'noise.seed': { integer: true, min: 0, max: 4294967295 },
} as const;

/** θ of a TemperatureSpec at n particles. */
export function evaluateTemperature(spec: TemperatureSpec, n: number): number {
  return typeof spec === 'number' ? spec : spec.c * n ** -spec.q;
}

/** θ of a scenario (0 without noise), the rule evaluated at its n. */
export function resolveTemperature(s: Pick<Scenario, 'noise' | 'n'>): number {
  return s.noise ? evaluateTemperature(s.noise.temperature, s.n) : 0;
}

/** The noise a run uses: θ resolved at n and the seed (θ = 0: no noise). */
export function resolveNoise(s: Pick<Scenario, 'noise' | 'n'>): { temperature: number; seed: number } {
  return { temperature: resolveTemperature(s), seed: s.noise?.seed ?? NOISE_DEFAULTS.seed };
}

const R = NOISE_RANGES;

function readTemperature(v: unknown, n: number): TemperatureSpec {
  let spec: TemperatureSpec;
  if (v === undefined) spec = NOISE_DEFAULTS.temperature;
  else if (typeof v === 'number') spec = num(v, 'noise.temperature', undefined, R['noise.temperature']);
  else {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      fail('noise.temperature', `must be a number θ ≥ 0 or a rule {rule: 'power', c, q}, got ${show(v)}`);
    const r = record(v, 'noise.temperature', ['rule', 'c', 'q']);
    const rule = oneOf(r.rule, 'noise.temperature.rule', ['power'] as const, undefined);
    spec = {
      rule,
      c: num(r.c, 'noise.temperature.c', TEMPERATURE_RULE_DEFAULTS.c, R['noise.temperature.c']),
      q: num(r.q, 'noise.temperature.q', TEMPERATURE_RULE_DEFAULTS.q, R['noise.temperature.q']),
    };
  }
  const theta = evaluateTemperature(spec, n);
  if (!(theta >= 0 && theta <= TEMPERATURE_MAX))
    fail('noise.temperature', `θ = ${theta} at n = ${n} must lie in [0, ${TEMPERATURE_MAX}]`);
  return spec;
}

/** The validated noise field, or undefined when it is the default (θ = 0, seed 1). */
export function readNoise(v: unknown, n: number): NoiseSpec | undefined {
  if (v === undefined) return undefined;
  const r = record(v, 'noise', ['temperature', 'seed']);
  const temperature = readTemperature(r.temperature, n);
  const seed = num(r.seed, 'noise.seed', NOISE_DEFAULTS.seed, R['noise.seed']);
  if (temperature === NOISE_DEFAULTS.temperature && seed === NOISE_DEFAULTS.seed) return undefined;
  return { temperature, seed };
}

/** Link text of θ: `0.01` or `pow:c,q` (θ = c·n^{−q}; `p:c,q` reads too). */
export function formatTemperature(t: TemperatureSpec): string {
  return typeof t === 'number' ? f(t) : `pow:${f(t.c)},${f(t.q)}`;
}

export function parseTemperature(text: string, field: string): unknown {
  const colon = text.indexOf(':');
  if (colon >= 0) {
    const head = text.slice(0, colon);
    if (head !== 'pow' && head !== 'p')
      fail(field, `θ is a number or pow:c,q (θ = c·n^−q), got ${quote(text)}`);
    const [c, q] = numberList(text.slice(colon + 1), 2, field);
    return { rule: 'power', c, q };
  }
  return numberList(text, 1, field)[0];
}
