import { FieldSection } from './controls/FieldSection';
import { InitialSection } from './controls/InitialSection';
import { InteractionSection } from './controls/InteractionSection';
import { ParticlesSection } from './controls/ParticlesSection';
import { PdeSection } from './controls/PdeSection';
import { TimeSection } from './controls/TimeSection';
import { InfoPanel } from './InfoPanel';
import { PresetList } from './PresetList';

/** Left column: presets first (lecture use), then every scenario control, then the explanations. */
export function ControlsPanel() {
  return (
    <aside className="controls" aria-label="Controls">
      <PresetList />
      <ParticlesSection />
      <InteractionSection />
      <FieldSection />
      <InitialSection />
      <PdeSection />
      <TimeSection />
      <InfoPanel />
    </aside>
  );
}
