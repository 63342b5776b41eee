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
      title="The link holds the whole scenario: opened anywhere, it replays the same run (the same steps, bit for bit; `npm run sim -- run --replay` reproduces it in node)"
    >
      {copied ?? 'Copy link'}
    </button>
  );
}
