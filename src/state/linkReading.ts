import { decodeScenario, encodeScenario, VIEW_LINK_KEYS } from '../model/scenario/codec';
import { defaultScenario } from '../model/scenario/defaults';
import type { Scenario } from '../model/scenario/types';
import { DEFAULT_UI, DENSITY_FIELDS, EMBED_UIS, TEXT_SCALES, type UiState, VIEW_MODES } from './uiTypes';

/** The part of the view state a link holds. */
export type LinkView = Pick<UiState, 'mode' | 'field' | 'tiled' | 'theme' | 'textScale' | 'embed'>;

export interface LinkReading {
  scenario: Scenario;
  /** View state the link sets (only the keys it has). */
  view: Partial<LinkView>;
  /** The link asks to start playing once loaded. */
  play: boolean;
  /** What could not be used (each named, with the text that was typed), or null. */
  problem: string | null;
}

/** Typed text is quoted at most this long (a link may be a megabyte of junk). */
const QUOTE_CHARS = 60;
/** Above this size or token count a bad link is not taken apart token by token. */
const MAX_LENIENT_CHARS = 100_000;
const MAX_LENIENT_TOKENS = 40;

/** The codec's messages quote the input too: keep them to a line. */
const MESSAGE_CHARS = 160;

function said(err: { field: string; message: string }): string {
  const m = err.message.length > MESSAGE_CHARS ? `${err.message.slice(0, MESSAGE_CHARS)}…` : err.message;
  return `${err.field}: ${m}`;
}

function quote(text: string): string {
  return JSON.stringify(text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text);
}

const THEMES = ['light', 'dark'] as const;

/** `view=…&map=…&tile=1&theme=…&text=…&ui=…`, only what differs from the defaults (+ `play=1`). */
export function encodeView(v: LinkView, play = false): string {
  const out: string[] = [];
  if (v.mode !== DEFAULT_UI.mode) out.push(`view=${v.mode}`);
  if (v.field !== DEFAULT_UI.field) out.push(`map=${v.field}`);
  if (v.tiled) out.push('tile=1');
  if (v.theme !== DEFAULT_UI.theme) out.push(`theme=${v.theme}`);
  if (v.textScale !== DEFAULT_UI.textScale) out.push(`text=${v.textScale}`);
  if (v.embed !== DEFAULT_UI.embed) out.push(`ui=${v.embed}`);
  if (play) out.push('play=1');
  return out.map((t) => `&${t}`).join('');
}

/** The link of a scenario seen with view state v. */
export function linkOf(s: Scenario, v: LinkView, play = false): string {
  return `#${encodeScenario(s)}${encodeView(v, play)}`;
}

function readView(key: string, value: string, view: Partial<LinkView>): string | null {
  const oneOf = <T extends string>(options: readonly T[]): T | null =>
    (options as readonly string[]).includes(value) ? (value as T) : null;
  switch (key) {
    case 'view': {
      const m = oneOf(VIEW_MODES.map((x) => x.value));
      if (m) view.mode = m;
      return m ? null : `view=${quote(value)} (one of ${VIEW_MODES.map((x) => x.value).join(', ')})`;
    }
    case 'map': {
      const f = oneOf(DENSITY_FIELDS.map((x) => x.value));
      if (f) view.field = f;
      return f ? null : `map=${quote(value)} (one of ${DENSITY_FIELDS.map((x) => x.value).join(', ')})`;
    }
    case 'tile':
      if (value === '1' || value === '0') view.tiled = value === '1';
      return value === '1' || value === '0' ? null : `tile=${quote(value)} (1 or 0)`;
    case 'theme': {
      const t = oneOf(THEMES);
      if (t) view.theme = t;
      return t ? null : `theme=${quote(value)} (light or dark)`;
    }
    case 'text': {
      const x = Number(value);
      const ok = (TEXT_SCALES as readonly number[]).includes(x);
      if (ok) view.textScale = x;
      return ok ? null : `text=${quote(value)} (one of ${TEXT_SCALES.join(', ')})`;
    }
    case 'ui': {
      const e = oneOf(EMBED_UIS);
      if (e) view.embed = e;
      return e ? null : `ui=${quote(value)} (one of ${EMBED_UIS.join(', ')})`;
    }
    default:
      return null;
  }
}

/** A key=value token's key, percent-decoding tolerated (as the codec does). */
function keyOf(token: string): string {
  const eq = token.indexOf('=');
  const key = eq < 0 ? token : token.slice(0, eq);
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

/**
 * Read a link (hash with or without '#'). A bad value does not throw the rest away: the tokens
 * that make the scenario invalid are found (each dropped in turn until the rest decodes) and left
 * at their defaults, and the problem names each with the text that was typed. Only when the link
 * as a whole is unreadable (not v1, a newer version, too big to take apart) is the default loaded.
 */
export function readLink(hash: string): LinkReading {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body === '') return { scenario: defaultScenario(), view: {}, play: false, problem: null };
  const [version, ...tokens] = body.split('&');
  const view: Partial<LinkView> = {};
  const problems: string[] = [];
  let play = false;
  const scenarioTokens: string[] = [];
  for (const token of tokens) {
    const key = keyOf(token);
    if (!VIEW_LINK_KEYS.has(key)) {
      if (token !== '') scenarioTokens.push(token);
      continue;
    }
    const value = token.slice(token.indexOf('=') + 1);
    if (key === 'play') play = value === '1';
    else {
      const bad = readView(key, value, view);
      if (bad) problems.push(bad);
    }
  }
  const decode = (ts: string[]) => decodeScenario([version, ...ts].join('&'));
  let result = decode(scenarioTokens);
  if (!result.ok && (body.length > MAX_LENIENT_CHARS || scenarioTokens.length > MAX_LENIENT_TOKENS)) {
    problems.unshift(said(result.error));
    return { scenario: defaultScenario(), view, play, problem: unreadable(problems) };
  }
  let kept = scenarioTokens;
  while (!result.ok) {
    const err = result.error;
    const worse = said(err);
    let next: { i: number; r: ReturnType<typeof decode> } | null = null;
    for (let i = 0; i < kept.length && !next?.r.ok; i++) {
      const r = decode(kept.filter((_, j) => j !== i));
      // the first token whose removal makes the link valid, else the first that changes the error
      if (r.ok || (!next && (r.error.field !== err.field || r.error.message !== err.message)))
        next = { i, r };
    }
    if (!next) {
      problems.unshift(worse);
      return { scenario: defaultScenario(), view, play, problem: unreadable(problems) };
    }
    const token = kept[next.i];
    const eq = token.indexOf('=');
    problems.push(
      eq < 0
        ? `${quote(token)} is not key=value`
        : `${keyOf(token)}=${quote(token.slice(eq + 1))} (${said(err)})`,
    );
    kept = kept.filter((_, j) => j !== next.i);
    result = next.r;
  }
  const problem =
    problems.length === 0
      ? null
      : `Part of this link could not be read: ${problems.join('; ')}. ${problems.length === 1 ? 'It was' : 'They were'} left at the default; everything else is as in the link.`;
  return { scenario: result.scenario, view, play, problem };
}

function unreadable(problems: string[]): string {
  return `This link could not be read (${problems.join('; ')}). The default scenario was loaded instead.`;
}
