import type { Scenario } from '../model/scenario/types';
import { validateScenario } from '../model/scenario/validate';
import { runner } from './lab';
import { patchUi, setFieldError, useLab } from './store';
import type { UiState } from './uiTypes';
import { type HashReading, writeHash } from './urlSync';

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
  writeHash(next, 'replace');
  void runner.apply(prev, next);
  return true;
}

/** Replace the whole scenario (preset, link, Back): a fresh run. */
export function loadScenario(s: Scenario, history: 'push' | 'replace' | 'none'): void {
  useLab.setState({ scenario: s, fieldErrors: {} });
  if (history !== 'none') writeHash(s, history);
  void runner.load(s);
}

/** Open the scenario a URL hash describes (reporting a bad link in the banner). */
export function loadFromHash(reading: HashReading): void {
  useLab.setState({ linkProblem: reading.problem });
  loadScenario(reading.scenario, reading.problem ? 'replace' : 'none');
}

export function dismissLinkProblem(): void {
  useLab.setState({ linkProblem: null });
}

export function setUi(patch: Partial<UiState>): void {
  patchUi(patch);
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
