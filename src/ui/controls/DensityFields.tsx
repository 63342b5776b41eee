import type { DensitySpec } from '../../model/init/densities';
import { defaultDensity } from '../../model/scenario/defaults';
import type { Scenario } from '../../model/scenario/types';
import { editScenario } from '../../state/actions';
import { NumberField } from './NumberField';
import { SelectField } from './SelectField';

const KIND_OPTIONS = [
  { value: 'uniform', label: 'uniform ρ± = ½' },
  { value: 'sine', label: 'sine ½(1 ± a sin 2π(p x₁ + q x₂))' },
  { value: 'stripes', label: 'stripes (smoothed square wave)' },
  { value: 'bumps', label: 'Gaussian bumps' },
] as const;

/** Bumps are positional: bump i keeps its editor while its values change. */
const BUMP_KEYS = Array.from({ length: 16 }, (_, i) => `bump-${i}`);

const BUMP_PRESET = [
  { x: 0.3, y: 0.5, sigma: 0.08, w: 1, s: 1 as const },
  { x: 0.7, y: 0.5, sigma: 0.08, w: 1, s: -1 as const },
];

function withDensity(d: DensitySpec) {
  return (s: Scenario) => {
    if (s.initial.kind === 'explicit') throw new Error('explicit particles have no density');
    s.initial.density = d;
  };
}

/** The initial density ρ±◦ (library of MATH §7) and its parameters. */
export function DensityFields({ density }: { density: DensitySpec }) {
  const set = (key: string, d: DensitySpec) => editScenario(key, withDensity(d));
  return (
    <>
      <SelectField
        id="density-kind"
        label="Density"
        value={density.kind}
        options={KIND_OPTIONS}
        help="ρ±◦, normalised so that ∫ρ+ + ∫ρ− = 1; n+ : n− follows the masses."
        onChange={(k) =>
          set(
            'density-kind',
            k === 'bumps' ? { kind: 'bumps', background: 0.5, bumps: BUMP_PRESET } : defaultDensity(k),
          )
        }
      />
      {(density.kind === 'sine' || density.kind === 'stripes') && (
        <NumberField
          id="density-a"
          label="Contrast a"
          value={density.a}
          min={-1}
          max={1}
          help="Peak of κ = ρ+ − ρ− (|a| ≤ 1 keeps ρ± ≥ 0)."
          onCommit={(a) => set('density-a', { ...density, a })}
        />
      )}
      {density.kind === 'sine' && (
        <>
          <NumberField
            id="density-p"
            label="p"
            value={density.p}
            min={-16}
            max={16}
            integer
            help="Wave number along x₁."
            onCommit={(p) => set('density-p', { ...density, p })}
          />
          <NumberField
            id="density-q"
            label="q"
            value={density.q}
            min={-16}
            max={16}
            integer
            help="Wave number along x₂."
            onCommit={(q) => set('density-q', { ...density, q })}
          />
        </>
      )}
      {density.kind === 'stripes' && (
        <>
          <NumberField
            id="density-beta"
            label="Sharpness β"
            value={density.beta}
            min={0.1}
            max={100}
            log
            help="Small β: a sine; large β: a square wave with walls of width ≈ 1/(2πmβ)."
            onCommit={(beta) => set('density-beta', { ...density, beta })}
          />
          <NumberField
            id="density-m"
            label="Stripe pairs m"
            value={density.m}
            min={1}
            max={32}
            integer
            help="Number of +/− stripe pairs across x₁."
            onCommit={(m) => set('density-m', { ...density, m })}
          />
        </>
      )}
      {density.kind === 'bumps' && (
        <>
          <NumberField
            id="density-background"
            label="Background weight"
            value={density.background}
            min={0}
            max={10}
            help="Uniform part (split evenly between + and −), relative to the bump weights."
            onCommit={(background) => set('density-background', { ...density, background })}
          />
          {density.bumps.map((b, i) => (
            <NumberField
              key={BUMP_KEYS[i]}
              id={`bump-${i}-sigma`}
              label={`Bump ${i + 1} (${b.s > 0 ? '+' : b.s < 0 ? '−' : '±'} at ${b.x}, ${b.y}): width σ`}
              value={b.sigma}
              min={1e-3}
              max={0.5}
              log
              help="Standard deviation of the periodised Gaussian."
              onCommit={(sigma) =>
                set(`bump-${i}-sigma`, {
                  ...density,
                  bumps: density.bumps.map((x, j) => (j === i ? { ...x, sigma } : x)),
                })
              }
            />
          ))}
        </>
      )}
    </>
  );
}
