/**
 * The scenario format's documentation against the code: docs/scenario.schema.json is what the
 * generator writes from the validator's tables; every example (the JSON blocks of the README and
 * docs/scenario-format.md, and docs/examples/*.json) passes both the validator and the schema
 * (ajv, an independent JSON Schema implementation); at every range of the validator's tables the
 * schema accepts the bound and both refuse beyond it; the generated tables in docs/ are current.
 * UPDATE_DOCS=1 rewrites the schema and the tables instead. ~1 s.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { linkKeyTable, scenarioFieldTable, studyFieldTable } from '../../src/cli/docsTables';
import { scenarioSchema } from '../../src/cli/schema';
import type { NumberRange } from '../../src/model/scenario/read';
import { FIELD_RANGES, validateScenario } from '../../src/model/scenario/validate';
import { DENSITY_RANGES } from '../../src/model/scenario/validateDensity';

const DOCS = join(__dirname, '../../docs');
const UPDATE = process.env.UPDATE_DOCS === '1';
const schemaText = `${JSON.stringify(scenarioSchema(), null, 2)}\n`;
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(scenarioSchema());

function bothAccept(x: unknown): { validator: boolean; schema: boolean; why: string } {
  const v = validateScenario(x);
  const schema = validate(x) as boolean;
  return {
    validator: v.ok,
    schema,
    why: `${v.ok ? '' : `${v.error.field}: ${v.error.message}`} ${JSON.stringify(validate.errors?.[0] ?? '')}`,
  };
}

/** A valid scenario with the field at `path` set to x (paths as in the range tables). */
const PLACE: Record<string, (x: number) => unknown> = {
  n: (x) => ({ n: x, delta: 0.01 }),
  delta: (x) => ({ delta: x }),
  'delta.c': (x) => ({ delta: { rule: 'power', c: x, p: x > 1 ? 3 : 0 }, n: 400 }),
  'delta.p': (x) => ({ delta: { rule: 'power', c: 1e-3, p: x }, n: 2 }),
  'field.modes[].a': (x) => ({ field: { modes: [{ a: x }] } }),
  'field.modes[].p': (x) => ({ field: { modes: [{ p: x }] } }),
  'field.modes[].q': (x) => ({ field: { modes: [{ q: x }] } }),
  'field.modes[].phi': (x) => ({ field: { modes: [{ phi: x }] } }),
  'field.force[]': (x) => ({ field: { force: [0, x] } }),
  'initial.seed': (x) => ({ initial: { seed: x } }),
  'initial.gamma': (x) => ({ initial: { kind: 'dipoles', gamma: x } }),
  'initial.particles[][0]': (x) => ({
    initial: {
      kind: 'explicit',
      particles: [
        [x, 0, 1],
        [0.5, 0.5, -1],
      ],
    },
  }),
  'initial.particles[][1]': (x) => ({
    initial: {
      kind: 'explicit',
      particles: [
        [0, x, 1],
        [0.5, 0.5, -1],
      ],
    },
  }),
  'pde.grid': (x) => ({ pde: { grid: x } }),
  'pde.delta': (x) => ({ pde: { delta: x } }),
  T: (x) => ({ T: x }),
  'integrator.rtol': (x) => ({ integrator: { rtol: x } }),
  'integrator.atol': (x) => ({ integrator: { atol: x } }),
  rate: (x) => ({ rate: x }),
  dimension: (x) => ({ dimension: x }),
  'noise.temperature': (x) => ({ noise: { temperature: x } }),
  'noise.temperature.c': (x) => ({
    noise: { temperature: { rule: 'power', c: x, q: x > 1 ? 5 : 0 } },
    n: 400,
  }),
  'noise.temperature.q': (x) => ({ noise: { temperature: { rule: 'power', c: 1e-3, q: x } }, n: 2 }),
  'noise.seed': (x) => ({ noise: { seed: x } }),
};
const density = (d: object) => ({ initial: { density: d } });
const DENSITY_PLACE: Record<string, (x: number) => unknown> = {
  'sine.a': (x) => density({ kind: 'sine', a: x }),
  'sine.p': (x) => density({ kind: 'sine', p: x, q: 1 }),
  'sine.q': (x) => density({ kind: 'sine', q: x }),
  'stripes.a': (x) => density({ kind: 'stripes', a: x }),
  'stripes.beta': (x) => density({ kind: 'stripes', beta: x }),
  'stripes.m': (x) => density({ kind: 'stripes', m: x }),
  'bumps.background': (x) => density({ kind: 'bumps', background: x, bumps: [{}] }),
  'bumps[].x': (x) => density({ kind: 'bumps', bumps: [{ x }] }),
  'bumps[].y': (x) => density({ kind: 'bumps', bumps: [{ y: x }] }),
  'bumps[].sigma': (x) => density({ kind: 'bumps', bumps: [{ sigma: x }] }),
  'bumps[].w': (x) => density({ kind: 'bumps', bumps: [{ w: x }] }),
  'bumps[].s': (x) => density({ kind: 'bumps', bumps: [{ s: x }] }),
  'grid.G': (x) => {
    const cells = Number.isInteger(x) && x > 0 && x <= 64 ? x * x : 16;
    return density({ kind: 'grid', G: x, plus: Array(cells).fill(1), minus: Array(cells).fill(0) });
  },
  'grid.plus[]': (x) =>
    density({ kind: 'grid', G: 4, plus: [x, ...Array(15).fill(0)], minus: Array(16).fill(1) }),
  'grid.minus[]': (x) =>
    density({ kind: 'grid', G: 4, plus: Array(16).fill(1), minus: [x, ...Array(15).fill(0)] }),
};

