import { setUi } from '../state/actions';
import { useLab } from '../state/store';
import { TEXT_SCALES } from '../state/uiTypes';
import { CopyLinkButton } from './CopyLinkButton';
import { ExportMenu } from './export/ExportMenu';
import { useMediaQuery } from './useMediaQuery';

/** Where the controls live at this width: a column beside the view, or a drawer. */
export const COLUMN_LAYOUT = '(min-width: 1200px)';

/** Controls / link / text size / theme / help, at the right end of the header. */
export function HeaderTools() {
  const ui = useLab((s) => s.ui);
  const column = useMediaQuery(COLUMN_LAYOUT);
  const toggleControls = () => {
    if (column) setUi({ chrome: ui.chrome === 0 ? 1 : 0, drawer: false });
    else setUi({ drawer: !ui.drawer, chrome: 0 });
  };
  const controlsShown = column ? ui.chrome === 0 : ui.drawer;
  return (
    <div className="header-tools">
      <button
        type="button"
        data-testid="toggle-controls"
        onClick={toggleControls}
        aria-expanded={controlsShown}
        title="Show or hide the controls (h: controls, then plots too)"
      >
        {controlsShown ? 'Hide controls' : 'Controls'}
      </button>
      <CopyLinkButton />
      <ExportMenu />
      <label className="text-size" title="Text size (plots follow); 1.5× or more for a projector">
        <span aria-hidden="true">A</span>
        <select
          data-testid="text-size"
          aria-label="Text size"
          value={String(ui.textScale)}
          onChange={(e) => setUi({ textScale: Number(e.target.value) })}
        >
          {TEXT_SCALES.map((s) => (
            <option key={s} value={String(s)}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        data-testid="theme"
        onClick={() => setUi({ theme: ui.theme === 'light' ? 'dark' : 'light' })}
        title="Light projector theme / dark theme (t)"
      >
        {ui.theme === 'light' ? 'Dark' : 'Light'}
      </button>
      <button
        type="button"
        data-testid="help"
        onClick={() => setUi({ help: true })}
        title="Keyboard shortcuts and what the picture shows (?)"
        aria-keyshortcuts="?"
      >
        ?
      </button>
    </div>
  );
}
