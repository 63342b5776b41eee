/**
 * Small readers for validating untrusted JSON-like input. A failure throws `Invalid` carrying the
 * path of the offending field; validateScenario catches it and returns it as a typed error.
 * Input is echoed in messages only through `clip`/`quote`/`show` (at most ECHO_MAX characters), so
 * no message can grow with the input: a 4 MB link gives a one-line error, not a 4 MB banner.
 */

/** Most characters of untrusted text repeated in a message. */
export const ECHO_MAX = 80;
/** Longest message (and field path) an Invalid carries: a backstop should a source forget to clip. */
const MESSAGE_MAX = 300;

export class Invalid extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(clip(message, MESSAGE_MAX));
    this.field = clip(field, ECHO_MAX);
  }
}

/** Text cut to at most `max` characters, marking the cut with "…" and the full length. */
export function clip(text: string, max = ECHO_MAX): string {
  if (text.length <= max) return text;
  const note = `… (${text.length} characters)`;
  return text.slice(0, Math.max(0, max - note.length)) + note;
}

/** Untrusted text in quotes for a message, clipped. */
export function quote(text: string): string {
  return JSON.stringify(clip(text));
}

export function fail(field: string, message: string): never {
  throw new Invalid(field, message);
}

export function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

export type Obj = Record<string, unknown>;

/** A plain object whose keys are all in `allowed` (unknown keys are typos: rejected, not ignored). */
export function record(v: unknown, path: string, allowed: readonly string[]): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path || 'scenario', 'must be an object');
  for (const k of Object.keys(v)) if (!allowed.includes(k)) fail(join(path, clip(k)), 'unknown field');
  return v as Obj;
}

export interface NumberRange {
  /** Inclusive bounds. */
  min?: number;
  max?: number;
  /** Exclusive lower bound. */
  above?: number;
  integer?: boolean;
}

function describe(r: NumberRange): string {
  const lo = r.above !== undefined ? `(${r.above}` : r.min !== undefined ? `[${r.min}` : '(−∞';
  const hi = r.max !== undefined ? `${r.max}]` : '∞)';
  return `${r.integer ? 'an integer' : 'a number'} in ${lo}, ${hi}`;
}

/**
 * A finite number within `range`; `dflt` when missing (undefined). The default is range-checked
 * too: it may be inferred from the input (n from the length of an explicit particle list).
 */
export function num(v: unknown, path: string, dflt: number | undefined, range: NumberRange): number {
  if (v === undefined) v = dflt;
  const ok =
    typeof v === 'number' &&
    Number.isFinite(v) &&
    (!range.integer || Number.isInteger(v)) &&
    (range.min === undefined || v >= range.min) &&
    (range.max === undefined || v <= range.max) &&
    (range.above === undefined || v > range.above);
  if (!ok) fail(path, `must be ${describe(range)}, got ${show(v)}`);
  return v as number;
}

/** One of the listed strings; `dflt` when missing. */
export function oneOf<T extends string>(
  v: unknown,
  path: string,
  options: readonly T[],
  dflt: T | undefined,
): T {
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) {
    fail(path, `must be one of ${options.join(', ')}, got ${show(v)}`);
  }
  return v as T;
}

export function bool(v: unknown, path: string, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') fail(path, `must be true or false, got ${show(v)}`);
  return v;
}

/** An array of at most `maxLength` items. */
export function list(v: unknown, path: string, maxLength: number): unknown[] {
  if (!Array.isArray(v)) fail(path, `must be a list, got ${show(v)}`);
  if (v.length > maxLength) fail(path, `at most ${maxLength} entries allowed, got ${v.length}`);
  return v;
}

/** A short printable form of an arbitrary value for messages. */
export function show(v: unknown): string {
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (v === undefined || v === null || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : typeof v;
}
