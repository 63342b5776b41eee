import { DIPOLE_ORIENTATIONS, dipoleOptionsProblem } from '../init/dipoles';
import type { ExplicitParticle } from '../init/explicit';
import { problem1d } from '../oneD/validate1d';
import { CORE_MODELS, type CosMode, type ExternalField, GEOMETRIES, type Geometry } from '../types';
import { DEFAULT_MODE, DEFAULT_SCENARIO, defaultInitial } from './defaults';
import { evaluateDelta } from './delta';
import { NOISE_RANGES, readNoise } from './noise';
import { bool, clip, fail, Invalid, join, list, type NumberRange, num, oneOf, record, show } from './read';
import {
  type DeltaSpec,
  INITIAL_KINDS,
  INTEGRATOR_METHODS,
  type InitialSpec,
  type IntegratorSettings,
  PDE_SCHEMES,
  type PdeSettings,
  SAMPLING_METHODS,
  type Scenario,
  type ScenarioResult,
} from './types';
import { MAX_WAVENUMBER, readDensity } from './validateDensity';

export const SCENARIO_VERSION = 1;
export const N_MIN = 2;
export const N_MAX = 200000;
/** The kernels and fast sums are checked down to δ = 1e-12 (tests/unit/kernels.smallDelta.test.ts). */
export const DELTA_MIN = 1e-12;
export const DELTA_MAX = 0.25;
export const MAX_MODES = 16;
/**
 * Largest |a| of a mode of U and |F_i| of the force. Far beyond any regime of interest (the
 * interaction energy is O(1)), and it keeps every force finite: |∇U| ≤ 2π·64√2·16·1e4 ≈ 9e7 and the
 * stiffness of U, (2π|k|)²|a| ≤ 3e9, still allows explicit steps of ~1e-9.
 * Amplitudes near 1e308 would overflow the velocities to ±∞ (JSON null).
 */
export const FIELD_MAX = 1e4;
/**
 * Time horizon T in [T_MIN, T_MAX]. The lower bound keeps the checkpoint spacing T/200 ≥ 5e-12
 * well above the integrators' step floor (1e-14·max(1, t)); a shorter horizon cannot be stepped.
 */
export const T_MIN = 1e-9;
export const T_MAX = 1000;
/**
 * Tolerances the integrators can meet in double precision: the error estimate of a step carries
 * round-off of ~1e-16 in positions of size 1, so smaller atol (or rtol below ~100 ε) only shrinks
 * the steps to the underflow floor. The upper bound keeps the energy test meaningful.
 */
export const RTOL_RANGE = { min: 1e-14, max: 1e-2 } as const;
export const ATOL_RANGE = { min: 1e-16, max: 1e-2 } as const;
/** PDE grids: powers of two (the FFT needs them) from 32 to 512. */
export const PDE_GRIDS: readonly number[] = [32, 64, 128, 256, 512];

const WAVE = { integer: true, min: -MAX_WAVENUMBER, max: MAX_WAVENUMBER } as const;
const ANY = {} as const;
/**
 * The range of every number field of a scenario, by its path ([] stands for any list index). The
 * validator reads its ranges from here, and the JSON Schema in docs/ is generated from this table.
 */
export const FIELD_RANGES = {
  n: { integer: true, min: N_MIN, max: N_MAX },
  dimension: { integer: true, min: 1, max: 2 },
  delta: { min: DELTA_MIN, max: DELTA_MAX },
  'delta.c': { above: 0, max: 1e6 },
  'delta.p': { min: 0, max: 5 },
  'field.modes[].a': { min: -FIELD_MAX, max: FIELD_MAX },
  'field.modes[].p': WAVE,
  'field.modes[].q': WAVE,
  'field.modes[].phi': ANY,
  'field.force[]': { min: -FIELD_MAX, max: FIELD_MAX },
  'initial.seed': { integer: true, min: 0, max: 4294967295 },
  'initial.gamma': { above: 0, max: 10 },
  'initial.particles[][0]': ANY,
  'initial.particles[][1]': ANY,
  'pde.grid': { integer: true, min: 32, max: 512 },
  'pde.delta': { min: DELTA_MIN, max: DELTA_MAX },
  T: { min: T_MIN, max: T_MAX },
  'integrator.rtol': RTOL_RANGE,
  'integrator.atol': ATOL_RANGE,
  rate: { above: 0, max: 1000 },
  ...NOISE_RANGES,
} as const satisfies Record<string, NumberRange>;
const R = FIELD_RANGES;

/** Defaults of the δ rules' parameters (filled in when missing). */
export const DELTA_RULE_DEFAULTS = { power: { c: 1, p: 1 }, log: { c: 0.1 } } as const;

const D = DEFAULT_SCENARIO;
const SCENARIO_KEYS = [
  'version',
  'dimension',
  'geometry',
  'core',
  'delta',
  'n',
  'field',
  'initial',
  'pde',
  'T',
  'integrator',
  'rate',
  'noise',
];

