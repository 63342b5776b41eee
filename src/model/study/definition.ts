/**
 * A study: a base scenario, axes over keys of its link (axes.ts), and how each run is done and
 * measured. Its text form sits next to the base scenario's link:
 *   study1&vary=n=250..4000*2&vary=seed=1..3&pde=on&modes=1,0;0,1~v1&T=0.2&U=1,1,0,0
 * (study options, '~', the scenario link), so a study can travel in a URL as a scenario does.
 * Inside the study part '%', '&', '~', '#' and blanks of a value are percent-escaped; everything
 * else stays readable. decodeStudy(encodeStudy(d)) equals d for every valid d.
 */
import type { Wavevector } from '../diagnostics/runMeasures';
import { decodeScenario, encodeScenario } from '../scenario/codec';
import { numberList } from '../scenario/codecValues';
import { formatNumber } from '../scenario/numbers';
import { clip, fail, Invalid, quote } from '../scenario/read';
import type { Scenario } from '../scenario/types';
import { type Axis, axisKeys, formatAxis, parseAxis } from './axes';

export const STUDY_VERSION = 1;
/** Samples of a --pde run by default (those of `run --pde`: the steps end at the sample times). */
export const DEFAULT_SAMPLES = 50;
export const MAX_SAMPLES = 10000;
/** Largest |p|, |q| of a measured mode of κ. */
export const MAX_MODE_WAVENUMBER = 64;

export interface StudyRunOptions {
  /** Co-evolve the PDE (its grid and δ are the scenario's `N` and `pd`). */
  pde: boolean;
  /** With pde: equispaced sample times at which both sides end a step, as in `run --pde`. */
  samples: number;
  /** Step on the app's checkpoint grid T/200, as `run --replay` does. */
  replay: boolean;
  /** Wave vectors (p, q) whose κ̂ is reported, for the particles and (with pde) the PDE. */
  modes: Wavevector[];
}

export interface StudyDefinition {
  base: Scenario;
  axes: Axis[];
  run: StudyRunOptions;
}

export function defaultRunOptions(): StudyRunOptions {
  return { pde: false, samples: DEFAULT_SAMPLES, replay: false, modes: [] };
}

/** `p,q;p,q` → wave vectors (the link's own number reader), each |p|, |q| ≤ 64, none twice. */
export function parseModes(text: string, field = 'modes'): Wavevector[] {
  if (text.trim() === '') return [];
  const modes = text.split(';').map((item) => {
    const [p, q] = numberList(item.trim(), 2, field);
    if (![p, q].every((x) => Number.isInteger(x) && Math.abs(x) <= MAX_MODE_WAVENUMBER))
      fail(
        field,
        `wave numbers must be whole numbers in [−${MAX_MODE_WAVENUMBER}, ${MAX_MODE_WAVENUMBER}], got ${quote(item)}`,
      );
    return [p, q] as const;
  });
  const names = modes.map(([p, q]) => `${p},${q}`);
  if (new Set(names).size !== names.length) fail(field, 'lists a mode twice');
  return modes;
}

export function formatModes(modes: readonly Wavevector[]): string {
  return modes.map(([p, q]) => `${formatNumber(p)},${formatNumber(q)}`).join(';');
}

/** Axes must not set a key twice (two axes over n, or n in an axis and in a fragment). */
export function checkAxes(axes: readonly Axis[], field = 'vary'): void {
  const owner = new Map<string, string>();
  const names = new Set<string>();
  for (const axis of axes) {
    if (names.has(axis.name)) fail(field, `${quote(axis.name)} is varied twice`);
    names.add(axis.name);
    const keys = new Set(axis.values.flatMap((v) => axisKeys(axis, v)));
    for (const key of keys) {
      const other = owner.get(key);
      if (other !== undefined)
        fail(field, `the link key ${quote(key)} is set by both ${other} and ${axis.name}`);
      owner.set(key, axis.name);
    }
  }
}

const ESCAPE = /[%&~#\s]/g;
const escapeValue = (v: string) =>
  v.replace(ESCAPE, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

export function encodeStudy(d: StudyDefinition): string {
  const parts = [`study${STUDY_VERSION}`];
  for (const axis of d.axes) parts.push(`vary=${escapeValue(formatAxis(axis))}`);
  if (d.run.pde) parts.push('pde=on');
  if (d.run.samples !== DEFAULT_SAMPLES) parts.push(`samples=${formatNumber(d.run.samples)}`);
  if (d.run.replay) parts.push('replay=on');
  if (d.run.modes.length > 0) parts.push(`modes=${formatModes(d.run.modes)}`);
  return `${parts.join('&')}~${encodeScenario(d.base)}`;
}

function onOff(v: string, field: string): boolean {
  if (v === 'on') return true;
  if (v === 'off') return false;
  return fail(field, `must be on or off, got ${quote(v)}`);
}

function decodeStudyText(text: string): StudyDefinition {
  const hash = text.includes('#') ? text.slice(text.indexOf('#') + 1) : text;
  const cut = hash.indexOf('~');
  if (cut < 0) fail('study', 'a study link is study1&…~v1&… (study options, "~", the scenario link)');
  const [head, ...tokens] = hash.slice(0, cut).split('&');
  if (head !== `study${STUDY_VERSION}`)
    fail('study', `not a study link of version ${STUDY_VERSION}: ${quote(head)}`);
  const scenario = decodeScenario(hash.slice(cut + 1));
  if (!scenario.ok) fail(scenario.error.field, scenario.error.message);
  const run = defaultRunOptions();
  const axes: Axis[] = [];
  const seen = new Set<string>();
  for (const token of tokens) {
    const eq = token.indexOf('=');
    if (eq < 0) fail('study', `${quote(token)} is not key=value`);
    const key = token.slice(0, eq);
    let value: string;
    try {
      value = decodeURIComponent(token.slice(eq + 1));
    } catch {
      return fail('study', `malformed percent-encoding in ${quote(token)}`);
    }
    if (key !== 'vary' && seen.has(key)) fail(key, 'appears twice in the study link');
    seen.add(key);
    if (key === 'vary') axes.push(parseAxis(value));
    else if (key === 'pde') run.pde = onOff(value, 'pde');
    else if (key === 'replay') run.replay = onOff(value, 'replay');
    else if (key === 'modes') run.modes = parseModes(value);
    else if (key === 'samples') {
      const [k] = numberList(value, 1, 'samples');
      if (!(Number.isInteger(k) && k >= 1 && k <= MAX_SAMPLES))
        fail('samples', `must be a whole number in [1, ${MAX_SAMPLES}], got ${quote(value)}`);
      run.samples = k;
    } else fail('study', `unknown study option ${quote(key)}`);
  }
  checkAxes(axes);
  return { base: scenario.scenario, axes, run };
}

export type StudyResult =
  | { ok: true; study: StudyDefinition }
  | { ok: false; error: { field: string; message: string } };

/** A study from its text (or a URL whose hash holds it). Never throws. */
export function decodeStudy(text: string): StudyResult {
  try {
    return { ok: true, study: decodeStudyText(text) };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, error: { field: e.field, message: e.message } };
    return {
      ok: false,
      error: { field: 'study', message: clip(`unreadable study link (${String(e)})`, 200) },
    };
  }
}