describe('docs/scenario.schema.json', () => {
  it('is what the generator writes from the validator’s tables', () => {
    const path = join(DOCS, 'scenario.schema.json');
    if (UPDATE) writeFileSync(path, schemaText);
    expect(readFileSync(path, 'utf8')).toBe(schemaText);
  });

  it('every example passes the validator and the schema', () => {
    const pages = [join(DOCS, 'scenario-format.md'), join(DOCS, '../README.md')].map((f) =>
      readFileSync(f, 'utf8'),
    );
    const blocks = pages.flatMap((page) => [...page.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]));
    const files = readdirSync(join(DOCS, 'examples')).filter((f) => f.endsWith('.json'));
    expect(blocks.length).toBeGreaterThanOrEqual(7);
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const text of [...blocks, ...files.map((f) => readFileSync(join(DOCS, 'examples', f), 'utf8'))]) {
      const r = bothAccept(JSON.parse(text));
      expect([r.validator, r.schema], `${text}\n${r.why}`).toEqual([true, true]);
    }
  });

  it('agrees with the validator at every bound of its range tables', () => {
    const cases: Array<[string, NumberRange, (x: number) => unknown]> = [
      ...Object.entries(FIELD_RANGES).map(
        ([p, r]) => [p, r, PLACE[p]] as [string, NumberRange, (x: number) => unknown],
      ),
      ...Object.entries(DENSITY_RANGES).map(
        ([p, r]) => [p, r, DENSITY_PLACE[p]] as [string, NumberRange, (x: number) => unknown],
      ),
    ];
    for (const [path, range, place] of cases) {
      expect(place, `no test placement for the range of ${path}`).toBeDefined();
      const step = (x: number) => (range.integer ? 1 : Math.max(Math.abs(x) * 1e-9, 1e-300));
      const inside: number[] = [];
      const outside: number[] = [];
      if (range.min !== undefined) {
        inside.push(range.min);
        outside.push(range.min - step(range.min));
      }
      if (range.max !== undefined) {
        inside.push(range.max);
        outside.push(range.max + step(range.max));
      }
      if (range.above !== undefined) {
        outside.push(range.above);
        inside.push(range.above + step(range.above));
      }
      if (range.integer) outside.push((range.min ?? 0) + 0.5);
      if (inside.length === 0) inside.push(0.25, -3.5);
      for (const x of inside) {
        const r = bothAccept(place(x));
        expect(r.schema, `${path} = ${x}: ${r.why}`).toBe(true);
        // δ = c·n^{−p} must also lie in its range: a rule across fields, the validator's alone
        expect(r.validator || (path === 'delta.c' && x < 1e-8), `${path} = ${x}: ${r.why}`).toBe(true);
      }
      for (const x of outside) {
        const r = bothAccept(place(x));
        expect([r.validator, r.schema], `${path} = ${x}: ${r.why}`).toEqual([false, false]);
      }
    }
    // unknown fields and kinds: both refuse
    for (const bad of [
      { zz: 1 },
      { initial: { kind: 'dipoles', sampling: 'iid' } },
      { geometry: 'hex' },
      { pde: { grid: 100 } },
    ])
      expect(Object.values(bothAccept(bad)).slice(0, 2), JSON.stringify(bad)).toEqual([false, false]);
  });
});

describe('generated tables in docs/', () => {
  const BLOCKS: Array<[string, string, () => string]> = [
    ['scenario-format.md', 'scenario-fields', scenarioFieldTable],
    ['scenario-format.md', 'link-keys', linkKeyTable],
    ['study.md', 'study-fields', studyFieldTable],
  ];
  it.each(BLOCKS)('%s: %s is current', (file, name, make) => {
    const path = join(DOCS, file);
    const text = readFileSync(path, 'utf8');
    const re = new RegExp(`(<!-- generated:${name} -->\\n)[\\s\\S]*?(<!-- end -->)`);
    expect(re.test(text), `no block ${name} in ${file}`).toBe(true);
    const current = text.replace(re, `$1${make()}\n$2`);
    if (UPDATE) writeFileSync(path, current);
    expect(
      readFileSync(path, 'utf8'),
      'run UPDATE_DOCS=1 npx vitest run tests/unit/docs.scenario.test.ts',
    ).toBe(current);
  });
});
