import type { RunNoise } from '../model/noise/runStepper';
import { NOISE_DEFAULTS, NOISE_RANGES } from '../model/scenario/noise';
import { fail, Invalid, list, num, oneOf, record } from '../model/scenario/read';
import { FIELD_MAX } from '../model/scenario/validate';
import {
  CORE_MODELS,
  type Configuration,
  type ExternalField,
  GEOMETRIES,
  type InteractionSpec,
} from '../model/types';
import { readEngineConfig1d } from './engineConfig1d';

/** The CLI's explicit-particle format (issue #2 contract), validated; errors name the bad field. */
export interface EngineConfig {
  spec: InteractionSpec;
  field: ExternalField;
  config: Configuration;
  /** Optional PDE start (cell averages, index j·N + i), as in the `pde` command's contract. */
  density?: { grid: number; rhoPlus: Float64Array; rhoMinus: Float64Array };
  /** 1: the circle (engineConfig1d.ts); absent: the torus. */
  dimension?: 1;
  /** `"temperature": θ` (> 0) and `"seed"` of the Brownian paths (MATH §13); absent: no noise. */
  noise?: RunNoise;
}

const MAX_PARTICLES = 200_000;
/** The scenario's bound on |a| and |F| (see FIELD_MAX): larger fields overflow the velocities. */
const AMPLITUDE = { min: -FIELD_MAX, max: FIELD_MAX };

function readField(v: unknown): ExternalField {
  if (v === undefined) return { modes: [], force: [0, 0] };
  const u = record(v, 'U', ['modes', 'force']);
  const modes = (u.modes === undefined ? [] : list(u.modes, 'U.modes', 64)).map((m, i) => {
    const path = `U.modes[${i}]`;
    const o = record(m, path, ['a', 'p', 'q', 'phi']);
    return {
      a: num(o.a, `${path}.a`, undefined, AMPLITUDE),
      p: num(o.p, `${path}.p`, 0, { integer: true, min: -1024, max: 1024 }),
      q: num(o.q, `${path}.q`, 0, { integer: true, min: -1024, max: 1024 }),
      phi: num(o.phi, `${path}.phi`, 0, {}),
    };
  });
  let force: [number, number] = [0, 0];
  if (u.force !== undefined) {
    const f = list(u.force, 'U.force', 2);
    if (f.length !== 2) fail('U.force', 'must be [Fx, Fy]');
    force = [num(f[0], 'U.force[0]', undefined, AMPLITUDE), num(f[1], 'U.force[1]', undefined, AMPLITUDE)];
  }
  return { modes, force };
}

/** Particles [x, y, b] (2D) or [x, b] (1D, stored with y = 0), wrapped to [0,1). */
export function readParticles(v: unknown, dimension: 1 | 2 = 2): Configuration {
  const ps = list(v, 'particles', MAX_PARTICLES);
  if (ps.length < 1) fail('particles', 'needs at least one particle');
  const pos = new Float64Array(2 * ps.length);
  const signs = new Int8Array(ps.length);
  ps.forEach((p, i) => {
    const path = `particles[${i}]`;
    const t = list(p, path, 3);
    if (t.length !== dimension + 1)
      fail(path, dimension === 1 ? 'must be [x, b] in 1D' : 'must be [x, y, b]');
    const x = num(t[0], `${path}[0]`, undefined, {});
    const y = dimension === 1 ? 0 : num(t[1], `${path}[1]`, undefined, {});
    const b = t[dimension];
    if (b !== 1 && b !== -1)
      fail(`${path}[${dimension}]`, `sign b must be +1 or -1, got ${JSON.stringify(b)}`);
    pos[2 * i] = x - Math.floor(x);
    pos[2 * i + 1] = y - Math.floor(y);
    signs[i] = b;
  });
  return { pos, signs };
}

function readGridArray(v: unknown, path: string, cells: number): Float64Array {
  const a = list(v, path, cells);
  if (a.length !== cells) fail(path, `must hold grid² = ${cells} cell averages, got ${a.length}`);
  const out = new Float64Array(cells);
  a.forEach((x, i) => {
    out[i] = num(x, `${path}[${i}]`, undefined, { min: 0 });
  });
  return out;
}

function readDensity(v: unknown): EngineConfig['density'] {
  const d = record(v, 'density', ['grid', 'rhoPlus', 'rhoMinus']);
  const grid = num(d.grid, 'density.grid', undefined, { integer: true, min: 4, max: 1024 });
  return {
    grid,
    rhoPlus: readGridArray(d.rhoPlus, 'density.rhoPlus', grid * grid),
    rhoMinus: readGridArray(d.rhoMinus, 'density.rhoMinus', grid * grid),
  };
}

/** Reads a cfg object; `needParticles` false allows a density-only cfg (the `pde` command). */
export function readEngineConfig(input: unknown, needParticles = true): EngineConfig {
  const o = record(input, '', [
    'geometry',
    'core',
    'delta',
    'U',
    'particles',
    'density',
    'dimension',
    'temperature',
    'seed',
    'name',
    'description',
    'expected',
    'meta',
  ]);
  const spec: InteractionSpec = {
    geometry: oneOf(o.geometry, 'geometry', GEOMETRIES, 'isotropic'),
    core: oneOf(o.core, 'core', CORE_MODELS, 'gaussian'),
    delta: num(o.delta, 'delta', undefined, { min: 1e-9, max: 0.5 }),
  };
  const field = readField(o.U);
  const noise = readNoise(o);
  if (num(o.dimension, 'dimension', 2, { integer: true, min: 1, max: 2 }) === 1)
    return { ...readEngineConfig1d(o, spec, field, needParticles), ...(noise ? { noise } : {}) };
  const config =
    o.particles === undefined && !needParticles
      ? { pos: new Float64Array(0), signs: new Int8Array(0) }
      : readParticles(o.particles);
  const density = o.density === undefined ? undefined : readDensity(o.density);
  return { spec, field, config, density, ...(noise ? { noise } : {}) };
}

/** θ and the seed (the scenario's ranges); undefined at θ = 0. */
function readNoise(o: Record<string, unknown>): RunNoise | undefined {
  const temperature = num(
    o.temperature,
    'temperature',
    NOISE_DEFAULTS.temperature,
    NOISE_RANGES['noise.temperature'],
  );
  const seed = num(o.seed, 'seed', NOISE_DEFAULTS.seed, NOISE_RANGES['noise.seed']);
  return temperature > 0 ? { temperature, seed } : undefined;
}

export { Invalid };
