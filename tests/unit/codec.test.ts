import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario } from '../../src/model/scenario/codec';
import { DEFAULT_SCENARIO } from '../../src/model/scenario/defaults';
import type { Scenario } from '../../src/model/scenario/types';
import { validateScenario } from '../../src/model/scenario/validate';
import { deepSame } from './deepSame';

function valid(input: unknown): Scenario {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(`${r.error.field}: ${r.error.message}`);
  return r.scenario;
}

function roundTrips(s: Scenario): boolean {
  const r = decodeScenario(encodeScenario(s));
  return r.ok && deepSame(r.scenario, s);
}

// ---------- generators of valid scenarios ----------
const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const any = fc.double({ noNaN: true, noDefaultInfinity: true });
const int = (min: number, max: number) => fc.integer({ min, max });
const edge = fc.constantFrom(
  0.1 + 0.2,
  1e-8,
  5e-324,
  -0,
  1e21,
  1.7976931348623157e308,
  2 ** -1074 * 3,
  1 / 3,
);

const bump = fc.record({
  x: num(0, 1),
  y: num(0, 1),
  sigma: num(1e-3, 0.5),
  w: num(0, 1e6),
  s: fc.constantFrom(1, -1, 0, -0),
});
const density = fc.oneof(
  fc.constant({ kind: 'uniform' }),
  fc.record({ kind: fc.constant('sine'), a: num(-1, 1), p: int(-64, 64), q: int(-64, 64) }),
  fc.record({ kind: fc.constant('stripes'), a: num(-1, 1), beta: num(Number.MIN_VALUE, 100), m: int(1, 32) }),
  fc.record({ kind: fc.constant('bumps'), background: num(0, 1e6), bumps: fc.array(bump, { maxLength: 4 }) }),
);
const delta = fc.oneof(
  num(1e-8, 0.25),
  fc.constantFrom(1e-8, 0.25, 0.1 + 0.2 - 0.2),
  fc.record({ rule: fc.constant('power'), c: num(1e-4, 10), p: num(0, 5) }),
  fc.record({ rule: fc.constant('log'), c: num(1e-8, 0.5) }),
);
const mode = fc.record({
  a: fc.oneof(
    num(-1e4, 1e4),
    edge.filter((x) => Math.abs(x) <= 1e4),
  ),
  p: int(-64, 64),
  q: int(-64, 64),
  phi: fc.oneof(any, edge),
});
const seed = fc.oneof(int(0, 4294967295), fc.constantFrom(0, -0, 4294967295));
const initial = fc.oneof(
  fc.record({ kind: fc.constant('sample'), density, sampling: fc.constantFrom('stratified', 'iid'), seed }),
  fc.record({
    kind: fc.constant('dipoles'),
    density,
    gamma: num(Number.MIN_VALUE, 10),
    orientation: fc.constantFrom('horizontal', 'vertical', 'random'),
    seed,
  }),
  fc.record({
    kind: fc.constant('explicit'),
    particles: fc.array(fc.tuple(fc.oneof(any, edge), fc.oneof(num(0, 1), edge), fc.constantFrom(1, -1)), {
      minLength: 2,
      maxLength: 12,
    }),
  }),
);
const rawScenario = fc.record({
  version: fc.constant(1),
  geometry: fc.constantFrom('isotropic', 'slip'),
  core: fc.constantFrom('gaussian', 'plummer', 'poisson'),
  delta,
  n: fc.oneof(int(2, 200000), int(2, 50)),
  field: fc.record({
    modes: fc.array(mode, { maxLength: 3 }),
    force: fc.tuple(num(-1e4, 1e4), num(-1e4, 1e4)),
  }),
  initial,
  pde: fc.record({
    enabled: fc.boolean(),
    grid: fc.constantFrom(32, 64, 128, 256, 512),
    delta: fc.oneof(fc.constantFrom('same', 'limit'), num(1e-8, 0.25)),
  }),
  T: fc.oneof(
    num(1e-9, 1000),
    edge.filter((x) => x >= 1e-9 && x <= 1000),
  ),
  integrator: fc.record({
    method: fc.constantFrom('auto', 'explicit', 'stiff'),
    rtol: num(1e-14, 1e-2),
    atol: num(1e-16, 1e-2),
  }),
  rate: num(Number.MIN_VALUE, 1000),
});
/** Make the raw record consistent (n vs list, even n for dipoles, …), then keep what validates. */
const validScenario = rawScenario
  .map((r) => {
    const s = structuredClone(r) as Record<string, unknown> & typeof r;
    if (s.initial.kind === 'explicit') s.n = s.initial.particles.length;
    if (s.initial.kind === 'dipoles') {
      s.n -= s.n % 2;
      if (s.geometry === 'slip' && s.initial.orientation === 'horizontal') s.initial.orientation = 'random';
    }
    return validateScenario(s);
  })
  .filter((r) => r.ok)
  .map((r) => (r as { ok: true; scenario: Scenario }).scenario);

