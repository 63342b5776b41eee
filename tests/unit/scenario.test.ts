import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellAverages } from '../../src/model/init/cellAverages';
import { densityMasses } from '../../src/model/init/densities';
import { DEFAULT_SCENARIO, defaultInitial, defaultScenario } from '../../src/model/scenario/defaults';
import { resolveDelta } from '../../src/model/scenario/delta';
import { initialConfiguration, initialDensity } from '../../src/model/scenario/initial';
import type { Scenario } from '../../src/model/scenario/types';
import {
  ATOL_RANGE,
  FIELD_MAX,
  RTOL_RANGE,
  T_MIN,
  validateScenario,
} from '../../src/model/scenario/validate';

/** validateScenario must accept `input`; returns the completed scenario. */
function valid(input: unknown): Scenario {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(`rejected: ${r.error.field}: ${r.error.message}`);
  return r.scenario;
}

/** The field validateScenario blames for `input` (fails the test if it accepts it). */
function blamed(input: unknown): string {
  const r = validateScenario(input);
  if (r.ok) throw new Error(`accepted ${JSON.stringify(input)}`);
  expect(r.error.message.length).toBeGreaterThan(0);
  return r.error.field;
}

describe('defaults', () => {
  it('DEFAULT_SCENARIO is valid, and {} is completed to it', () => {
    expect(valid(DEFAULT_SCENARIO)).toEqual(DEFAULT_SCENARIO);
    expect(valid({})).toEqual(DEFAULT_SCENARIO);
    expect(valid({ version: 1 })).toEqual(DEFAULT_SCENARIO);
    expect(DEFAULT_SCENARIO.initial).toEqual(defaultInitial(DEFAULT_SCENARIO.initial.kind));
    expect(Object.isFrozen(DEFAULT_SCENARIO.field.modes[0])).toBe(true);
    const copy = defaultScenario();
    copy.field.modes[0].a = 9;
    expect(DEFAULT_SCENARIO.field.modes[0].a).toBe(0.5);
  });

  it('fills missing nested fields from the defaults of the chosen kind', () => {
    const s = valid({ initial: { kind: 'dipoles' }, n: 10, field: { force: [0.1, 0] }, pde: { grid: 64 } });
    expect(s.initial).toEqual(defaultInitial('dipoles'));
    expect(s.field.modes).toEqual(DEFAULT_SCENARIO.field.modes);
    expect(s.field.force).toEqual([0.1, 0]);
    expect(s.pde).toEqual({ ...DEFAULT_SCENARIO.pde, grid: 64 });
    const d = valid({ initial: { density: { kind: 'sine' } } });
    expect(d.initial).toEqual({ ...defaultInitial('sample'), density: { kind: 'sine', a: 0.5, p: 1, q: 0 } });
    const b = valid({ initial: { density: { kind: 'bumps', bumps: [{ x: 0.2 }] } } });
    expect(b.initial.kind === 'sample' && b.initial.density).toEqual({
      kind: 'bumps',
      background: 1,
      bumps: [{ x: 0.2, y: 0.5, sigma: 0.1, w: 1, s: 1 }],
    });
  });

  it('infers n from an explicit list when n is missing', () => {
    const s = valid({
      initial: {
        kind: 'explicit',
        particles: [
          [0.1, 0.2, 1],
          [0.3, 0.4, -1],
          [0.5, 0.5, 1],
        ],
      },
    });
    expect(s.n).toBe(3);
  });

  it('returns a result that shares no objects with its input', () => {
    const input = { field: { modes: [{ a: 1, p: 1, q: 0, phi: 0 }], force: [0, 0] } };
    const s = valid(input);
    input.field.modes[0].a = 5;
    expect(s.field.modes[0].a).toBe(1);
  });
});

