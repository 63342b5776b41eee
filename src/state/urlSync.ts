import { decodeScenario, encodeScenario } from '../model/scenario/codec';
import { defaultScenario } from '../model/scenario/defaults';
import type { Scenario } from '../model/scenario/types';

/**
 * The scenario lives in the URL hash (only what differs from the defaults). Control changes
 * replace the history entry; presets push one, so Back returns to the previous scenario.
 */

let lastWritten = '';

export function hashOf(s: Scenario): string {
  return `#${encodeScenario(s)}`;
}

export function writeHash(s: Scenario, mode: 'push' | 'replace'): void {
  const hash = hashOf(s);
  lastWritten = hash;
  if (window.location.hash === hash) return;
  const url = `${window.location.pathname}${window.location.search}${hash}`;
  if (mode === 'push') window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
}

export interface HashReading {
  scenario: Scenario;
  /** What was wrong with the link, or null. */
  problem: string | null;
}

/** The scenario of the current URL: an empty hash is the default; a bad one is reported. */
export function readHash(): HashReading {
  const raw = window.location.hash;
  if (raw === '' || raw === '#') return { scenario: defaultScenario(), problem: null };
  const result = decodeScenario(raw);
  if (result.ok) return { scenario: result.scenario, problem: null };
  const { field, message } = result.error;
  return {
    scenario: defaultScenario(),
    problem: `This link could not be read (${field}: ${message}). The default scenario was loaded instead.`,
  };
}

/** Calls `onChange` when the hash changes by navigation (Back/Forward, an edited URL). */
export function listenToHash(onChange: (reading: HashReading) => void): () => void {
  const handler = () => {
    if (window.location.hash === lastWritten) return;
    lastWritten = window.location.hash;
    onChange(readHash());
  };
  window.addEventListener('popstate', handler);
  window.addEventListener('hashchange', handler);
  return () => {
    window.removeEventListener('popstate', handler);
    window.removeEventListener('hashchange', handler);
  };
}

export function markHashRead(): void {
  lastWritten = window.location.hash;
}
