import { useEffect } from 'react';
import { setUi } from '../state/actions';
import { useLab } from '../state/store';
import { Banner } from './Banner';
import { ControlsPanel } from './ControlsPanel';
import { CopyLinkButton } from './CopyLinkButton';
import { PlotsPanel } from './plots/PlotsPanel';
import { Stage } from './Stage';
import { TransportBar } from './TransportBar';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import './theme.css';
import './layout.css';
import './controls.css';

/** The laboratory page: header with transport, banners, controls | torus view | plots. */
export function App() {
  const theme = useLab((s) => s.ui.theme);
  const controlsHidden = useLab((s) => s.ui.controlsHidden);
  useKeyboardShortcuts();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="app">
      <header className="header">
        <h1>Dislocation lab</h1>
        <TransportBar />
        <span className="spacer" />
        <CopyLinkButton />
        <button
          type="button"
          onClick={() => setUi({ controlsHidden: !controlsHidden })}
          title="Hide/show controls (h)"
        >
          {controlsHidden ? 'Show controls' : 'Hide controls'}
        </button>
        <button
          type="button"
          data-testid="theme"
          onClick={() => setUi({ theme: theme === 'light' ? 'dark' : 'light' })}
          title="Light projector theme / dark theme (t)"
        >
          {theme === 'light' ? 'Dark theme' : 'Light theme'}
        </button>
      </header>
      <Banner />
      <main className={`main${controlsHidden ? ' controls-hidden' : ''}`}>
        <ControlsPanel />
        <Stage />
        <PlotsPanel />
      </main>
    </div>
  );
}
