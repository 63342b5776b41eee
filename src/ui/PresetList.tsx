import { loadScenario } from '../state/actions';
import { PRESETS } from '../state/presets';
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
      </ul>
    </Section>
  );
}
