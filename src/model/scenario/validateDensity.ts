import { type Bump, DENSITY_KINDS, type DensitySpec } from '../init/densities';
import { DEFAULT_BUMP, defaultDensity } from './defaults';
import { fail, join, list, type NumberRange, num, oneOf, record } from './read';

export const MAX_BUMPS = 16;
/** Sides of a painted grid (coarse: it is for hands, and the link carries it). */
export const PAINT_GRIDS: readonly number[] = [4, 8, 16, 32];
/** Largest weight of a painted cell. */
export const PAINT_MAX = 1e6;
/**
 * Least total weight of a bumps or painted density. The weights are relative, but each ratio to
 * the total must be computed to full precision: a subnormal total (5e-324 … 2e-308) has only a
 * few significant bits (background 3.5e-323 made cell averages of mass 1.14, found by the link
 * fuzzer).
 */
export const MIN_DENSITY_TOTAL = 1e-300;
/** Largest |p|, |q| of a sine density (and of U's modes). */
export const MAX_WAVENUMBER = 64;

const WAVE = { integer: true, min: -MAX_WAVENUMBER, max: MAX_WAVENUMBER } as const;
/**
 * The range of every number field of a density, by kind.field (bumps[] for any bump). The
 * validator reads its ranges from here, and the JSON Schema in docs/ is generated from this table.
 */
export const DENSITY_RANGES = {
  'sine.a': { min: -1, max: 1 },
  'sine.p': WAVE,
  'sine.q': WAVE,
  'stripes.a': { min: -1, max: 1 },
  'stripes.beta': { above: 0, max: 100 },
  'stripes.m': { integer: true, min: 1, max: 32 },
  'bumps.background': { min: 0, max: 1e6 },
  'bumps[].x': { min: 0, max: 1 },
  'bumps[].y': { min: 0, max: 1 },
  'bumps[].sigma': { min: 1e-3, max: 0.5 },
  'bumps[].w': { min: 0, max: 1e6 },
  'bumps[].s': { integer: true, min: -1, max: 1 },
  'grid.G': { integer: true, min: PAINT_GRIDS[0], max: PAINT_GRIDS[PAINT_GRIDS.length - 1] },
  'grid.plus[]': { min: 0, max: PAINT_MAX },
  'grid.minus[]': { min: 0, max: PAINT_MAX },
} as const satisfies Record<string, NumberRange>;
const R = DENSITY_RANGES;

/** A DensitySpec read from untrusted input, defaults filled in (missing → `dflt`). */
export function readDensity(v: unknown, path: string, dflt: DensitySpec): DensitySpec {
  if (v === undefined) return structuredClone(dflt);
  const kindOnly = record(v, path, [
    'kind',
    'a',
    'p',
    'q',
    'beta',
    'm',
    'background',
    'bumps',
    'G',
    'plus',
    'minus',
  ]);
  const kind = oneOf(kindOnly.kind, join(path, 'kind'), DENSITY_KINDS, dflt.kind);
  const d = defaultDensity(kind);
  switch (d.kind) {
    case 'uniform':
      record(v, path, ['kind']);
      return { kind: 'uniform' };
    case 'sine': {
      const r = record(v, path, ['kind', 'a', 'p', 'q']);
      const a = num(r.a, join(path, 'a'), d.a, R['sine.a']);
      const p = num(r.p, join(path, 'p'), d.p, R['sine.p']);
      const q = num(r.q, join(path, 'q'), d.q, R['sine.q']);
      if (p === 0 && q === 0) fail(join(path, 'p'), 'the wave vector (p, q) must not be (0, 0)');
      return { kind: 'sine', a, p, q };
    }
    case 'stripes': {
      const r = record(v, path, ['kind', 'a', 'beta', 'm']);
      return {
        kind: 'stripes',
        a: num(r.a, join(path, 'a'), d.a, R['stripes.a']),
        beta: num(r.beta, join(path, 'beta'), d.beta, R['stripes.beta']),
        m: num(r.m, join(path, 'm'), d.m, R['stripes.m']),
      };
    }
    case 'bumps': {
      const r = record(v, path, ['kind', 'background', 'bumps']);
      const background = num(r.background, join(path, 'background'), d.background, R['bumps.background']);
      const items = r.bumps === undefined ? [] : list(r.bumps, join(path, 'bumps'), MAX_BUMPS);
      const bumps = items.map((b, i) => readBump(b, `${join(path, 'bumps')}[${i}]`));
      let total = background;
      for (const b of bumps) total += b.w;
      if (!(total > 0))
        fail(join(path, 'background'), 'background + Σ w must be positive (the density needs mass)');
      if (!(total >= MIN_DENSITY_TOTAL))
        fail(
          join(path, 'background'),
          `background + Σ w is ${total}: below ${MIN_DENSITY_TOTAL} (the weights are relative: scale them up)`,
        );
      return { kind: 'bumps', background, bumps };
    }
    case 'grid':
      return readGrid(v, path);
  }
}

function readGrid(v: unknown, path: string): DensitySpec {
  const r = record(v, path, ['kind', 'G', 'plus', 'minus']);
  const G = num(r.G, join(path, 'G'), 16, R['grid.G']);
  if (!PAINT_GRIDS.includes(G)) fail(join(path, 'G'), `must be one of ${PAINT_GRIDS.join(', ')}, got ${G}`);
  const cells = (key: 'plus' | 'minus'): number[] => {
    const field = join(path, key);
    if (r[key] === undefined) fail(field, `the painted grid needs ${G * G} values`);
    const items = list(r[key], field, G * G);
    if (items.length !== G * G) fail(field, `needs ${G * G} values (G = ${G}), got ${items.length}`);
    return items.map((x, i) => num(x, `${field}[${i}]`, undefined, R[`grid.${key}[]`]));
  };
  const plus = cells('plus');
  const minus = cells('minus');
  let total = 0;
  for (let c = 0; c < plus.length; c++) total += plus[c] + minus[c];
  if (!(total > 0)) fail(join(path, 'plus'), 'nothing is painted (the density needs mass)');
  if (!(total >= MIN_DENSITY_TOTAL))
    fail(
      join(path, 'plus'),
      `the painted cells add up to ${total}: below ${MIN_DENSITY_TOTAL} (the weights are relative: scale them up)`,
    );
  return { kind: 'grid', G, plus, minus };
}

function readBump(v: unknown, path: string): Bump {
  const r = record(v, path, ['x', 'y', 'sigma', 'w', 's']);
  const s = num(r.s, join(path, 's'), DEFAULT_BUMP.s, R['bumps[].s']);
  return {
    x: num(r.x, join(path, 'x'), DEFAULT_BUMP.x, R['bumps[].x']),
    y: num(r.y, join(path, 'y'), DEFAULT_BUMP.y, R['bumps[].y']),
    sigma: num(r.sigma, join(path, 'sigma'), DEFAULT_BUMP.sigma, R['bumps[].sigma']),
    w: num(r.w, join(path, 'w'), DEFAULT_BUMP.w, R['bumps[].w']),
    s: s as Bump['s'],
  };
}