describe('validation errors name the first bad field', () => {
  it.each([
    [null, 'scenario'],
    [[1, 2], 'scenario'],
    ['v1', 'scenario'],
    [{ foo: 1 }, 'foo'],
    [{ version: 2 }, 'version'],
    [{ version: '1' }, 'version'],
    [{ geometry: 'edge' }, 'geometry'],
    [{ core: 'lorentz' }, 'core'],
    [{ n: 1 }, 'n'],
    [{ n: 200001 }, 'n'],
    [{ n: 10.5 }, 'n'],
    [{ n: Number.NaN }, 'n'],
    [{ delta: 0.3 }, 'delta'],
    [{ delta: 1e-13 }, 'delta'],
    [{ delta: '0.01' }, 'delta'],
    [{ delta: { rule: 'cubic', c: 1 } }, 'delta.rule'],
    [{ delta: { rule: 'power', c: -1, p: 1 } }, 'delta.c'],
    [{ delta: { rule: 'power', c: 1, p: 9 } }, 'delta.p'],
    [{ delta: { rule: 'power', c: 1, p: 5 }, n: 1000 }, 'delta'], // δ = 1e-15 < 1e-12
    [{ delta: { rule: 'log', c: 5 } }, 'delta'], // δ = 5/√log 400 > 0.25
    [
      {
        field: {
          modes: [
            { a: 1, p: 1, q: 0, phi: 0 },
            { a: 1, p: 0.5, q: 0, phi: 0 },
          ],
        },
      },
      'field.modes[1].p',
    ],
    [{ field: { modes: [{ a: 1, p: 65, q: 0, phi: 0 }] } }, 'field.modes[0].p'],
    [{ field: { modes: [{ a: Number.POSITIVE_INFINITY }] } }, 'field.modes[0].a'],
    [{ field: { modes: [{ phi: Number.NaN }] } }, 'field.modes[0].phi'],
    [{ field: { modes: Array.from({ length: 17 }, () => ({})) } }, 'field.modes'],
    [{ field: { force: [1] } }, 'field.force'],
    [{ field: { force: [0, 'x'] } }, 'field.force[1]'],
    [{ initial: { kind: 'random' } }, 'initial.kind'],
    [{ initial: { kind: 'dipoles', gamma: -1 } }, 'initial.gamma'],
    [{ initial: { kind: 'dipoles' }, n: 11 }, 'n'],
    [{ initial: { kind: 'dipoles', orientation: 'horizontal' }, geometry: 'slip' }, 'initial.orientation'],
    [{ initial: { kind: 'sample', gamma: 0.5 } }, 'initial.gamma'],
    [{ initial: { seed: 2 ** 32 } }, 'initial.seed'],
    [{ initial: { seed: -1 } }, 'initial.seed'],
    [{ initial: { sampling: 'sobol' } }, 'initial.sampling'],
    [{ initial: { density: { kind: 'sine', a: 1.5 } } }, 'initial.density.a'],
    [{ initial: { density: { kind: 'sine', p: 0, q: 0 } } }, 'initial.density.p'],
    [{ initial: { density: { kind: 'stripes', beta: 0 } } }, 'initial.density.beta'],
    [{ initial: { density: { kind: 'bumps', background: 0 } } }, 'initial.density.background'],
    [
      { initial: { density: { kind: 'bumps', bumps: [{}, { sigma: 1 }] } } },
      'initial.density.bumps[1].sigma',
    ],
    [{ initial: { density: { kind: 'bumps', bumps: [{ s: 0.5 }] } } }, 'initial.density.bumps[0].s'],
    [{ initial: { density: { kind: 'uniform', a: 1 } } }, 'initial.density.a'],
    [
      {
        initial: {
          kind: 'explicit',
          particles: [
            [0.1, 0.2, 1],
            [0.3, 0.4, -1],
          ],
        },
        n: 3,
      },
      'initial.particles',
    ],
    [
      {
        initial: {
          kind: 'explicit',
          particles: [
            [0.1, 0.2, 1],
            [0.3, 0.4, 0],
          ],
        },
      },
      'initial.particles[1][2]',
    ],
    [
      {
        initial: {
          kind: 'explicit',
          particles: [
            [0.1, 0.2, 1],
            [0.3, 0.4],
          ],
        },
      },
      'initial.particles[1]',
    ],
    [
      {
        initial: {
          kind: 'explicit',
          particles: [
            [0.1, 0.2, 1],
            [Number.NaN, 0.4, 1],
          ],
        },
      },
      'initial.particles[1][0]',
    ],
    [{ pde: { grid: 100 } }, 'pde.grid'],
    [{ pde: { grid: 1024 } }, 'pde.grid'],
    [{ pde: { delta: 'exact' } }, 'pde.delta'],
    [{ pde: { delta: 0.5 } }, 'pde.delta'],
    [{ pde: { enabled: 1 } }, 'pde.enabled'],
    [{ T: 0 }, 'T'],
    [{ T: 5e-324 }, 'T'], // below T_MIN: T/200 would be under the integrators' step floor
    [{ T: 1001 }, 'T'],
    // a list of 0 or 1 particles fixes n = 0 or 1: the inferred n is range-checked like a given one
    [{ initial: { kind: 'explicit', particles: [] } }, 'n'],
    [{ initial: { kind: 'explicit', particles: [[0.1, 0.2, 1]] } }, 'n'],
    [{ integrator: { rtol: 1e-300 } }, 'integrator.rtol'],
    [{ integrator: { atol: 1e-300 } }, 'integrator.atol'],
    [{ field: { modes: [{ a: 1e308 }] } }, 'field.modes[0].a'],
    [{ field: { force: [0, -1e5] } }, 'field.force[1]'],
    [{ integrator: { method: 'rk4' } }, 'integrator.method'],
    [{ integrator: { rtol: 0.1 } }, 'integrator.rtol'],
    [{ integrator: { atol: 0 } }, 'integrator.atol'],
    [{ rate: -1 }, 'rate'],
  ])('%j → %s', (input, field) => {
    expect(blamed(input)).toBe(field);
  });

  it('accepts the ends of the ranges the engine runs', () => {
    const s = valid({ T: T_MIN, integrator: { rtol: RTOL_RANGE.min, atol: ATOL_RANGE.min } });
    expect([s.T, s.integrator.rtol, s.integrator.atol]).toEqual([1e-9, 1e-14, 1e-16]);
    expect(valid({ field: { modes: [{ a: -FIELD_MAX }], force: [FIELD_MAX, 0] } }).field.force[0]).toBe(1e4);
  });

  it('echoes at most ~80 characters of the input, however long it is', () => {
    const huge = 'x'.repeat(1_000_000);
    for (const input of [{ geometry: huge }, { [huge]: 1 }, { initial: { kind: huge } }, { version: huge }]) {
      const r = validateScenario(input);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.field.length).toBeLessThanOrEqual(80);
        expect(r.error.message.length).toBeLessThanOrEqual(300);
        expect(r.error.message + r.error.field).toMatch(/1000000 characters/);
      }
    }
  });

  it('says a newer version is newer', () => {
    const r = validateScenario({ version: 7 });
    expect(r.ok === false && r.error.message).toMatch(/newer/);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true }), (x) => {
        const r = validateScenario(x);
        return r.ok === true || (typeof r.error.field === 'string' && typeof r.error.message === 'string');
      }),
      { numRuns: 500 },
    );
  });
});

