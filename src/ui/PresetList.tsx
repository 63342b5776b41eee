import { loadScenario, openStory } from '../state/actions';
import { PAPER_STORY, PRESETS } from '../state/presets';
import { Section } from './controls/Section';

/** The teaching presets, each with what to look for; choosing one pushes a history entry. */
export function PresetList() {
  return (
    <Section title="Presets">
      <ul className="presets" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {PRESETS.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              data-testid={`preset-${p.id}`}
              onClick={() => loadScenario(structuredClone(p.scenario), 'push')}
            >
              {p.title}
            </button>
            <div className="look">{p.look}</div>
          </li>
        ))}
        <li>
          <button type="button" data-testid="story-paper" onClick={() => openStory(PAPER_STORY, 0)}>
            Story: the paper in five scenes
          </button>
          <div className="look">Slides that load and play: ←/→ step through them.</div>
        </li>
      </ul>
    </Section>
  );
}
