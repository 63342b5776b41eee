import { useState } from 'react';
import { setUi } from '../../state/actions';
import { linkOf } from '../../state/linkReading';
import { useLab } from '../../state/store';
import type { EmbedUi } from '../../state/uiTypes';
import { Dialog } from '../Dialog';

const escAttr = (t: string) => t.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** The iframe snippet of the current scenario and view, for a slide deck or a web page. */
export function embedSnippet(ui: EmbedUi, width: number, height: number, play: boolean): string {
  const { scenario, ui: u } = useLab.getState();
  const view = {
    mode: u.mode,
    field: u.field,
    tiled: u.tiled,
    theme: u.theme,
    textScale: u.textScale,
    embed: ui,
  };
  const { origin, pathname } = window.location;
  const src = `${origin}${pathname}${linkOf(scenario, view, play)}`;
  return `<iframe src="${escAttr(src)}" width="${width}" height="${height}" style="border:0" title="Dislocation lab" allow="fullscreen" loading="lazy"></iframe>`;
}

const UIS: { value: EmbedUi; label: string }[] = [
  { value: 'min', label: 'view + transport bar' },
  { value: 'none', label: 'view only' },
  { value: 'full', label: 'the whole lab' },
];

/** Embed: choose how much of the lab shows, copy the snippet. */
export function EmbedDialog() {
  const open = useLab((s) => s.ui.embedDialog);
  const [ui, setEmbedUi] = useState<EmbedUi>('min');
  const [play, setPlay] = useState(false);
  const [copied, setCopied] = useState(false);
  if (!open) return null;
  const snippet = embedSnippet(ui, 800, 450, play);
  const close = () => setUi({ embedDialog: false });
  return (
    <Dialog id="embed" title="Embed this scenario" testId="embed-dialog" onClose={close}>
      <p>
        Paste this into a web page or a slide deck (reveal.js, Jupyter <code>IPython.display.HTML</code>…).
        Each embed runs its own simulation and pauses while out of sight; the page around it can drive it with
        postMessage (README: “Drive it from outside”).
      </p>
      <fieldset className="embed-ui">
        <legend>Show</legend>
        {UIS.map((o) => (
          <label key={o.value}>
            <input
              type="radio"
              name="embed-ui"
              value={o.value}
              checked={ui === o.value}
              onChange={() => setEmbedUi(o.value)}
            />{' '}
            {o.label}
          </label>
        ))}
        <label>
          <input type="checkbox" checked={play} onChange={(e) => setPlay(e.target.checked)} /> plays when
          opened
        </label>
      </fieldset>
      <textarea
        readOnly
        rows={5}
        value={snippet}
        data-testid="embed-snippet"
        onFocus={(e) => e.currentTarget.select()}
      />
      <div>
        <button
          type="button"
          className="primary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(snippet);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? 'Copied' : 'Copy snippet'}
        </button>
      </div>
    </Dialog>
  );
}
