/**
 * The postMessage API (README "Drive it from outside"): what a host page, a slide deck, a notebook
 * or a test sends, and what the app answers. DOM-free: the page wires it to `message` events
 * (labApiWiring.ts); node tests drive it with a fake environment.
 *
 * host → app: {lab: 1, id, cmd: play|pause|reset|step|getState|load|export, link (load),
 *              what: csv|json|png|particles (export)}
 * app → host: {lab: 1, id, ok, error? (one line), state, data? (export)}
 * unasked:    {lab: 1, event: checkpoint|finished|error, state}
 */

export const API_VERSION = 1;

export type ApiStatus = 'running' | 'paused' | 'finished' | 'error';

/** What is on screen: the times of the pictures drawn (the display clock's), not states computed ahead. */
export interface ApiState {
  t: number;
  particlesT: number;
  pdeT: number | null;
  status: ApiStatus;
  link: string;
  n: number;
}

export const COMMANDS = ['play', 'pause', 'reset', 'step', 'getState', 'load', 'export'] as const;
export type Command = (typeof COMMANDS)[number];
export const EXPORTS = ['csv', 'json', 'png', 'particles'] as const;
export type ExportKind = (typeof EXPORTS)[number];

export interface ApiReply {
  lab: 1;
  id: unknown;
  ok: boolean;
  error?: string;
  state: ApiState;
  data?: string;
}

export interface ApiEvent {
  lab: 1;
  event: 'checkpoint' | 'finished' | 'error';
  state: ApiState;
}

/** What the API needs from the app (the page passes the real actions; tests pass fakes). */
export interface ApiEnv {
  state(): ApiState;
  play(): Promise<void>;
  /** Resolve once both pictures show the same checkpoint. */
  pause(): Promise<void>;
  step(): Promise<void>;
  reset(): Promise<void>;
  /** Load a share link or story link; resolves when its first picture is drawn. Throws on a bad link. */
  load(link: string): Promise<void>;
  exportData(what: ExportKind): Promise<string>;
}

/** Longest error line, and the longest link accepted (a link is at most a few MB). */
const ERROR_CHARS = 300;
const MAX_LINK_CHARS = 4_000_000;

export function oneLine(e: unknown): string {
  const text = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim();
  return text.length > ERROR_CHARS ? `${text.slice(0, ERROR_CHARS - 1)}…` : text || 'failed';
}

/** Whether a message is addressed to the lab (other libraries post messages too). */
export function isLabMessage(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && (data as { lab?: unknown }).lab === API_VERSION;
}

/** An id that survives postMessage (structured clone); anything else is echoed as null. */
function echoId(id: unknown): unknown {
  if (id === undefined || id === null) return null;
  if (typeof id === 'string' || typeof id === 'number' || typeof id === 'boolean') return id;
  try {
    return JSON.parse(JSON.stringify(id)) as unknown;
  } catch {
    return null;
  }
}

/**
 * Answer one message. Returns null for what is not a command to the lab (no `lab: 1`, or the
 * lab's own replies and events); never throws or rejects: every failure is `ok: false` with a
 * one-line error and the state as it is.
 */
export async function handleMessage(data: unknown, env: ApiEnv): Promise<ApiReply | null> {
  // the lab's own replies and events (a page driving itself receives them too) are not commands
  if (!isLabMessage(data) || 'event' in data || 'ok' in data) return null;
  const id = echoId(data.id);
  const reply = (ok: boolean, extra: { error?: string; data?: string } = {}): ApiReply => {
    let state: ApiState;
    try {
      state = env.state();
    } catch {
      state = { t: 0, particlesT: 0, pdeT: null, status: 'error', link: '', n: 0 };
    }
    return { lab: API_VERSION, id, ok, ...extra, state };
  };
  const cmd = data.cmd;
  if (typeof cmd !== 'string' || !(COMMANDS as readonly string[]).includes(cmd)) {
    const shown = typeof cmd === 'string' ? JSON.stringify(cmd.slice(0, 40)) : String(cmd);
    return reply(false, { error: `unknown command ${shown} (one of ${COMMANDS.join(', ')})` });
  }
  try {
    switch (cmd as Command) {
      case 'getState':
        return reply(true);
      case 'play':
        await env.play();
        return reply(true);
      case 'pause':
        await env.pause();
        return reply(true);
      case 'step':
        await env.step();
        return reply(true);
      case 'reset':
        await env.reset();
        return reply(true);
      case 'load': {
        const link = data.link;
        if (typeof link !== 'string' || link.trim() === '')
          return reply(false, { error: 'load needs "link": a share link or its hash' });
        if (link.length > MAX_LINK_CHARS)
          return reply(false, { error: `the link is longer than ${MAX_LINK_CHARS} characters` });
        await env.load(link);
        return reply(true);
      }
      case 'export': {
        const what = data.what;
        if (typeof what !== 'string' || !(EXPORTS as readonly string[]).includes(what))
          return reply(false, { error: `export needs "what": one of ${EXPORTS.join(', ')}` });
        return reply(true, { data: await env.exportData(what as ExportKind) });
      }
    }
  } catch (e) {
    return reply(false, { error: oneLine(e) });
  }
}

/** Events at most this often (a checkpoint event per interval at most; finished/error at once). */
export const EVENT_MS = 250;

/**
 * Decides which unasked events to send, given the state now and then: `checkpoint` when the
 * picture reached a new checkpoint (at most every EVENT_MS), `finished`/`error` when the status
 * turns to it. Pure, so node tests can drive it with a fake clock.
 */
export function createEventGate(h: () => number) {
  let lastSent = Number.NEGATIVE_INFINITY;
  let lastK = -1;
  let lastStatus: ApiStatus | null = null;
  return (now: number, state: ApiState): ApiEvent['event'][] => {
    const out: ApiEvent['event'][] = [];
    const step = h();
    const k = step > 0 ? Math.floor(state.t / step + 1e-9) : 0;
    if (state.status !== lastStatus && (state.status === 'finished' || state.status === 'error'))
      out.push(state.status);
    if (k < lastK) lastK = k; // a reset or a new run
    if (k > lastK && now - lastSent >= EVENT_MS) {
      out.unshift('checkpoint');
      lastSent = now;
      lastK = k;
    }
    lastStatus = state.status;
    return out;
  };
}
