import { useEffect, useRef, useState } from 'react';
import { setUi } from '../../state/actions';
import { useLab } from '../../state/store';
import {
  saveChartsSvg,
  saveCsv,
  saveJson,
  savePagePng,
  saveParticles,
  saveRegimeSvg,
  saveViewPng,
  toggleRecording,
} from './exportActions';

/** Opens and closes the Export menu from the keyboard (e) and the button. */
export const exportMenu = { toggle: () => {}, open: false };

/**
 * The Export menu of the top bar: figures (PNG of the view at 2× with an optional caption, of the
 * page; SVG of the plots and the regime map), data (the plotted series as CSV and JSON, the
 * particles on screen as a scenario the CLI reads), a WebM video, and the embed snippet.
 * Keyboard: e opens it on its first item, ↑/↓ move, Enter chooses, Esc closes.
 */
export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const [caption, setCaption] = useState(true);
  const [note, setNote] = useState<string | null>(null);
  const recording = useLab((s) => s.recording);
  const list = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    exportMenu.toggle = () => setOpen((o) => !o);
    return () => {
      exportMenu.toggle = () => {};
    };
  }, []);
  useEffect(() => {
    exportMenu.open = open;
    if (open) list.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
  }, [open]);

  const run = (fn: () => void | Promise<void>) => async () => {
    setNote(null);
    setOpen(false);
    try {
      await fn();
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
      setOpen(true);
    }
  };
  const onKey = (e: React.KeyboardEvent) => {
    const items = [...(list.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    } else if (e.key === 'Escape') {
      e.stopPropagation();
      setOpen(false);
      button.current?.focus();
    }
  };
  const item = (testId: string, label: string, fn: () => void | Promise<void>, title?: string) => (
    <button type="button" role="menuitem" data-testid={testId} title={title} onClick={run(fn)}>
      {label}
    </button>
  );
  return (
    <span className="export-menu">
      <button
        type="button"
        ref={button}
        data-testid="export"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-keyshortcuts="e"
        title="Save figures, data and video; embed (e)"
        onClick={() => setOpen(!open)}
      >
        {recording ? `● Rec ${recording.frames}` : 'Export ▾'}
      </button>
      {open && (
        <div
          className="menu"
          role="menu"
          ref={list}
          tabIndex={-1}
          onKeyDown={onKey}
          data-testid="export-menu"
        >
          {item(
            'export-view-png',
            'View as PNG (2×)',
            () => saveViewPng(caption),
            'The picture at two pixels per screen pixel',
          )}
          <label className="menu-option">
            <input type="checkbox" checked={caption} onChange={(e) => setCaption(e.target.checked)} /> with a
            caption (scenario, t)
          </label>
          {item('export-page-png', 'Page as PNG', savePagePng)}
          {item('export-plots-svg', 'Plots as SVG', saveChartsSvg)}
          {item('export-regime-svg', 'Regime map as SVG', saveRegimeSvg)}
          {item(
            'export-csv',
            'Series as CSV',
            saveCsv,
            't first, one column per plotted series, units in the header',
          )}
          {item('export-json', 'Series as JSON', saveJson)}
          {item(
            'export-particles',
            'Particles as JSON',
            saveParticles,
            'The particles on screen as a scenario: npm run sim -- run --in <file> continues from them',
          )}
          {item(
            'export-video',
            recording ? `Stop recording (${recording.frames} frames)` : 'Record video (WebM, ≤ 60 s)',
            () =>
              toggleRecording((m) => {
                setNote(m);
                setOpen(true);
              }),
            'One frame per checkpoint (T/200), 25 per second: smooth however slowly it computes',
          )}
          {item('embed', 'Embed…', () => setUi({ embedDialog: true }), 'An iframe snippet for this scenario')}
          {note && (
            <p className="menu-note error" role="alert" data-testid="export-error">
              {note}
            </p>
          )}
        </div>
      )}
    </span>
  );
}