// ---------- tests ----------
describe('encodeScenario', () => {
  it('encodes the default as just the version, and decodes it back', () => {
    expect(encodeScenario(DEFAULT_SCENARIO)).toBe('v1');
    const r = decodeScenario('v1');
    expect(r.ok && deepSame(r.scenario, DEFAULT_SCENARIO)).toBe(true);
  });

  it('writes only the differing fields in the documented key=value form', () => {
    const s = valid({
      geometry: 'slip',
      delta: 1e-3,
      n: 1000,
      field: { modes: [{ a: 1, p: 1, q: 0, phi: 0 }] },
    });
    expect(encodeScenario(s)).toBe('v1&g=slip&d=0.001&n=1000&U=1,1,0,0');
    const t = valid({
      delta: { rule: 'power', c: 0.5, p: 1.25 },
      n: 1000,
      initial: { kind: 'dipoles', seed: 7 },
    });
    expect(encodeScenario(t)).toBe('v1&d=pow:0.5,1.25&n=1000&i=dipoles&seed=7');
    const u = valid({ field: { modes: [] }, pde: { enabled: false } });
    expect(encodeScenario(u)).toBe('v1&U=&pde=off');
  });
});

describe('round trip decode(encode(s)) = s', () => {
  it.each([
    ['default', {}],
    [
      'slip dipoles with a rule',
      {
        geometry: 'slip',
        core: 'poisson',
        delta: { rule: 'log', c: 0.01 },
        n: 2000,
        initial: { kind: 'dipoles', orientation: 'vertical', gamma: 0.25, seed: 4294967295 },
      },
    ],
    [
      'awkward numbers',
      {
        delta: 1e-8,
        T: 0.1 + 0.2,
        rate: 5e-324,
        field: { modes: [{ a: -0, p: -64, q: 64, phi: 1.7976931348623157e308 }], force: [1e-300, -1e4] },
      },
    ],
    [
      'bumps and stripes',
      {
        initial: {
          density: {
            kind: 'bumps',
            background: 0,
            bumps: [
              { x: 0, y: 1, sigma: 0.001, w: 1e6, s: -1 },
              { x: 0.5, y: 0.5, sigma: 0.5, w: 0, s: 0 },
            ],
          },
          sampling: 'iid',
        },
      },
    ],
    ['stripes', { initial: { kind: 'dipoles', density: { kind: 'stripes', a: -1, beta: 100, m: 32 } } }],
    [
      'explicit',
      {
        initial: {
          kind: 'explicit',
          particles: [
            [0.1, 0.2, 1],
            [-3.5, 1e-17, -1],
            [0.30000000000000004, 0.999999999999, -1],
          ],
        },
      },
    ],
    [
      'pde and integrator',
      {
        pde: { enabled: false, grid: 512, delta: 1e-8 },
        integrator: { method: 'stiff', rtol: 1e-2, atol: 1e-16 },
      },
    ],
  ])('%s', (_name, input) => {
    expect(roundTrips(valid(input))).toBe(true);
  });

  it('holds for generated valid scenarios', () => {
    fc.assert(fc.property(validScenario, roundTrips), { numRuns: 400 });
  });

  it('accepts a leading #, a full URL, and percent-encoded values', () => {
    fc.assert(
      fc.property(validScenario, (s) => {
        const text = encodeScenario(s);
        const encoded = text
          .split('&')
          .map((t) => t.split('=').map(encodeURIComponent).join('='))
          .join('&');
        return [`#${text}`, `https://example.org/lab/index.html?x=1#${text}`, encoded].every((t) => {
          const r = decodeScenario(t);
          return r.ok && deepSame(r.scenario, s);
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe('decodeScenario on bad input', () => {
  it.each([
    ['', 'url'],
    ['#', 'url'],
    ['hello', 'url'],
    ['https://example.org/no-hash', 'url'],
    ['v0', 'version'],
    ['v1x&n=3', 'url'],
    ['v1&n', 'url'],
    ['v1&zz=1', 'url'],
    ['v1&n=abc', 'n'],
    ['v1&n=0x10', 'n'],
    ['v1&n=Infinity', 'n'],
    ['v1&n=1e400', 'n'],
    ['v1&n=3&n=4', 'n'],
    ['v1&n=1', 'n'],
    ['v1&n=%E0%A4%A', 'url'],
    ['v1&d=pow:1', 'delta'],
    ['v1&d=log:', 'delta'],
    ['v1&d=1', 'delta'],
    ['v1&U=1,2,3', 'field.modes'],
    ['v1&U=1,0.5,0,0', 'field.modes[0].p'],
    ['v1&rho=sine', 'initial.density'],
    ['v1&rho=blob:1', 'initial.density'],
    ['v1&rho=uniform:1', 'initial.density'],
    ['v1&rho=bumps:1;0.5,0.5,0.1,1', 'initial.density'],
    ['v1&gamma=0.5', 'initial.gamma'],
    ['v1&i=dipoles&n=401', 'n'],
    ['v1&i=dipoles&g=slip&o=horizontal', 'initial.orientation'],
    ['v1&i=explicit&P=0.1,0.2,1;0.3,0.4', 'initial.particles'],
    ['v1&i=explicit&n=3&P=0.1,0.2,1;0.3,0.4,-1', 'initial.particles'],
    ['v1&i=explicit&P=0.1,0.2,1;0.3,0.4,2', 'initial.particles[1][2]'],
    ['v1&pde=yes', 'pde.enabled'],
    ['v1&N=100', 'pde.grid'],
    ['v1&pd=exact', 'pde.delta'],
    ['v1&T=-1', 'T'],
    ['v1&rtol=1', 'integrator.rtol'],
    ['v1&__proto__=1', 'url'],
    ['v1&constructor=x', 'url'],
  ])('%s → error in %s', (text, field) => {
    const r = decodeScenario(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.field).toBe(field);
      expect(r.error.message.length).toBeGreaterThan(0);
    }
  });

  it('reports a future version as newer than supported', () => {
    for (const t of ['v9', '#v9&foo=bar', 'v2&n=3', 'https://x.org/#v12345678901234567890&q']) {
      const r = decodeScenario(t);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.field).toBe('version');
        expect(r.error.message).toMatch(/newer/);
      }
    }
  });

  it('never throws on arbitrary strings; every ok result is a valid scenario', () => {
    const typed = (text: string) => {
      const r = decodeScenario(text);
      if (!r.ok) return typeof r.error.field === 'string' && typeof r.error.message === 'string';
      const again = validateScenario(r.scenario);
      return again.ok && deepSame(again.scenario, r.scenario);
    };
    const alphabet = fc.constantFrom(...'v1&=,;:.-+e0123456789%#ngdUFiPNTsplowerabcx'.split(''));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 120 }), typed), { numRuns: 400 });
    fc.assert(
      fc.property(
        fc.string({ unit: alphabet, maxLength: 80 }).map((t) => `v1&${t}`),
        typed,
      ),
      { numRuns: 600 },
    );
    // decodeScenario also survives callers that ignore the types
    expect(typed(undefined as unknown as string)).toBe(true);
    expect(typed(42 as unknown as string)).toBe(true);
  });

  it('never throws on mutated valid encodings', () => {
    const mutation = fc.tuple(
      fc.nat(),
      fc.nat(),
      fc.string({ unit: 'binary', maxLength: 4 }),
      fc.constantFrom('cut', 'insert', 'replace', 'truncate', 'dup'),
    );
    fc.assert(
      fc.property(validScenario, fc.array(mutation, { minLength: 1, maxLength: 4 }), (s, edits) => {
        let t = encodeScenario(s);
        for (const [p0, p1, ins, op] of edits) {
          const i = t.length === 0 ? 0 : p0 % (t.length + 1);
          const j = Math.min(t.length, i + (p1 % 6));
          if (op === 'cut') t = t.slice(0, i) + t.slice(j);
          if (op === 'insert') t = t.slice(0, i) + ins + t.slice(i);
          if (op === 'replace') t = t.slice(0, i) + ins + t.slice(j);
          if (op === 'truncate') t = t.slice(0, i);
          if (op === 'dup') t = `${t}&${t.split('&').slice(1, 2).join('')}`;
        }
        const r = decodeScenario(t);
        if (!r.ok) return typeof r.error.field === 'string' && typeof r.error.message === 'string';
        return validateScenario(r.scenario).ok && roundTrips(r.scenario);
      }),
      { numRuns: 500 },
    );
  });
});
