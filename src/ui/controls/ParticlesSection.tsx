import { N_MAX, N_MIN } from '../../model/scenario/validate';
import { editScenario } from '../../state/actions';
import { useLab } from '../../state/store';
import { NumberField } from './NumberField';
import { Section } from './Section';

/** Above this many particles the direct pair sum makes each step slow. */
const SLOW_N = 3000;

/** The number of particles n (both signs together). */
export function ParticlesSection() {
  const n = useLab((s) => s.scenario.n);
  const explicit = useLab((s) => s.scenario.initial.kind === 'explicit');
  const nPlus = useLab((s) => s.run.nPlus);
  const nNow = useLab((s) => s.run.n);
  return (
    <Section title="Particles">
      <NumberField
        id="n"
        label="Number of dislocations n"
        value={n}
        min={N_MIN}
        max={N_MAX}
        log
        integer
        disabled={explicit}
        help="n counts both signs; each particle carries mass 1/n."
        onCommit={(v) =>
          editScenario('n', (s) => {
            s.n = v;
          })
        }
      />
      <p className="note">
        <span className="plus">⊥ +</span> {nPlus} · <span className="minus">⊤ −</span> {nNow - nPlus}
      </p>
      {n > SLOW_N && (
        <p className="note warn">
          Large n: every step costs O(n²) pair interactions; the clock will run slowly.
        </p>
      )}
    </Section>
  );
}
