/**
 * The axes of a study: `KEY=V1;V2;…` over a key of the share link, each V written as in the link
 * (`d=pow:1,2;0.05`), or `LABEL=FRAGMENT;FRAGMENT` whose values are pieces of a link
 * (`data=samp=iid&d=0.05;i=dipoles&d=pow:1,1.5`), for settings that change together.
 *
 * Value lists: V1;V2;… — or V1|V2|… when a value itself holds ';' (U modes, bumps, explicit
 * particles); a trailing '|' ends such a list, so `U=1,1,0,0;2,2,0,0|` is one value. Integer
 * ranges: `A..B` (A, A+1, …, B) and `A..B*F` (A, A·F, A·F², … ≤ B, F ≥ 2 a whole number).
 * The values are checked only when the runs are built (expand.ts): there the link's own parser
 * reads them, against the base scenario.
 */
import { LINK_KEYS } from '../scenario/codec';
import { formatNumber } from '../scenario/numbers';
import { fail, quote } from '../scenario/read';

export interface Axis {
  /** A link key (n, d, seed, …), or a label whose values are link fragments. */
  name: string;
  /** Link-form texts (a value of that key, or `key=value&key=value`). */
  values: string[];
}

/** Most values one axis may expand to (a typo such as 1..1e9 should fail, not fill the memory). */
export const MAX_AXIS_VALUES = 10000;
const LABEL = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const RANGE = /^(-?\d+)\.\.(-?\d+)(?:\*(\d+))?$/;

export function isLinkKey(name: string): boolean {
  return Object.hasOwn(LINK_KEYS, name);
}

/** The link keys a value of this axis sets. */
export function axisKeys(axis: Axis, value: string): string[] {
  if (isLinkKey(axis.name)) return [axis.name];
  return value.split('&').map((token) => token.slice(0, token.indexOf('=')));
}

function expandRange(item: string, field: string): string[] {
  const m = RANGE.exec(item);
  if (!m) return [item];
  const [a, b] = [Number(m[1]), Number(m[2])];
  const factor = m[3] === undefined ? 1 : Number(m[3]);
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || b < a)
    fail(field, `the range ${quote(item)} must run upwards between whole numbers`);
  if (m[3] !== undefined && (factor < 2 || a <= 0))
    fail(field, `the ladder ${quote(item)} needs a start ≥ 1 and a factor ≥ 2`);
  const out: string[] = [];
  for (let v = a; v <= b; v = factor === 1 ? v + 1 : v * factor) {
    if (out.length >= MAX_AXIS_VALUES) fail(field, `${quote(item)} has more than ${MAX_AXIS_VALUES} values`);
    out.push(formatNumber(v));
  }
  return out;
}

/** The value list of an axis text (after KEY=). */
function splitValues(text: string, field: string): string[] {
  if (text.includes('|')) {
    const items = text.split('|');
    if (items.length > 1 && items[items.length - 1] === '') items.pop();
    return items;
  }
  return text.split(';').flatMap((item) => expandRange(item, field));
}

/** Reads one `--vary` text; errors name `field` (the option). */
export function parseAxis(text: string, field = 'vary'): Axis {
  const eq = text.indexOf('=');
  if (eq <= 0) fail(field, `must be KEY=V1;V2;… (a key of the link, e.g. d=0.05;0.1), got ${quote(text)}`);
  const name = text.slice(0, eq);
  const values = splitValues(text.slice(eq + 1), field);
  if (values.length > MAX_AXIS_VALUES) fail(field, `more than ${MAX_AXIS_VALUES} values for ${quote(name)}`);
  if (new Set(values).size !== values.length) fail(field, `${quote(name)} lists a value twice`);
  if (isLinkKey(name)) return { name, values };
  if (!LABEL.test(name)) fail(field, `${quote(name)} is neither a key of the link nor a label`);
  for (const v of values) {
    const tokens = v.split('&');
    for (const token of tokens) {
      const key = token.slice(0, Math.max(0, token.indexOf('=')));
      if (!isLinkKey(key))
        fail(
          field,
          `${quote(name)} is not a key of the link (${Object.keys(LINK_KEYS).join(', ')}); as a label its values must be link pieces key=value&…, got ${quote(v)}`,
        );
    }
    const keys = tokens.map((t) => t.slice(0, t.indexOf('=')));
    if (new Set(keys).size !== keys.length) fail(field, `${quote(v)} sets a key twice`);
  }
  return { name, values };
}

/** A whole-number ladder a, a·f, a·f², … (f ≥ 2), or a run a, a+1, …, as `A..B[*F]`, else undefined. */
function asRange(values: readonly string[]): string | undefined {
  if (values.length < 3) return undefined;
  const xs = values.map(Number);
  if (!xs.every((x, i) => Number.isSafeInteger(x) && formatNumber(x) === values[i])) return undefined;
  const [a, b, last] = [xs[0], xs[1], xs[xs.length - 1]];
  if (xs.every((x, i) => x === a + i)) return `${values[0]}..${values[values.length - 1]}`;
  const f = b / a;
  if (a >= 1 && Number.isInteger(f) && f >= 2 && xs.every((x, i) => i === 0 || x === xs[i - 1] * f))
    return `${values[0]}..${formatNumber(last)}*${formatNumber(f)}`;
  return undefined;
}

/** The text parseAxis reads back as the same axis (ranges written as A..B or A..B*F). */
export function formatAxis(axis: Axis): string {
  const { name, values } = axis;
  if (values.some((v) => v.includes('|'))) throw new RangeError(`axis ${name}: a value holds '|'`);
  const range = isLinkKey(name) ? asRange(values) : undefined;
  if (range) return `${name}=${range}`;
  const piped = values.some((v) => v.includes(';') || RANGE.test(v));
  if (!piped) return `${name}=${values.join(';')}`;
  const tail = values.length === 1 || values[values.length - 1] === '' ? '|' : '';
  return `${name}=${values.join('|')}${tail}`;
}