/**
 * Checks untrusted input (parsed JSON, a decoded URL) and returns a complete Scenario with every
 * missing field filled from DEFAULT_SCENARIO (or from the defaults of the chosen kind), or the first
 * bad field as a path such as `initial.gamma` or `field.modes[1].p`. Unknown fields are errors
 * (they are usually typos). Never throws. The result shares no objects with the input.
 */
export function validateScenario(input: unknown): ScenarioResult {
  try {
    return { ok: true, scenario: readScenario(input) };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, error: { field: e.field, message: e.message } };
    return {
      ok: false,
      error: { field: 'scenario', message: clip(`unreadable scenario (${String(e)})`, 200) },
    };
  }
}

function readScenario(v: unknown): Scenario {
  const r = record(v, '', SCENARIO_KEYS);
  readVersion(r.version);
  const geometry = oneOf(r.geometry, 'geometry', GEOMETRIES, D.geometry);
  const core = oneOf(r.core, 'core', CORE_MODELS, D.core);
  const n = num(r.n, 'n', inferredN(r.initial) ?? D.n, R.n);
  const delta = readDelta(r.delta, n);
  const field = readField(r.field);
  const initial = readInitial(r.initial, n, geometry);
  const pde = readPde(r.pde);
  const T = num(r.T, 'T', D.T, R.T);
  const integrator = readIntegrator(r.integrator);
  const rate = num(r.rate, 'rate', D.rate, R.rate);
  const s: Scenario = { version: 1, geometry, core, delta, n, field, initial, pde, T, integrator, rate };
  // MATH §13: absent (θ = 0, seed 1) stays absent, so every noiseless scenario reads as before
  const noise = readNoise(r.noise, n);
  if (noise) s.noise = noise;
  // MATH §12: absent means 2, so every 2D scenario reads as before
  if (num(r.dimension, 'dimension', 2, R.dimension) === 2) return s;
  const p = problem1d({ ...s, dimension: 1 });
  if (p) fail(p.field, p.message);
  return { ...s, dimension: 1 };
}

function readVersion(v: unknown): void {
  if (v === undefined || v === SCENARIO_VERSION) return;
  if (typeof v === 'number' && Number.isInteger(v) && v > SCENARIO_VERSION) {
    fail(
      'version',
      `scenario version ${v} is newer than this app supports (${SCENARIO_VERSION}); please update`,
    );
  }
  fail('version', `unsupported scenario version ${show(v)} (this app reads version ${SCENARIO_VERSION})`);
}

/** An explicit list fixes n: a missing n is taken from its length. */
function inferredN(initial: unknown): number | undefined {
  if (typeof initial !== 'object' || initial === null) return undefined;
  const r = initial as Record<string, unknown>;
  return r.kind === 'explicit' && Array.isArray(r.particles) ? r.particles.length : undefined;
}

function readDelta(v: unknown, n: number): DeltaSpec {
  if (v === undefined) v = structuredClone(D.delta);
  let spec: DeltaSpec;
  if (typeof v === 'number') {
    spec = num(v, 'delta', undefined, R.delta);
  } else {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      fail('delta', `must be a number or a rule {rule: 'power', c, p} | {rule: 'log', c}, got ${show(v)}`);
    }
    const rule = oneOf(
      record(v, 'delta', ['rule', 'c', 'p']).rule,
      'delta.rule',
      ['power', 'log'] as const,
      undefined,
    );
    if (rule === 'power') {
      const r = record(v, 'delta', ['rule', 'c', 'p']);
      spec = {
        rule,
        c: num(r.c, 'delta.c', DELTA_RULE_DEFAULTS.power.c, R['delta.c']),
        p: num(r.p, 'delta.p', DELTA_RULE_DEFAULTS.power.p, R['delta.p']),
      };
    } else {
      const r = record(v, 'delta', ['rule', 'c']);
      spec = { rule, c: num(r.c, 'delta.c', DELTA_RULE_DEFAULTS.log.c, R['delta.c']) };
    }
  }
  const delta = evaluateDelta(spec, n);
  if (!(delta >= DELTA_MIN && delta <= DELTA_MAX)) {
    fail('delta', `δ = ${delta} at n = ${n} must lie in [${DELTA_MIN}, ${DELTA_MAX}]`);
  }
  return spec;
}

function readField(v: unknown): ExternalField {
  if (v === undefined) return structuredClone(D.field);
  const r = record(v, 'field', ['modes', 'force']);
  const modes =
    r.modes === undefined
      ? structuredClone(D.field.modes)
      : list(r.modes, 'field.modes', MAX_MODES).map((m, i) => readMode(m, `field.modes[${i}]`));
  let force: [number, number] = [D.field.force[0], D.field.force[1]];
  if (r.force !== undefined) {
    const f = list(r.force, 'field.force', 2);
    if (f.length !== 2) fail('field.force', 'must be [Fx, Fy]');
    force = [
      num(f[0], 'field.force[0]', undefined, R['field.force[]']),
      num(f[1], 'field.force[1]', undefined, R['field.force[]']),
    ];
  }
  return { modes, force };
}

