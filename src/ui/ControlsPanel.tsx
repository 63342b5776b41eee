import { setUi } from '../state/actions';
import { FieldSection } from './controls/FieldSection';
import { InitialSection } from './controls/InitialSection';
import { InteractionSection } from './controls/InteractionSection';
import { NoiseSection } from './controls/NoiseSection';
import { ParticlesSection } from './controls/ParticlesSection';
import { PdeSection } from './controls/PdeSection';
import { TimeSection } from './controls/TimeSection';
import { PresetList } from './PresetList';

/** Presets first (lecture use), then every scenario control. A column, or a drawer on narrow screens. */
export function ControlsPanel() {
  return (
    <aside className="controls" aria-label="Controls" data-testid="controls">
      <div className="controls-head">
        <button type="button" className="link-button" onClick={() => setUi({ help: true })}>
          What am I looking at? (?)
        </button>
        <button
          type="button"
          className="drawer-close"
          aria-label="Close the controls"
          onClick={() => setUi({ drawer: false })}
        >
          ×
        </button>
      </div>
      <PresetList />
      <ParticlesSection />
      <InteractionSection />
      <FieldSection />
      <InitialSection />
      <PdeSection />
      <NoiseSection />
      <TimeSection />
    </aside>
  );
}
