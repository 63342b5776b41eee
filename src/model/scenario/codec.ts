import {
  formatDelta,
  formatDensity,
  formatModes,
  formatParticles,
  numberList,
  parseDelta,
  parseDensity,
  parseModes,
  parseParticles,
} from './codecValues';
import { DEFAULT_SCENARIO, defaultInitial } from './defaults';
import { formatTemperature, NOISE_DEFAULTS, parseTemperature } from './noise';
import { formatNumber as f } from './numbers';
import { clip, fail, Invalid, type Obj, quote } from './read';
import type { Scenario, ScenarioResult } from './types';
import { SCENARIO_VERSION, validateScenario } from './validate';

/**
 * The scenario ↔ URL-hash codec (MATH §9). Format: `v1&key=value&…`, only the fields that differ
 * from DEFAULT_SCENARIO (or, inside `initial`, from the defaults of its kind), numbers in shortest
 * round-trip form, e.g.
 *   v1&g=slip&d=pow:0.5,1.25&n=1000&U=1,1,0,0&i=dipoles&o=vertical&seed=7
 * Keys (scenario field): dim dimension (1: the circle) · g geometry · c core · d delta · n · U field.modes · F field.force ·
 * i initial.kind · rho initial.density · samp initial.sampling · seed · gamma · o orientation ·
 * P initial.particles · pde on|off · N pde.grid · pd pde.delta · prk pde.rk · T · int integrator.method ·
 * rtol · atol · rate · th noise.temperature (θ or pow:c,q) · ns noise.seed. Decoding fills the omitted fields by validateScenario's defaults, so
 * decode(encode(s)) equals s exactly for every valid s.
 */

const D = DEFAULT_SCENARIO;

/** Deep equality of JSON-like values, numbers compared with Object.is (so −0 ≠ 0 survives). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => same((a as Obj)[k], (b as Obj)[k]));
}

/** The URL-hash text of a valid scenario (without '#'). */
export function encodeScenario(s: Scenario): string {
  const out = [`v${SCENARIO_VERSION}`];
  const put = (key: string, value: unknown, dflt: unknown, text: () => string) => {
    if (!same(value, dflt)) out.push(`${key}=${text()}`);
  };
  put('dim', s.dimension ?? 2, 2, () => f(s.dimension ?? 2));
  put('g', s.geometry, D.geometry, () => s.geometry);
  put('c', s.core, D.core, () => s.core);
  put('d', s.delta, D.delta, () => formatDelta(s.delta));
  put('n', s.n, D.n, () => f(s.n));
  put('U', s.field.modes, D.field.modes, () => formatModes(s.field.modes));
  put('F', s.field.force, D.field.force, () => `${f(s.field.force[0])},${f(s.field.force[1])}`);
  const init = s.initial;
  put('i', init.kind, D.initial.kind, () => init.kind);
  const di = defaultInitial(init.kind);
  if (init.kind !== 'explicit' && di.kind !== 'explicit') {
    put('rho', init.density, di.density, () => formatDensity(init.density));
  }
  if (init.kind === 'sample' && di.kind === 'sample')
    put('samp', init.sampling, di.sampling, () => init.sampling);
  if (init.kind === 'dipoles' && di.kind === 'dipoles') {
    put('gamma', init.gamma, di.gamma, () => f(init.gamma));
    put('o', init.orientation, di.orientation, () => init.orientation);
  }
  if (init.kind !== 'explicit' && di.kind !== 'explicit') put('seed', init.seed, di.seed, () => f(init.seed));
  if (init.kind === 'explicit') put('P', init.particles, [], () => formatParticles(init.particles));
  put('pde', s.pde.enabled, D.pde.enabled, () => (s.pde.enabled ? 'on' : 'off'));
  put('N', s.pde.grid, D.pde.grid, () => f(s.pde.grid));
  put('pd', s.pde.delta, D.pde.delta, () => (typeof s.pde.delta === 'number' ? f(s.pde.delta) : s.pde.delta));
  put('prk', s.pde.rk ?? 'ssp33', 'ssp33', () => s.pde.rk ?? 'ssp33');
  put('T', s.T, D.T, () => f(s.T));
  put('int', s.integrator.method, D.integrator.method, () => s.integrator.method);
  put('rtol', s.integrator.rtol, D.integrator.rtol, () => f(s.integrator.rtol));
  put('atol', s.integrator.atol, D.integrator.atol, () => f(s.integrator.atol));
  put('rate', s.rate, D.rate, () => f(s.rate));
  const noise = s.noise ?? NOISE_DEFAULTS;
  put('th', noise.temperature, NOISE_DEFAULTS.temperature, () => formatTemperature(noise.temperature));
  put('ns', noise.seed, NOISE_DEFAULTS.seed, () => f(noise.seed));
  return out.join('&');
}

/**
 * Keys of the app's view state (view mode, density map, tiling, theme, text size, autoplay, how much
 * of the page an embed shows) that
 * a link may also carry: not part of the scenario, so decoding skips them (the app reads them).
 */
export const VIEW_LINK_KEYS: ReadonlySet<string> = new Set([
  'view',
  'map',
  'tile',
  'theme',
  'text',
  'play',
  'ui',
]);