describe('delta rules', () => {
  it('evaluates c·n^{−p} and c/√(log n) at the scenario n', () => {
    expect(resolveDelta(valid({ delta: 0.003 }))).toBe(0.003);
    expect(resolveDelta(valid({ delta: { rule: 'power', c: 2, p: 1.25 }, n: 1000 }))).toBeCloseTo(
      2 * 1000 ** -1.25,
      18,
    );
    expect(resolveDelta(valid({ delta: { rule: 'power', c: 0.5, p: 0.5 }, n: 10000 }))).toBeCloseTo(
      0.005,
      17,
    );
    expect(resolveDelta(valid({ delta: { rule: 'log', c: 0.2 }, n: 1000 }))).toBeCloseTo(
      0.2 / Math.sqrt(Math.log(1000)),
      16,
    );
  });
});

describe('initial data of a scenario', () => {
  it('sample: the sampler output, with the density as the PDE start', () => {
    const s = valid({ n: 501, initial: { density: { kind: 'sine', a: 0.6, p: 0, q: 1 }, seed: 3 } });
    const conf = initialConfiguration(s);
    expect(conf.signs.length).toBe(501);
    expect(conf.pos.length).toBe(1002);
    expect(initialDensity(s)).toEqual({ kind: 'sine', a: 0.6, p: 0, q: 1 });
    const iid = initialConfiguration(
      valid({ n: 501, initial: { sampling: 'iid', density: { kind: 'sine', a: 0.6, p: 0, q: 1 }, seed: 3 } }),
    );
    expect(Array.from(iid.signs)).toEqual(Array.from(conf.signs));
    expect(iid.pos.some((v, i) => v !== conf.pos[i])).toBe(true);
  });

  it('dipoles: uses the resolved δ, and the PDE starts from the neutral ρ◦', () => {
    const s = valid({
      n: 100,
      delta: { rule: 'power', c: 1, p: 2 },
      initial: {
        kind: 'dipoles',
        gamma: 0.4,
        orientation: 'horizontal',
        density: { kind: 'sine', a: 0.9, p: 1, q: 0 },
      },
    });
    const conf = initialConfiguration(s);
    for (let k = 0; k < 50; k++) {
      const sep = conf.pos[4 * k] - conf.pos[4 * k + 2];
      expect(Math.abs(sep - Math.round(sep) - 2 * 0.4 * 1e-4)).toBeLessThan(1e-15);
    }
    expect(initialDensity(s)).toEqual({ kind: 'uniform' });
  });

  it('explicit: wraps the list; the PDE starts from the mollified list with masses n±/n', () => {
    const particles: [number, number, number][] = [
      [0.1, 0.2, 1],
      [1.3, 0.4, -1],
      [0.5, -0.5, -1],
    ];
    const s = valid({ initial: { kind: 'explicit', particles }, pde: { grid: 64 } });
    const conf = initialConfiguration(s);
    expect(conf.pos[2]).toBeCloseTo(0.3, 15);
    expect(conf.pos[5]).toBe(0.5);
    const rho = initialDensity(s);
    const m = densityMasses(rho);
    expect(m.plus).toBeCloseTo(1 / 3, 15);
    expect(m.minus).toBeCloseTo(2 / 3, 15);
    const avg = cellAverages(rho, 64);
    let sum = 0;
    for (let c = 0; c < 64 * 64; c++) sum += avg.rhoPlus[c] + avg.rhoMinus[c];
    expect(sum / (64 * 64)).toBeCloseTo(1, 12);
  });

  it('survives JSON (a scenario is plain data)', () => {
    const s = valid({
      geometry: 'slip',
      initial: { kind: 'dipoles', orientation: 'vertical' },
      n: 20,
      rate: 0.05,
    });
    expect(valid(JSON.parse(JSON.stringify(s)))).toEqual(s);
    const a = initialConfiguration(s);
    const b = initialConfiguration(valid(JSON.parse(JSON.stringify(s))));
    expect(a.pos.every((v, i) => Object.is(v, b.pos[i]))).toBe(true);
  });
});
