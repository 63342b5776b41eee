import { INTEGRATOR_METHODS } from '../../model/scenario/types';
import { editScenario } from '../../state/actions';
import { useLab } from '../../state/store';
import { NumberField } from './NumberField';
import { Section } from './Section';
import { SelectField } from './SelectField';

const METHOD_LABELS: Record<string, string> = {
  auto: 'auto (switches to stiff near tight dipoles)',
  explicit: 'explicit (adaptive Runge–Kutta)',
  stiff: 'stiff (implicit, energy-checked)',
};

const METHOD_OPTIONS = INTEGRATOR_METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] ?? m }));

/** Horizon T, playback rate and integrator tolerances. */
export function TimeSection() {
  const T = useLab((s) => s.scenario.T);
  const rate = useLab((s) => s.scenario.rate);
  const integrator = useLab((s) => s.scenario.integrator);
  return (
    <Section title="Time and integrator">
      <NumberField
        id="T"
        label="Horizon T"
        value={T}
        min={1e-3}
        max={1000}
        log
        help="The run stops at t = T; velocities are O(1), so T ≈ 1 is the natural horizon."
        onCommit={(v) =>
          editScenario('T', (s) => {
            s.T = v;
          })
        }
      />
      <NumberField
        id="rate"
        label="Playback rate"
        value={rate}
        min={1e-4}
        max={100}
        log
        unit="t/s"
        help="Simulated time per second of wall clock (slower if the computation cannot keep up)."
        onCommit={(v) =>
          editScenario('rate', (s) => {
            s.rate = v;
          })
        }
      />
      <SelectField
        id="method"
        label="Integrator"
        value={integrator.method}
        options={METHOD_OPTIONS}
        onChange={(v) =>
          editScenario('method', (s) => {
            s.integrator.method = v;
          })
        }
      />
      <NumberField
        id="rtol"
        label="Relative tolerance"
        value={integrator.rtol}
        min={1e-12}
        max={1e-2}
        log
        help="Local error per step, relative to the size of the positions."
        onCommit={(v) =>
          editScenario('rtol', (s) => {
            s.integrator.rtol = v;
          })
        }
      />
      <NumberField
        id="atol"
        label="Absolute tolerance"
        value={integrator.atol}
        min={1e-14}
        max={1e-2}
        log
        help="Local error floor; keep it well below δ."
        onCommit={(v) =>
          editScenario('atol', (s) => {
            s.integrator.atol = v;
          })
        }
      />
    </Section>
  );
}
