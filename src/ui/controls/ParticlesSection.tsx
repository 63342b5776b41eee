import { fastSumPays } from '../../model/fastsum';
import { N_MAX, N_MIN } from '../../model/scenario/validate';
import { editScenario } from '../../state/actions';
import { useLab } from '../../state/store';
import { NumberField } from './NumberField';
import { Section } from './Section';

/** Above this many particles a step takes long even with the fast sum: say what it costs. */
const SLOW_N = 20_000;

/** How the engine sums the pair interactions at n (the same rule createSystem uses). */
export function pairSumCost(n: number): string {
  return fastSumPays(n)
    ? `pair forces by the fast near/far sum, O(n log n) per evaluation (n ≥ 256)`
    : `pair forces summed directly, O(n²) per evaluation (the fast sum pays from n = 256)`;
}

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
        <span className="plus">⊥ +</span> {nPlus} · <span className="minus">⊤ −</span> {nNow - nPlus} ·{' '}
        <span data-testid="pair-sum-cost">{pairSumCost(n)}</span>
      </p>
      {n > SLOW_N && (
        <p className="note warn" data-testid="large-n-note">
          Large n: even at O(n log n) each step takes a noticeable time here, so the clock may run slower than
          the playback rate; the header then shows the rate achieved.
        </p>
      )}
    </Section>
  );
}
