import { decodeStory, encodeStory, isStoryLink, type Story } from '../model/scenario/story';
import type { Scenario } from '../model/scenario/types';
import { validateScenario } from '../model/scenario/validate';
import { runner } from './lab';
import { type LinkView, linkOf, readLink } from './linkReading';
import { patchUi, setFieldError, useLab } from './store';
import type { UiState } from './uiTypes';
import { type HashReading, holdHash, markHashRead, setHash, writeHash } from './urlSync';

const linkView = (): LinkView => {
  const { mode, field, tiled, theme, textScale, embed } = useLab.getState().ui;
  return { mode, field, tiled, theme, textScale, embed };
};

/**
 * Edit the scenario through a draft. The result is validated as a whole; if it is rejected the
 * message is shown next to the control `key` and the previous valid scenario stays in force.
 * Returns whether the edit was accepted.
 */
export function editScenario(key: string, mutate: (draft: Scenario) => void): boolean {
  const prev = useLab.getState().scenario;
  const draft = structuredClone(prev);
  try {
    mutate(draft);
  } catch (e) {
    setFieldError(key, e instanceof Error ? e.message : String(e));
    return false;
  }
  const result = validateScenario(draft);
  if (!result.ok) {
    setFieldError(key, `${result.error.field}: ${result.error.message}`);
    return false;
  }
  setFieldError(key, null);
  const next = result.scenario;
  if (JSON.stringify(next) === JSON.stringify(prev)) return true;
  useLab.setState({ scenario: next });
  writeHash(next, linkView(), 'replace');
  void runner.apply(prev, next);
  return true;
}

/** Replace the whole scenario (preset, link, Back): a fresh run. */
export function loadScenario(s: Scenario, history: 'push' | 'replace' | 'none'): void {
  useLab.setState({ scenario: s, fieldErrors: {} });
  if (history !== 'none') writeHash(s, linkView(), history);
  void runner.load(s);
}

/**
 * Open what a URL hash describes: the scenario (bad values at their defaults, reported in the
 * banner, the address bar left as typed), the view state it holds, and autoplay if it asks.
 */
export function loadFromHash(reading: HashReading): void {
  useLab.setState((st) => ({ linkProblem: reading.problem, ui: { ...st.ui, ...reading.view } }));
  markHashRead();
  loadScenario(reading.scenario, 'none');
  if (reading.play) void runner.whenReady().then(() => runner.play());
}

/** Open a link (hash or whole URL): a story (its scene) or a scenario. */
export function openLink(link: string): void {
  const hash = link.includes('#') ? link.slice(link.indexOf('#')) : link;
  if (isStoryLink(hash)) {
    const r = decodeStory(hash);
    if (r.ok) {
      openStory(r.story, r.at);
      return;
    }
    useLab.setState({
      linkProblem: `This story link could not be read (${r.error.field}: ${r.error.message}).`,
    });
    return;
  }
  endStory(false);
  loadFromHash(readLink(hash));
}

/** Show scene `at` of a story: it loads and plays; the address bar holds the story at that scene. */
export function openStory(story: Story, at: number): void {
  const k = Math.max(0, Math.min(story.scenes.length - 1, at));
  useLab.setState({ story: { story, at: k } });
  const hash = `#${encodeStory(story, k)}`;
  holdHash(hash);
  setHash(hash, 'replace');
  loadFromHash({ ...readLink(story.scenes[k].link), play: true });
}

/** The next (+1) or previous (−1) scene; false at either end. */
export function storyStep(delta: number): boolean {
  const st = useLab.getState().story;
  if (!st) return false;
  const k = st.at + delta;
  if (k < 0 || k >= st.story.scenes.length) return false;
  openStory(st.story, k);
  return true;
}

/** Leave the story; the address bar gets the scene's own link (unless `write` is false). */
export function endStory(write = true): void {
  if (!useLab.getState().story) return;
  useLab.setState({ story: null });
  holdHash(null);
  if (write) writeHash(useLab.getState().scenario, linkView(), 'replace');
}

export function dismissLinkProblem(): void {
  useLab.setState({ linkProblem: null });
}

const LINK_KEYS: (keyof UiState)[] = ['mode', 'field', 'tiled', 'theme', 'textScale', 'embed'];

/** Change the view state (what the link holds of it goes into the address bar). */
export function setUi(patch: Partial<UiState>): void {
  patchUi(patch);
  if (LINK_KEYS.some((k) => k in patch)) writeHash(useLab.getState().scenario, linkView(), 'replace');
}

/** The link of what is on screen now, optionally asking to play once opened. */
export function currentLink(play: boolean): string {
  const { origin, pathname, search } = window.location;
  const hash = `${linkOf(useLab.getState().scenario, linkView())}${play ? '&play=1' : ''}`;
  return `${origin}${pathname}${search}${hash}`;
}

export const play = () => runner.play();
export const pause = () => runner.pause();
export const step = () => runner.step();
export const reset = () => void runner.reset();
export const restart = () => void runner.restart();

export function togglePlay(): void {
  const status = useLab.getState().run.status;
  if (status === 'playing') runner.pause();
  else runner.play();
}
