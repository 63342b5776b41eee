import { frameStats, frames, runner, series } from './lab';
import { useLab } from './store';

/**
 * A read-only window into the app for the browser tests and the benchmark (`window.__lab`):
 * counters to wait on (rendered frames, each worker's own step counter), the clock, and copies of
 * what is on screen. Times are those of the pictures drawn (not of states computed ahead).
 * Nothing here can change the app.
 */
export interface LabTestHook {
  readonly frames: number;
  readonly fps: number;
  /** The header's clock: the time of the frame drawn last. */
  readonly clock: number;
  /** True while a published picture has not been drawn yet. */
  readonly drawPending: boolean;
  readonly status: string;
  /** The particle worker's threads line (StatusFooter's tooltip). */
  readonly threads: string;
  readonly message: string | null;
  readonly linkProblem: string | null;
  readonly particleCalls: number;
  readonly pdeCalls: number;
  readonly particleSteps: number;
  readonly pdeSteps: number;
  readonly n: number;
  /** Newest state times of the two workers (ahead of the clock by up to one checkpoint interval). */
  computed(): { particles: number; pde: number | null };
  /** Copy of the drawn particle positions (wrapped, interleaved, float64) and signs. */
  positions(): number[];
  signs(): number[];
  /** Times of the particle / density pictures drawn (null: none drawn, or the PDE is off). */
  particleTime(): number | null;
  densityTime(): number | null;
  /** Grid side of the drawn density. */
  densityGrid(): number | null;
  /** Copy of the drawn density's cell averages ρ+ and ρ− (index j·N + i). */
  densities(): { plus: number[]; minus: number[] };
  scenario(): unknown;
  /** Number of diagnostic checkpoints recorded and the last finite value of a series. */
  checkpoints(): number;
  lastValue(series: string): number | null;
}

function lastFinite(values: (number | null)[] | undefined): number | null {
  if (!values) return null;
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i];
  return null;
}

export function installTestHook(): void {
  const drawn = () => frames.drawn;
  const hook: LabTestHook = {
    get frames() {
      return frameStats.frames;
    },
    get fps() {
      return frameStats.fps;
    },
    get clock() {
      return drawn()?.t ?? 0;
    },
    get drawPending() {
      return frames.current !== frames.drawn;
    },
    get status() {
      return useLab.getState().run.status;
    },
    get message() {
      return useLab.getState().run.message;
    },
    get threads() {
      return useLab.getState().run.threads;
    },
    get linkProblem() {
      return useLab.getState().linkProblem;
    },
    get particleCalls() {
      return runner.counters().particleCalls;
    },
    get pdeCalls() {
      return runner.counters().pdeCalls;
    },
    get particleSteps() {
      return runner.counters().particleSteps;
    },
    get pdeSteps() {
      return runner.counters().pdeSteps;
    },
    get n() {
      return drawn()?.particles?.n ?? 0;
    },
    computed: () => runner.computedTimes(),
    positions: () => Array.from(drawn()?.particles?.pos ?? []),
    signs: () => Array.from(drawn()?.particles?.signs ?? []),
    particleTime: () => drawn()?.particles?.t ?? null,
    densityTime: () => drawn()?.density?.t ?? null,
    densityGrid: () => drawn()?.density?.N ?? null,
    densities: () => ({
      plus: Array.from(drawn()?.density?.rhoPlus ?? []),
      minus: Array.from(drawn()?.density?.rhoMinus ?? []),
    }),
    scenario: () => structuredClone(useLab.getState().scenario),
    checkpoints: () => series.data().t.length,
    lastValue: (name) => lastFinite((series.data().values as Record<string, (number | null)[]>)[name]),
  };
  Object.defineProperty(window, '__lab', {
    value: Object.freeze(hook),
    configurable: false,
    writable: false,
  });
}
