import { create } from 'zustand';
import { defaultScenario } from '../model/scenario/defaults';
import type { Story } from '../model/scenario/story';
import type { Scenario } from '../model/scenario/types';
import type { Pace } from './paceMeter';
import { DEFAULT_UI, type UiState } from './uiTypes';

/** 'pausing': paused by the user, but a step already sent to a worker has not come back yet. */
export type RunStatus = 'starting' | 'paused' | 'pausing' | 'playing' | 'stepping' | 'done' | 'error';

/** What the HUD shows about the running simulation (updated a few times a second). */
export interface RunState {
  status: RunStatus;
  /** Why the run stopped (error) or what it is doing (starting), for the status line. */
  message: string | null;
  /** The display clock when this was reported (the header itself follows the drawn frames). */
  t: number;
  particleSteps: number;
  particleRejected: number;
  pdeSteps: number;
  /** advance() calls answered by each worker (their own step counters). */
  particleCalls: number;
  pdeCalls: number;
  n: number;
  nPlus: number;
  /** λ_δ = ‖D²V_δ‖∞ of the particles' kernel (from the worker that built it). */
  lambda: number;
  /** How the particle worker uses threads (its helpers, or why it has none). */
  threads: string;
  pdeDelta: number | null;
  /** Diagnostics sampled every h of simulated time. */
  h: number;
  /** Simulated time at which the physics was last changed mid-run (null if never). */
  changedAt: number | null;
  /** Set when a worker has been computing one request for long (it cannot be interrupted). */
  busy: string | null;
  /** Set while playing when the requested rate is not kept: what is achieved and who limits it. */
  pace: Pace | null;
}

export interface LabState {
  /** The single source of truth for the physics: everything the URL encodes. */
  scenario: Scenario;
  ui: UiState;
  run: RunState;
  /** A problem with the link the page was opened with (shown as a banner). */
  linkProblem: string | null;
  /** Inline messages of controls whose last input was rejected, by control key. */
  fieldErrors: Record<string, string>;
  /** Colour range of the density legend. */
  densityRange: { lo: number; hi: number } | null;
  /** The story being shown and its scene (0-based), or null. */
  story: { story: Story; at: number } | null;
  /** A video being recorded: frames so far and the limit (null: none). */
  recording: { frames: number; maxFrames: number } | null;
}

function prefersDark(): boolean {
  return (
    typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches === true
  );
}

export const initialRun: RunState = {
  status: 'starting',
  message: 'preparing the run…',
  t: 0,
  particleSteps: 0,
  particleRejected: 0,
  pdeSteps: 0,
  particleCalls: 0,
  pdeCalls: 0,
  n: 0,
  nPlus: 0,
  lambda: Number.NaN,
  threads: '',
  pdeDelta: null,
  h: 0,
  changedAt: null,
  busy: null,
  pace: null,
};

export const useLab = create<LabState>()(() => ({
  scenario: defaultScenario(),
  ui: { ...DEFAULT_UI, theme: prefersDark() ? 'dark' : 'light' },
  run: initialRun,
  linkProblem: null,
  fieldErrors: {},
  densityRange: null,
  story: null,
  recording: null,
}));

/** Shallow-merge into the run state. */
export function patchRun(patch: Partial<RunState>): void {
  useLab.setState((s) => ({ run: { ...s.run, ...patch } }));
}

export function patchUi(patch: Partial<UiState>): void {
  useLab.setState((s) => ({ ui: { ...s.ui, ...patch } }));
}

export function setFieldError(key: string, message: string | null): void {
  useLab.setState((s) => {
    if (message === null && !(key in s.fieldErrors)) return s;
    const fieldErrors = { ...s.fieldErrors };
    if (message === null) delete fieldErrors[key];
    else fieldErrors[key] = message;
    return { fieldErrors };
  });
}