function readMode(v: unknown, path: string): CosMode {
  const r = record(v, path, ['a', 'p', 'q', 'phi']);
  return {
    a: num(r.a, join(path, 'a'), DEFAULT_MODE.a, R['field.modes[].a']),
    p: num(r.p, join(path, 'p'), DEFAULT_MODE.p, R['field.modes[].p']),
    q: num(r.q, join(path, 'q'), DEFAULT_MODE.q, R['field.modes[].q']),
    phi: num(r.phi, join(path, 'phi'), DEFAULT_MODE.phi, R['field.modes[].phi']),
  };
}

function readInitial(v: unknown, n: number, geometry: Geometry): InitialSpec {
  if (v === undefined) return structuredClone(D.initial);
  const head = record(v, 'initial', [
    'kind',
    'density',
    'sampling',
    'seed',
    'gamma',
    'orientation',
    'particles',
  ]);
  const kind = oneOf(head.kind, 'initial.kind', INITIAL_KINDS, D.initial.kind);
  const d = defaultInitial(kind);
  switch (d.kind) {
    case 'sample': {
      const r = record(v, 'initial', ['kind', 'density', 'sampling', 'seed']);
      return {
        kind: 'sample',
        density: readDensity(r.density, 'initial.density', d.density),
        sampling: oneOf(r.sampling, 'initial.sampling', SAMPLING_METHODS, d.sampling),
        seed: num(r.seed, 'initial.seed', d.seed, R['initial.seed']),
      };
    }
    case 'dipoles': {
      const r = record(v, 'initial', ['kind', 'density', 'gamma', 'orientation', 'seed']);
      const out: InitialSpec = {
        kind: 'dipoles',
        density: readDensity(r.density, 'initial.density', d.density),
        gamma: num(r.gamma, 'initial.gamma', d.gamma, R['initial.gamma']),
        orientation: oneOf(r.orientation, 'initial.orientation', DIPOLE_ORIENTATIONS, d.orientation),
        seed: num(r.seed, 'initial.seed', d.seed, R['initial.seed']),
      };
      const problem = dipoleOptionsProblem({ n, orientation: out.orientation, geometry });
      if (problem) fail(problem[0] === 'n' ? 'n' : `initial.${problem[0]}`, problem[1]);
      return out;
    }
    case 'explicit': {
      const r = record(v, 'initial', ['kind', 'particles']);
      const items = list(r.particles ?? [], 'initial.particles', N_MAX);
      const particles = items.map((p, i) => readParticle(p, `initial.particles[${i}]`));
      if (particles.length !== n)
        fail('initial.particles', `the list has ${particles.length} particles but n = ${n}`);
      return { kind: 'explicit', particles };
    }
  }
}

function readParticle(v: unknown, path: string): ExplicitParticle {
  if (!Array.isArray(v) || v.length !== 3) fail(path, 'must be [x, y, b]');
  const x = num(v[0], `${path}[0]`, undefined, R['initial.particles[][0]']);
  const y = num(v[1], `${path}[1]`, undefined, R['initial.particles[][1]']);
  const b = v[2];
  if (b !== 1 && b !== -1) fail(`${path}[2]`, `the sign b must be 1 or -1, got ${show(b)}`);
  return [x, y, b];
}

function readPde(v: unknown): PdeSettings {
  if (v === undefined) return structuredClone(D.pde);
  const r = record(v, 'pde', ['enabled', 'grid', 'delta', 'rk']);
  const enabled = bool(r.enabled, 'pde.enabled', D.pde.enabled);
  const grid = num(r.grid, 'pde.grid', D.pde.grid, R['pde.grid']);
  if (!PDE_GRIDS.includes(grid)) fail('pde.grid', `must be a power of two in [32, 512], got ${grid}`);
  let delta: PdeSettings['delta'] = D.pde.delta;
  if (typeof r.delta === 'number') delta = num(r.delta, 'pde.delta', undefined, R['pde.delta']);
  else if (r.delta !== undefined) delta = oneOf(r.delta, 'pde.delta', ['same', 'limit'] as const, undefined);
  const rk = oneOf(r.rk, 'pde.rk', PDE_SCHEMES, 'ssp33');
  // the default is not stored, so that decode(encode(s)) = s and older scenarios compare equal
  return rk === 'ssp33' ? { enabled, grid, delta } : { enabled, grid, delta, rk };
}

function readIntegrator(v: unknown): IntegratorSettings {
  if (v === undefined) return structuredClone(D.integrator);
  const r = record(v, 'integrator', ['method', 'rtol', 'atol']);
  return {
    method: oneOf(r.method, 'integrator.method', INTEGRATOR_METHODS, D.integrator.method),
    rtol: num(r.rtol, 'integrator.rtol', D.integrator.rtol, R['integrator.rtol']),
    atol: num(r.atol, 'integrator.atol', D.integrator.atol, R['integrator.atol']),
  };
}
