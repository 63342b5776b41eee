import { useEffect } from 'react';
import { currentLink, setUi } from '../state/actions';
import { useLab } from '../state/store';
import { Banner } from './Banner';
import { ControlsPanel } from './ControlsPanel';
import { EmbedDialog } from './export/EmbedDialog';
import { HeaderTools } from './HeaderTools';
import { HelpOverlay } from './HelpOverlay';
import { PlotsPanel } from './plots/PlotsPanel';
import { Stage } from './Stage';
import { StudyPanel } from './study/StudyPanel';
import { TransportBar } from './TransportBar';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import './theme.css';
import './layout.css';
import './outside.css';
import './controls.css';

/**
 * The laboratory page: header with transport, banners, controls | torus view | plots. The layout
 * follows the screen (layout.css): a controls column where there is room, else a drawer; plots
 * beside the view, or under it on phones. `chrome` 1 hides the controls, 2 leaves the picture.
 * Embeds (`ui=min`: the view and the transport bar; `ui=none`: the view alone) show less.
 */
/** This scenario in the whole lab (what an embed's "Open the lab" opens). */
function fullLabLink(): string {
  return currentLink(false).replace(/&ui=(min|none)/, '');
}

export function App() {
  const embed = useLab((s) => s.ui.embed);
  const theme = useLab((s) => s.ui.theme);
  const chrome = useLab((s) => s.ui.chrome);
  const drawer = useLab((s) => s.ui.drawer);
  const textScale = useLab((s) => s.ui.textScale);
  useKeyboardShortcuts();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    document.documentElement.style.setProperty('--text-scale', String(textScale));
  }, [textScale]);
  if (embed !== 'full')
    return (
      <div className="app" data-embed={embed} data-chrome={0} data-drawer="closed">
        {embed === 'min' && (
          <header className="header">
            <TransportBar />
            <a
              className="open-full"
              href={fullLabLink()}
              target="_blank"
              rel="noopener"
              title="Open this scenario in the whole lab"
            >
              Open the lab ↗
            </a>
          </header>
        )}
        <Banner />
        <main className="main">
          <Stage bare />
        </main>
      </div>
    );
  return (
    <div className="app" data-chrome={chrome} data-drawer={drawer ? 'open' : 'closed'}>
      <header className="header">
        <h1>Dislocation lab</h1>
        <TransportBar />
        <HeaderTools />
      </header>
      <Banner />
      <main className="main">
        <ControlsPanel />
        {drawer && (
          <button
            type="button"
            className="drawer-backdrop"
            aria-label="Close the controls"
            onClick={() => setUi({ drawer: false })}
          />
        )}
        <Stage />
        <PlotsPanel />
      </main>
      <StudyPanel />
      <HelpOverlay />
      <EmbedDialog />
    </div>
  );
}
