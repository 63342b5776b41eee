import { resolveDelta } from '../../model/scenario/delta';
import type { DeltaSpec } from '../../model/scenario/types';
import { DELTA_MAX, DELTA_MIN } from '../../model/scenario/validate';
import { editScenario } from '../../state/actions';
import { useLab } from '../../state/store';
import { formatValue, NumberField } from './NumberField';
import { Section } from './Section';
import { SelectField } from './SelectField';
import { SpaceField } from './SpaceField';

const GEOMETRY_OPTIONS = [
  { value: 'isotropic', label: 'isotropic' },
  { value: 'slip', label: 'slip (edge, glide along x₁)' },
] as const;

const CORE_OPTIONS = [
  { value: 'gaussian', label: 'gaussian  exp(−2π²δ²|k|²)' },
  { value: 'plummer', label: 'plummer  −½ log(r² + δ²)' },
  { value: 'poisson', label: 'poisson  exp(−2πδ|k|)' },
  { value: 'ring', label: 'ring  J₀(2πδ|k|)·e^(−π²δ²|k|²/2) — outside (V1)' },
] as const;

const CORE_HELP = {
  paper: 'How the log-singularity of V is smoothed at distance δ.',
  ring: 'ring: −log averaged over a circle of radius δ, blurred by δ/2. Outside the paper’s assumption (V1): m_δ < 0 for 2.40 < 2πδ|k| < 5.52, so like signs aggregate there and no theorem applies.',
};

type DeltaMode = 'fixed' | 'power' | 'log';

const DELTA_MODES = [
  { value: 'fixed', label: 'fixed δ' },
  { value: 'power', label: 'rule δ = c·n^(−p)' },
  { value: 'log', label: 'rule δ = c/√(log n)' },
] as const;

function modeOf(d: DeltaSpec): DeltaMode {
  return typeof d === 'number' ? 'fixed' : d.rule;
}

/** Geometry, core model and core radius δ (fixed or a rule in n). */
export function InteractionSection() {
  const geometry = useLab((s) => s.scenario.geometry);
  const circle = useLab((s) => s.scenario.dimension === 1);
  const core = useLab((s) => s.scenario.core);
  const delta = useLab((s) => s.scenario.delta);
  // δ of a rule is cheap to evaluate here; λ_δ needs the kernel, which the worker builds
  const resolved = useLab((s) => resolveDelta(s.scenario));
  const lambda = useLab((s) => s.run.lambda);
  const mode = modeOf(delta);

  const setDelta = (d: DeltaSpec) =>
    editScenario('delta', (s) => {
      s.delta = d;
    });

  return (
    <Section title="Interaction">
      <SpaceField />
      {!circle && (
        <SelectField
          id="geometry"
          label="Geometry"
          value={geometry}
          options={GEOMETRY_OPTIONS}
          help="isotropic: V ≈ −log r, particles move in any direction; slip: edge dislocations glide only along x₁."
          onChange={(v) =>
            editScenario('geometry', (s) => {
              s.geometry = v;
            })
          }
        />
      )}
      <SelectField
        id="core"
        label="Core"
        value={core}
        options={CORE_OPTIONS}
        help={core === 'ring' ? CORE_HELP.ring : CORE_HELP.paper}
        onChange={(v) =>
          editScenario('core', (s) => {
            s.core = v;
          })
        }
      />
      <SelectField
        id="delta-mode"
        label="δ"
        value={mode}
        options={DELTA_MODES}
        onChange={(m) => {
          const r = Number.isFinite(resolved) ? resolved : 0.02;
          if (m === 'fixed') setDelta(Number(r.toPrecision(3)));
          else if (m === 'power') setDelta({ rule: 'power', c: 1, p: 1 });
          else setDelta({ rule: 'log', c: 0.1 });
        }}
      />
      {typeof delta === 'number' && (
        <NumberField
          id="delta"
          label="Core radius δ"
          value={delta}
          min={DELTA_MIN}
          max={DELTA_MAX}
          log
          help="The length below which the interaction is regularised (the torus has side 1)."
          onCommit={(v) => setDelta(v)}
        />
      )}
      {typeof delta !== 'number' && (
        <NumberField
          id="delta"
          label="c"
          value={delta.c}
          min={1e-4}
          max={100}
          log
          help={delta.rule === 'power' ? 'Prefactor of δ = c·n^(−p).' : 'Prefactor of δ = c/√(log n).'}
          onCommit={(v) => setDelta({ ...delta, c: v })}
        />
      )}
      {typeof delta !== 'number' && delta.rule === 'power' && (
        <NumberField
          id="delta-p"
          label="p"
          value={delta.p}
          min={0}
          max={5}
          help="Exponent: p = 2 or 5/4 are the paper's non-convergence rates."
          onCommit={(v) => setDelta({ ...delta, p: v })}
        />
      )}
      <p className="note" data-testid="delta-resolved">
        δ = {formatValue(resolved)}, λ_δ = ‖D²V_δ‖∞ = {formatValue(lambda)}
      </p>
    </Section>
  );
}
