import { useEffect, useState } from 'react';
import type { ExplicitParticle } from '../../model/init/explicit';
import { defaultInitial } from '../../model/scenario/defaults';
import type { InitialKind } from '../../model/scenario/types';
import { editScenario } from '../../state/actions';
import { useLab } from '../../state/store';
import { DensityFields } from './DensityFields';
import { NumberField } from './NumberField';
import { Section } from './Section';
import { SelectField } from './SelectField';

const KINDS = [
  { value: 'sample', label: 'sample a density' },
  { value: 'dipoles', label: 'short dipoles (paper §4.1)' },
  { value: 'explicit', label: 'explicit list' },
] as const;

const SAMPLING = [
  { value: 'stratified', label: 'stratified (W-error ~ n^−½)' },
  { value: 'iid', label: 'i.i.d. with seed' },
] as const;

const ORIENTATIONS = [
  { value: 'horizontal', label: 'horizontal' },
  { value: 'vertical', label: 'vertical' },
  { value: 'random', label: 'random' },
] as const;

function parseParticles(text: string): ExplicitParticle[] {
  const out: ExplicitParticle[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const parts = t.split(/[\s,;]+/).map((x) => Number(x.replace('−', '-')));
    if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x)) || (parts[2] !== 1 && parts[2] !== -1)) {
      throw new Error(`line ${i + 1}: expected "x y b" with b = 1 or -1`);
    }
    out.push([parts[0], parts[1], parts[2]]);
  }
  if (out.length < 2) throw new Error('give at least two particles');
  return out;
}

function ExplicitEditor({ particles }: { particles: ExplicitParticle[] }) {
  const [text, setText] = useState('');
  const error = useLab((s) => s.fieldErrors.particles);
  useEffect(() => setText(particles.map((p) => p.join(' ')).join('\n')), [particles]);
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor="explicit-particles">Particles (one "x y b" per line)</label>
      <textarea
        id="explicit-particles"
        rows={5}
        style={{ width: '100%', fontFamily: 'ui-monospace, monospace', fontSize: 13 }}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button
        type="button"
        onClick={() =>
          editScenario('particles', (s) => {
            const list = parseParticles(text);
            s.initial = { kind: 'explicit', particles: list };
            s.n = list.length;
          })
        }
      >
        apply list
      </button>
      <p className="help">x, y in [0, 1) (wrapped), b = +1 for ⊥, −1 for ⊤.</p>
      {error && <p className="error">{error}</p>}
    </div>
  );
}

/** How the particles (and the PDE's initial density) start. */
export function InitialSection() {
  const initial = useLab((s) => s.scenario.initial);
  // on the circle data are deterministic (quantiles of ρ◦, MATH §12): no sampling, seed or orientation
  const circle = useLab((s) => s.scenario.dimension === 1);
  return (
    <Section title="Initial data">
      <SelectField
        id="initial-kind"
        label="Start from"
        value={initial.kind}
        options={KINDS}
        onChange={(k: InitialKind) =>
          editScenario('initial-kind', (s) => {
            s.initial = defaultInitial(k);
            if (k === 'explicit') {
              s.initial = {
                kind: 'explicit',
                particles: [
                  [0.4, 0.5, 1],
                  [0.6, 0.5, -1],
                ],
              };
              s.n = 2;
            }
            if (k === 'dipoles' && s.n % 2 === 1) s.n += 1;
            if (k === 'dipoles' && s.geometry === 'slip')
              s.initial = { ...defaultInitial('dipoles'), orientation: 'vertical' } as typeof s.initial;
          })
        }
      />
      {initial.kind !== 'explicit' && <DensityFields density={initial.density} />}
      {circle && initial.kind !== 'explicit' && (
        <p className="note" data-testid="circle-data-note">
          On the circle: {initial.kind === 'dipoles' ? 'n/2 dipoles centred' : '+ and − alternating'} at the
          quantiles of the x₁-marginal of ρ◦ (no sampling, no seed).
        </p>
      )}
      {initial.kind === 'sample' && !circle && (
        <SelectField
          id="sampling"
          label="Sampling"
          value={initial.sampling}
          options={SAMPLING}
          onChange={(v) =>
            editScenario('sampling', (s) => {
              if (s.initial.kind === 'sample') s.initial.sampling = v;
            })
          }
        />
      )}
      {initial.kind === 'dipoles' && (
        <>
          <NumberField
            id="gamma"
            label="Width factor γ"
            value={initial.gamma}
            min={0.01}
            max={10}
            log
            help="Each dipole is a + and a − at distance 2γδ; the paper needs width ≲ δ."
            onCommit={(v) =>
              editScenario('gamma', (s) => {
                if (s.initial.kind === 'dipoles') s.initial.gamma = v;
              })
            }
          />
          {!circle && (
            <SelectField
              id="orientation"
              label="Orientation"
              value={initial.orientation}
              options={ORIENTATIONS}
              help="Direction from − to +; in slip geometry dipoles must straddle two slip planes."
              onChange={(v) =>
                editScenario('orientation', (s) => {
                  if (s.initial.kind === 'dipoles') s.initial.orientation = v;
                })
              }
            />
          )}
        </>
      )}
      {initial.kind !== 'explicit' && !circle && (
        <NumberField
          id="seed"
          label="Seed"
          value={initial.seed}
          min={0}
          max={4294967295}
          integer
          help="Same seed, same particles — in every browser."
          onCommit={(v) =>
            editScenario('seed', (s) => {
              if (s.initial.kind !== 'explicit') s.initial.seed = v;
            })
          }
        />
      )}
      {initial.kind === 'explicit' && <ExplicitEditor particles={initial.particles} />}
    </Section>
  );
}
