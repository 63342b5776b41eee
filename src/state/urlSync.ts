import type { Scenario } from '../model/scenario/types';
import { type LinkReading, type LinkView, linkOf, readLink } from './linkReading';

/**
 * The scenario and the view state live in the URL hash (only what differs from the defaults).
 * Control changes replace the history entry; presets push one, so Back returns to the previous
 * scenario. A link with a bad value stays in the address bar as it was typed (so it can be
 * fixed) until the user changes something.
 */

let lastWritten = '';
/** While a story plays, the address bar holds the story's link, not the scene's. */
let held: string | null = null;

export function writeHash(s: Scenario, v: LinkView, mode: 'push' | 'replace'): void {
  setHash(held ?? linkOf(s, v), mode);
}

/** Put `hash` in the address bar (no navigation, no reload). */
export function setHash(hash: string, mode: 'push' | 'replace'): void {
  lastWritten = hash;
  if (window.location.hash === hash) return;
  const url = `${window.location.pathname}${window.location.search}${hash}`;
  if (mode === 'push') window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
}

/** Keep the address bar at `hash` (a story's link) until released with null. */
export function holdHash(hash: string | null): void {
  held = hash;
}

export type HashReading = LinkReading;

/** What the current URL says: an empty hash is the default scenario; bad values are reported. */
export function readHash(): HashReading {
  return readLink(window.location.hash);
}

/** Calls `onChange` with the new hash when it changes by navigation (Back/Forward, an edited URL). */
export function listenToHash(onChange: (hash: string) => void): () => void {
  const handler = () => {
    if (window.location.hash === lastWritten) return;
    lastWritten = window.location.hash;
    onChange(window.location.hash);
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
