import { useState } from 'react';
import { currentLink } from '../state/actions';

/** Copies the link of what is on screen (scenario and view), optionally playing once opened. */
export function CopyLinkButton() {
  const [copied, setCopied] = useState<string | null>(null);
  const [autoplay, setAutoplay] = useState(false);
  const copy = async () => {
    const url = currentLink(autoplay);
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Link copied');
    } catch {
      window.prompt('Copy this link:', url);
      setCopied(null);
      return;
    }
    window.setTimeout(() => setCopied(null), 1800);
  };
  return (
    <span className="copy-link">
      <button
        type="button"
        data-testid="copy-link"
        onClick={copy}
        title="The link holds the whole scenario and the view (mode, density, tiling, theme, text size): opened anywhere, the run from t = 0 takes the same steps (npm run sim -- run --replay reproduces it in node). Settings changed mid-run start over from t = 0 in the link."
      >
        {copied ?? 'Copy link'}
      </button>
      <label title="The copied link starts playing when opened">
        <input
          type="checkbox"
          data-testid="copy-autoplay"
          checked={autoplay}
          onChange={(e) => setAutoplay(e.target.checked)}
        />
        ▶ on open
      </label>
    </span>
  );
}
