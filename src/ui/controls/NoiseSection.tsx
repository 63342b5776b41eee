import {
  NOISE_DEFAULTS,
  NOISE_RANGES,
  resolveTemperature,
  TEMPERATURE_MAX,
  TEMPERATURE_RULE_DEFAULTS,
} from '../../model/scenario/noise';
import type { Scenario, TemperatureSpec } from '../../model/scenario/types';
import { editScenario } from '../../state/actions';
import { noiseStatement } from '../../state/noiseStatement';
import { useLab } from '../../state/store';
import { formatValue, NumberField } from './NumberField';
import { Section } from './Section';
import { SelectField } from './SelectField';

type Mode = 'off' | 'fixed' | 'power';

const MODES = [
  { value: 'off', label: 'off (θ = 0)' },
  { value: 'fixed', label: 'fixed θ' },
  { value: 'power', label: 'rule θ = c·n^(−q)' },
] as const;

function modeOf(t: TemperatureSpec): Mode {
  return typeof t === 'number' ? (t > 0 ? 'fixed' : 'off') : 'power';
}

function setNoise(key: string, edit: (noise: NonNullable<Scenario['noise']>) => void): boolean {
  return editScenario(key, (s) => {
    const noise = s.noise ?? { ...NOISE_DEFAULTS };
    edit(noise);
    s.noise = noise;
  });
}

/** Temperature θ (a number or a rule in n) and the seed of the Brownian paths (MATH §13). */
export function NoiseSection() {
  const temperature = useLab((s) => s.scenario.noise?.temperature ?? NOISE_DEFAULTS.temperature);
  const seed = useLab((s) => s.scenario.noise?.seed ?? NOISE_DEFAULTS.seed);
  const theta = useLab((s) => resolveTemperature(s.scenario));
  const n = useLab((s) => s.scenario.n);
  const delta = useLab((s) => s.scenario.delta);
  const dimension = useLab((s) => s.scenario.dimension);
  const statement = noiseStatement({ noise: { temperature, seed }, n, delta, dimension });
  const mode = modeOf(temperature);
  const setTemperature = (key: string, t: TemperatureSpec) =>
    setNoise(key, (noise) => {
      noise.temperature = t;
    });

  return (
    <Section title="Noise">
      <SelectField
        id="noise-mode"
        label="Temperature"
        value={mode}
        options={MODES}
        help="dx = v dt + √(2θ) dW (slip and the circle: along x₁ only); the PDE gains θΔρ±. θ = 0 is the paper's deterministic flow."
        onChange={(m) => {
          if (m === 'off') setTemperature('noise-mode', 0);
          else if (m === 'fixed')
            setTemperature('noise-mode', theta > 0 ? Number(theta.toPrecision(3)) : 1e-3);
          else setTemperature('noise-mode', { rule: 'power', ...TEMPERATURE_RULE_DEFAULTS });
        }}
      />
      {mode === 'fixed' && typeof temperature === 'number' && (
        <NumberField
          id="theta"
          label="θ"
          value={temperature}
          min={1e-6}
          max={TEMPERATURE_MAX}
          log
          help="Each free coordinate spreads by 2θt in mean square; short dipoles stay bound only for nθ < ½, and then break at a rate ∝ (δ/ℓ)^(1/(nθ)−2)."
          onCommit={(v) => setTemperature('theta', v)}
        />
      )}
      {typeof temperature !== 'number' && (
        <>
          <NumberField
            id="theta-c"
            label="c"
            value={temperature.c}
            min={1e-6}
            max={NOISE_RANGES['noise.temperature.c'].max}
            log
            help="Prefactor of θ = c·n^(−q)."
            onCommit={(v) => setTemperature('theta-c', { ...temperature, c: v })}
          />
          <NumberField
            id="theta-q"
            label="q"
            value={temperature.q}
            min={0}
            max={NOISE_RANGES['noise.temperature.q'].max}
            help="Exponent: nθ = c·n^(1−q), so q < 1 breaks dipoles as n grows and q > 1 keeps them."
            onCommit={(v) => setTemperature('theta-q', { ...temperature, q: v })}
          />
        </>
      )}
      {mode !== 'off' && (
        <NumberField
          id="noise-seed"
          label="Noise seed"
          value={seed}
          min={0}
          max={NOISE_RANGES['noise.seed'].max}
          integer
          help="Seed of the Brownian paths: the same link replays the same noise, bit for bit."
          onCommit={(v) =>
            setNoise('noise-seed', (noise) => {
              noise.seed = v;
            })
          }
        />
      )}
      <p className="note" data-testid="noise-resolved">
        {statement ? statement.text : `θ = ${formatValue(theta)}: no noise`}
      </p>
    </Section>
  );
}
