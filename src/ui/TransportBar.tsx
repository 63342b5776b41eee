import { pause, play, reset, step } from '../state/actions';
import type { Pace } from '../state/paceMeter';
import { useLab } from '../state/store';
import { formatValue } from './controls/NumberField';
import { DrawnClock } from './drawnClock';

const STATUS_TEXT: Record<string, string> = {
  starting: 'preparing',
  paused: 'paused',
  pausing: 'pausing at the next checkpoint…',
  playing: 'running',
  stepping: 'stepping',
  done: 'reached T',
  error: 'stopped',
};

const LIMITER_TEXT: Record<Pace['limitedBy'], (n: number) => string> = {
  particles: (n) => `the particle computation (n = ${n}) limits it`,
  pde: () => 'the PDE computation limits it',
  both: () => 'both computations limit it',
  page: () => 'the page itself is starved (a busy machine)',
};

/** "running at 0.011 t/s, not the 0.5 asked: …" when the requested rate is not kept. */
export function paceText(pace: Pace, n: number): string {
  return `running at ${formatValue(Number(pace.achieved.toPrecision(2)))} t/s, not the ${formatValue(pace.requested)} asked: ${LIMITER_TEXT[pace.limitedBy](n)}`;
}

/** Play/pause, single step, reset, the clock of the pictures on screen and the run's state. */
export function TransportBar() {
  const status = useLab((s) => s.run.status);
  const pace = useLab((s) => s.run.pace);
  const n = useLab((s) => s.run.n);
  const T = useLab((s) => s.scenario.T);
  const busy = status === 'starting' || status === 'error';
  const playing = status === 'playing';
  return (
    <div className="transport">
      <button
        type="button"
        className="primary play"
        data-testid="play"
        disabled={busy}
        onClick={() => (playing ? pause() : play())}
        title="Play / pause (space)"
        aria-keyshortcuts="Space"
      >
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button
        type="button"
        data-testid="step"
        disabled={busy}
        onClick={step}
        title="Advance by h = T/200 (s)"
        aria-keyshortcuts="s"
      >
        Step
      </button>
      <button
        type="button"
        data-testid="reset"
        onClick={reset}
        title="Back to t = 0, same particles (r)"
        aria-keyshortcuts="r"
      >
        Reset
      </button>
      <DrawnClock className="clock" testId="clock" />
      <span className="hud status-text" data-testid="run-status">
        / T = {formatValue(T)} · {playing && pace ? paceText(pace, n) : (STATUS_TEXT[status] ?? status)}
      </span>
    </div>
  );
}