/** Where each key's value goes in the raw scenario, and how its text is read. */
const KEYS: Record<string, { path: string; parse: (text: string, field: string) => unknown }> = {
  dim: { path: 'dimension', parse: (t, fld) => numberList(t, 1, fld)[0] },
  g: { path: 'geometry', parse: (t) => t },
  c: { path: 'core', parse: (t) => t },
  d: { path: 'delta', parse: parseDelta },
  n: { path: 'n', parse: (t, fld) => numberList(t, 1, fld)[0] },
  U: { path: 'field.modes', parse: parseModes },
  F: { path: 'field.force', parse: (t, fld) => numberList(t, 2, fld) },
  i: { path: 'initial.kind', parse: (t) => t },
  rho: { path: 'initial.density', parse: parseDensity },
  samp: { path: 'initial.sampling', parse: (t) => t },
  seed: { path: 'initial.seed', parse: (t, fld) => numberList(t, 1, fld)[0] },
  gamma: { path: 'initial.gamma', parse: (t, fld) => numberList(t, 1, fld)[0] },
  o: { path: 'initial.orientation', parse: (t) => t },
  P: { path: 'initial.particles', parse: parseParticles },
  pde: {
    path: 'pde.enabled',
    parse: (t, fld) => (t === 'on' ? true : t === 'off' ? false : fail(fld, 'must be on or off')),
  },
  N: { path: 'pde.grid', parse: (t, fld) => numberList(t, 1, fld)[0] },
  pd: {
    path: 'pde.delta',
    parse: (t, fld) => (t === 'same' || t === 'limit' ? t : numberList(t, 1, fld)[0]),
  },
  prk: { path: 'pde.rk', parse: (t) => t },
  T: { path: 'T', parse: (t, fld) => numberList(t, 1, fld)[0] },
  int: { path: 'integrator.method', parse: (t) => t },
  rtol: { path: 'integrator.rtol', parse: (t, fld) => numberList(t, 1, fld)[0] },
  atol: { path: 'integrator.atol', parse: (t, fld) => numberList(t, 1, fld)[0] },
  rate: { path: 'rate', parse: (t, fld) => numberList(t, 1, fld)[0] },
  th: { path: 'noise.temperature', parse: parseTemperature },
  ns: { path: 'noise.seed', parse: (t, fld) => numberList(t, 1, fld)[0] },
};

/** The link's keys and the scenario field each one sets (`d` → `delta`, `seed` → `initial.seed`, …). */
export const LINK_KEYS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(Object.entries(KEYS).map(([key, spec]) => [key, spec.path])),
);

/**
 * A scenario from a URL hash (with or without '#') or a whole URL (its hash is used). Never throws:
 * garbled input gives {ok: false, error: {field, message}}; an ok result is a validated Scenario.
 */
export function decodeScenario(input: string): ScenarioResult {
  try {
    return validateScenario(rawFromHash(input));
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, error: { field: e.field, message: e.message } };
    return {
      ok: false,
      error: { field: 'url', message: clip(`unreadable scenario link (${String(e)})`, 200) },
    };
  }
}

function rawFromHash(input: unknown): Obj {
  if (typeof input !== 'string') fail('url', 'a scenario link must be text');
  const hash = input.includes('#') ? input.slice(input.indexOf('#') + 1) : input;
  const tokens = hash.split('&');
  const version = tokens[0];
  if (!/^v[0-9]+$/.test(version)) fail('url', 'not a scenario link (it should start with v1)');
  const vnum = Number(version.slice(1));
  if (vnum > SCENARIO_VERSION) {
    fail(
      'version',
      `this link is for scenario version ${clip(version.slice(1))}, newer than this app supports (${SCENARIO_VERSION})`,
    );
  }
  if (version !== `v${SCENARIO_VERSION}`)
    fail('version', `unsupported scenario version ${clip(version.slice(1))}`);
  const raw: Obj = { version: SCENARIO_VERSION };
  const seen = new Set<string>();
  for (const token of tokens.slice(1)) {
    if (token === '') continue;
    const eq = token.indexOf('=');
    if (eq < 0) fail('url', `${quote(token)} is not key=value`);
    const key = percentDecode(token.slice(0, eq));
    if (VIEW_LINK_KEYS.has(key)) continue;
    const spec = Object.hasOwn(KEYS, key) ? KEYS[key] : undefined;
    if (!spec) fail('url', `unknown key ${quote(key)} in the link`);
    if (seen.has(key)) fail(spec.path, `"${key}" appears twice in the link`);
    seen.add(key);
    setPath(raw, spec.path, spec.parse(percentDecode(token.slice(eq + 1)), spec.path));
  }
  return raw;
}

/** decodeURIComponent without its URIError: bad escapes become a typed error. */
function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return fail('url', `malformed percent-encoding in ${quote(text)}`);
  }
}

function setPath(raw: Obj, path: string, value: unknown): void {
  const parts = path.split('.');
  let o = raw;
  for (const p of parts.slice(0, -1)) {
    if (typeof o[p] !== 'object' || o[p] === null) o[p] = {};
    o = o[p] as Obj;
  }
  o[parts[parts.length - 1]] = value;
}
