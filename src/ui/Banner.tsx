import { dismissLinkProblem, restart } from '../state/actions';
import { useLab } from '../state/store';
import { RingBanner } from './RingBanner';
import { StoryBar } from './StoryBar';

/** Longer messages are cut (a 1 MB link must not make a 1 MB banner); the start says what is wrong. */
const MAX_CHARS = 400;

export function capText(text: string, max = MAX_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}… (${text.length - max + 1} more characters)`;
}

/** The story's scene, a bad link (what was wrong; what was kept) and run failures (with Restart). */
export function Banner() {
  const linkProblem = useLab((s) => s.linkProblem);
  const status = useLab((s) => s.run.status);
  const message = useLab((s) => s.run.message);
  const busy = useLab((s) => s.run.busy);
  return (
    <div className="banners">
      <StoryBar />
      <RingBanner />
      {linkProblem && (
        <div className="banner warn" role="alert" data-testid="link-problem">
          <span className="text">{capText(linkProblem)}</span>
          <button type="button" onClick={dismissLinkProblem}>
            Dismiss
          </button>
        </div>
      )}
      {busy && status !== 'error' && (
        <div className="banner warn" role="status" data-testid="busy">
          <span className="text">
            {capText(busy)} The page stays responsive; you can wait, or abandon the computation.
          </span>
          <button type="button" onClick={restart}>
            Abandon and restart
          </button>
        </div>
      )}
      {status === 'error' && (
        <div className="banner error" role="alert" data-testid="run-error">
          <span className="text">The simulation stopped: {capText(message ?? 'unknown error')}.</span>
          <button type="button" className="primary" onClick={restart}>
            Restart
          </button>
        </div>
      )}
    </div>
  );
}
