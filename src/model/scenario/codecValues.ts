import type { DensitySpec } from '../init/densities';
import type { CosMode } from '../types';
import { formatNumber as f, parseNumber } from './numbers';
import { fail, quote } from './read';
import type { DeltaSpec } from './types';

/**
 * Text forms of the structured values in a scenario link. Parsers produce raw (unchecked) values
 * for validateScenario; they only fail (via `fail`) when the text has the wrong shape.
 */

/** Exactly `count` comma-separated numbers (count < 0: any number of them). */
export function numberList(text: string, count: number, field: string): number[] {
  const parts = text.split(',');
  if (count >= 0 && parts.length !== count)
    fail(field, `expected ${count} comma-separated numbers, got ${quote(text)}`);
  return parts.map((p) => {
    const x = parseNumber(p);
    if (x === undefined) fail(field, `${quote(p)} is not a number`);
    return x;
  });
}

/** δ: `0.001`, `pow:c,p` (δ = c·n^−p) or `log:c` (δ = c/√log n). */
export function formatDelta(d: DeltaSpec): string {
  if (typeof d === 'number') return f(d);
  return d.rule === 'power' ? `pow:${f(d.c)},${f(d.p)}` : `log:${f(d.c)}`;
}

export function parseDelta(text: string, field: string): unknown {
  if (text.startsWith('pow:')) {
    const [c, p] = numberList(text.slice(4), 2, field);
    return { rule: 'power', c, p };
  }
  if (text.startsWith('log:')) {
    const [c] = numberList(text.slice(4), 1, field);
    return { rule: 'log', c };
  }
  return numberList(text, 1, field)[0];
}

/** Cosine modes of U: `a,p,q,phi;a,p,q,phi` (empty text: no modes). */
export function formatModes(modes: readonly CosMode[]): string {
  return modes.map((m) => `${f(m.a)},${f(m.p)},${f(m.q)},${f(m.phi)}`).join(';');
}

export function parseModes(text: string, field: string): unknown[] {
  if (text === '') return [];
  return text.split(';').map((item) => {
    const [a, p, q, phi] = numberList(item, 4, field);
    return { a, p, q, phi };
  });
}

/**
 * Runs of equal values, `v*count` (or `v` for one), comma-separated: a painted grid is mostly
 * background, so 256 cells usually take a few dozen characters.
 */
export function formatRuns(values: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i + 1;
    while (j < values.length && Object.is(values[j], values[i])) j++;
    out.push(j - i > 1 ? `${f(values[i])}*${j - i}` : f(values[i]));
    i = j;
  }
  return out.join(',');
}

/** The values of `formatRuns` text; at most `max` of them (a link cannot ask for a billion cells). */
export function parseRuns(text: string, max: number, field: string): number[] {
  const out: number[] = [];
  for (const item of text.split(',')) {
    const star = item.indexOf('*');
    const [x] = numberList(star < 0 ? item : item.slice(0, star), 1, field);
    let count = 1;
    if (star >= 0) {
      const c = item.slice(star + 1);
      count = /^[0-9]{1,7}$/.test(c) ? Number(c) : 0;
      if (count < 1) fail(field, `${quote(c)} is not a run length (a whole number ≥ 1)`);
    }
    if (out.length + count > max) fail(field, `more than ${max} values`);
    for (let k = 0; k < count; k++) out.push(x);
  }
  return out;
}

/**
 * Densities: `uniform`, `sine:a,p,q`, `stripes:a,beta,m`, `bumps:background;x,y,sigma,w,s;…`,
 * `grid:G;runs of ρ+ weights;runs of ρ− weights` (painted, cells row by row from x₂ = 0).
 */
export function formatDensity(d: DensitySpec): string {
  switch (d.kind) {
    case 'uniform':
      return 'uniform';
    case 'sine':
      return `sine:${f(d.a)},${f(d.p)},${f(d.q)}`;
    case 'stripes':
      return `stripes:${f(d.a)},${f(d.beta)},${f(d.m)}`;
    case 'bumps':
      return `bumps:${f(d.background)}${d.bumps.map((b) => `;${f(b.x)},${f(b.y)},${f(b.sigma)},${f(b.w)},${f(b.s)}`).join('')}`;
    case 'grid':
      return `grid:${f(d.G)};${formatRuns(d.plus)};${formatRuns(d.minus)}`;
  }
}

export function parseDensity(text: string, field: string): unknown {
  const colon = text.indexOf(':');
  const kind = colon < 0 ? text : text.slice(0, colon);
  const rest = colon < 0 ? undefined : text.slice(colon + 1);
  const need = (): string => {
    if (rest === undefined) fail(field, `the ${kind} density needs parameters (${kind}:…)`);
    return rest;
  };
  switch (kind) {
    case 'uniform':
      if (rest !== undefined && rest !== '') fail(field, 'the uniform density takes no parameters');
      return { kind };
    case 'sine': {
      const [a, p, q] = numberList(need(), 3, field);
      return { kind, a, p, q };
    }
    case 'stripes': {
      const [a, beta, m] = numberList(need(), 3, field);
      return { kind, a, beta, m };
    }
    case 'bumps': {
      const [head, ...items] = need().split(';');
      const [background] = numberList(head, 1, field);
      const bumps = items.map((item) => {
        const [x, y, sigma, w, s] = numberList(item, 5, field);
        return { x, y, sigma, w, s };
      });
      return { kind, background, bumps };
    }
    case 'grid': {
      const parts = need().split(';');
      if (parts.length !== 3) fail(field, 'a painted grid is grid:G;ρ+ weights;ρ− weights');
      const [G] = numberList(parts[0], 1, field);
      const max = 32 * 32;
      return { kind, G, plus: parseRuns(parts[1], max, field), minus: parseRuns(parts[2], max, field) };
    }
    default:
      fail(field, `unknown density ${quote(kind)} (uniform, sine, stripes, bumps or grid)`);
  }
}

/** Explicit particles: `x,y,b;x,y,b;…` with b = 1 or -1. */
export function formatParticles(ps: readonly (readonly number[])[]): string {
  return ps.map(([x, y, b]) => `${f(x)},${f(y)},${f(b)}`).join(';');
}

export function parseParticles(text: string, field: string): unknown[] {
  if (text === '') return [];
  return text.split(';').map((item) => numberList(item, 3, field));
}
