import { dismissLinkProblem, restart } from '../state/actions';
import { useLab } from '../state/store';

/** A bad link (what was wrong; the default scenario was loaded) and run failures (with Restart). */
export function Banner() {
  const linkProblem = useLab((s) => s.linkProblem);
  const status = useLab((s) => s.run.status);
  const message = useLab((s) => s.run.message);
  const busy = useLab((s) => s.run.busy);
  return (
    <>
      {linkProblem && (
        <div className="banner warn" role="alert" data-testid="link-problem">
          <span className="text">{linkProblem}</span>
          <button type="button" onClick={dismissLinkProblem}>
            Dismiss
          </button>
        </div>
      )}
      {busy && status !== 'error' && (
        <div className="banner warn" role="status" data-testid="busy">
          <span className="text">
            {busy} The page stays responsive; you can wait, or abandon the computation.
          </span>
          <button type="button" onClick={restart}>
            Abandon and restart
          </button>
        </div>
      )}
      {status === 'error' && (
        <div className="banner error" role="alert" data-testid="run-error">
          <span className="text">The simulation stopped: {message ?? 'unknown error'}.</span>
          <button type="button" className="primary" onClick={restart}>
            Restart
          </button>
        </div>
      )}
    </>
  );
}
