import { pause, play, reset, step } from '../state/actions';
import { useLab } from '../state/store';
import { formatValue } from './controls/NumberField';

const STATUS_TEXT: Record<string, string> = {
  starting: 'preparing',
  paused: 'paused',
  pausing: 'pausing…',
  playing: 'running',
  stepping: 'stepping',
  done: 'reached T',
  error: 'stopped',
};

/** Play/pause, single step, reset and the simulated clock. */
export function TransportBar() {
  const status = useLab((s) => s.run.status);
  const t = useLab((s) => s.run.t);
  const T = useLab((s) => s.scenario.T);
  const busy = status === 'starting' || status === 'error';
  const playing = status === 'playing';
  return (
    <div style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
      <button
        type="button"
        className="primary"
        data-testid="play"
        disabled={busy}
        onClick={() => (playing ? pause() : play())}
        title="Play / pause (space)"
        style={{ minWidth: 76 }}
      >
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button
        type="button"
        data-testid="step"
        disabled={busy}
        onClick={step}
        title="Advance by h = T/200 (s)"
      >
        Step
      </button>
      <button type="button" data-testid="reset" onClick={reset} title="Back to t = 0, same particles (r)">
        Reset
      </button>
      <span className="clock" data-testid="clock" aria-live="off" title="Simulated time">
        t = {t.toFixed(t < 0.01 && t > 0 ? 5 : 3)}
      </span>
      <span className="hud" style={{ color: 'var(--muted)' }}>
        / T = {formatValue(T)} · {STATUS_TEXT[status] ?? status}
      </span>
    </div>
  );
}
