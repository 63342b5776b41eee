import { editScenario } from '../../state/actions';
import { useLab } from '../../state/store';
import { presetOf, U_PRESETS } from './fieldPresets';
import { NumberField } from './NumberField';
import { Section } from './Section';
import { SelectField } from './SelectField';

const MAX_UI_MODES = 4;
/** Modes are positional: mode i keeps its editor while its values change. */
const MODE_KEYS = Array.from({ length: 16 }, (_, i) => `mode-${i}`);
const PRESET_OPTIONS = [
  ...U_PRESETS.map((p) => ({ value: p.value, label: p.label })),
  { value: 'custom', label: 'custom (modes below)' },
];
/** On the circle U depends on x₁ only: the presets without x₂ (MATH §12). */
const PRESET_OPTIONS_1D = PRESET_OPTIONS.filter((o) => !['x2', 'diag', 'x1x2'].includes(o.value));

/** External potential U = Σ a cos(2π(p x₁ + q x₂) − φ) and the constant applied force F. */
export function FieldSection() {
  const modes = useLab((s) => s.scenario.field.modes);
  const force = useLab((s) => s.scenario.field.force);
  const circle = useLab((s) => s.scenario.dimension === 1);
  const preset = presetOf(modes);

  return (
    <Section title="External loading">
      <SelectField
        id="field-preset"
        label="U"
        value={preset}
        options={circle ? PRESET_OPTIONS_1D : PRESET_OPTIONS}
        help="A smooth periodic potential; + and − are pushed in opposite directions (−b∇U)."
        onChange={(v) => {
          const p = U_PRESETS.find((x) => x.value === v);
          if (p)
            editScenario('field-preset', (s) => {
              s.field.modes = p.modes(modes[0]?.a ?? 1);
            });
        }}
      />
      {modes.map((m, i) => (
        <fieldset
          key={MODE_KEYS[i]}
          style={{ border: '1px solid var(--line)', borderRadius: 6, margin: '4px 0', padding: '2px 6px' }}
        >
          <legend style={{ fontSize: 13 }}>
            mode {i + 1}: {m.a}·cos(2π({circle ? `${m.p}x` : `${m.p}x₁ + ${m.q}x₂`}) −{' '}
            {Number(m.phi.toFixed(3))}){' '}
            <button
              type="button"
              onClick={() =>
                editScenario('field-modes', (s) => {
                  s.field.modes.splice(i, 1);
                })
              }
            >
              remove
            </button>
          </legend>
          <NumberField
            id={`mode-${i}-a`}
            label="Amplitude a"
            value={m.a}
            min={-10}
            max={10}
            help="Strength of this mode of U (energy per unit mass)."
            onCommit={(v) =>
              editScenario(`mode-${i}-a`, (s) => {
                s.field.modes[i].a = v;
              })
            }
          />
          <NumberField
            id={`mode-${i}-p`}
            label="Wave number p (along x₁)"
            value={m.p}
            min={-16}
            max={16}
            integer
            help="Integer, so U is periodic."
            onCommit={(v) =>
              editScenario(`mode-${i}-p`, (s) => {
                s.field.modes[i].p = v;
              })
            }
          />
          {!circle && (
            <NumberField
              id={`mode-${i}-q`}
              label="Wave number q (along x₂)"
              value={m.q}
              min={-16}
              max={16}
              integer
              help="Integer, so U is periodic."
              onCommit={(v) =>
                editScenario(`mode-${i}-q`, (s) => {
                  s.field.modes[i].q = v;
                })
              }
            />
          )}
          <NumberField
            id={`mode-${i}-phi`}
            label="Phase φ"
            value={m.phi}
            min={0}
            max={2 * Math.PI}
            unit="rad"
            help="Shifts the mode: cos(2π(p x₁ + q x₂) − φ)."
            onCommit={(v) =>
              editScenario(`mode-${i}-phi`, (s) => {
                s.field.modes[i].phi = v;
              })
            }
          />
        </fieldset>
      ))}
      {modes.length < MAX_UI_MODES && (
        <button
          type="button"
          onClick={() =>
            editScenario('field-modes', (s) => {
              s.field.modes.push({ a: 0.5, p: 1, q: circle ? 0 : 1, phi: 0 });
            })
          }
        >
          add a mode
        </button>
      )}
      <NumberField
        id="force-x"
        label="Applied force F₁"
        value={force[0]}
        min={-20}
        max={20}
        help="Constant force (resolved shear stress): + moves along F, − against it."
        onCommit={(v) =>
          editScenario('force-x', (s) => {
            s.field.force = [v, s.field.force[1]];
          })
        }
      />
      {!circle && (
        <NumberField
          id="force-y"
          label="Applied force F₂"
          value={force[1]}
          min={-20}
          max={20}
          help="Ignored in slip geometry (motion only along x₁)."
          onCommit={(v) =>
            editScenario('force-y', (s) => {
              s.field.force = [s.field.force[0], v];
            })
          }
        />
      )}
      <p className="note">
        F is outside the paper's assumption (U): it has no periodic potential, so the theorems do not cover
        it, and the energies are then no longer monotone.
      </p>
    </Section>
  );
}
