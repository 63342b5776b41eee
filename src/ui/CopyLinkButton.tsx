import { useState } from 'react';

/** Copies the page URL (which encodes the whole scenario) to the clipboard. */
export function CopyLinkButton() {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    const url = window.location.href;
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
    <button
      type="button"
      data-testid="copy-link"
      onClick={copy}
      title="The link holds the whole scenario: opened anywhere, the run from t = 0 takes the same steps, bit for bit (npm run sim -- run --replay reproduces it in node). Settings changed mid-run start over from t = 0 in the link."
    >
      {copied ?? 'Copy link'}
    </button>
  );
}
