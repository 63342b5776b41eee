import { DELTA_MAX, DELTA_MIN, PDE_GRIDS } from '../../model/scenario/validate';
import { editScenario } from '../../state/actions';
import { useLab } from '../../state/store';
import { formatValue, NumberField } from './NumberField';
import { Section } from './Section';
import { SelectField } from './SelectField';

const GRID_OPTIONS = PDE_GRIDS.map((g) => ({ value: String(g), label: `${g} × ${g}` }));

const SCHEME_OPTIONS = [
  { value: 'ssp33', label: 'SSP-RK3 (3 stages)' },
  { value: 'ssp43', label: 'SSP-RK(4,3) (4 stages, 2× the step)' },
] as const;

const DELTA_OPTIONS = [
  { value: 'same', label: 'same δ as the particles' },
  { value: 'limit', label: 'δ → 0 (grid resolution 1/N)' },
  { value: 'custom', label: 'its own δ' },
] as const;

/** The Groma–Balogh companion: on/off, grid, and which δ it uses. */
export function PdeSection() {
  const pde = useLab((s) => s.scenario.pde);
  const pdeDelta = useLab((s) => s.run.pdeDelta);
  const isCircle = useLab((s) => s.scenario.dimension === 1);
  const mode = typeof pde.delta === 'number' ? 'custom' : pde.delta;
  return (
    <Section title="Continuum (Groma–Balogh)">
      <div className="field">
        <label>
          <input
            type="checkbox"
            checked={pde.enabled}
            onChange={(e) =>
              editScenario('pde-enabled', (s) => {
                s.pde.enabled = e.target.checked;
              })
            }
          />{' '}
          Solve the PDE alongside
        </label>
        <p className="help">∂ₜρ± = ±div(ρ± ∇(V_δ ∗ κ + U)) on an N×N finite-volume grid.</p>
      </div>
      <SelectField
        id="pde-grid"
        label="Grid N"
        value={String(pde.grid)}
        options={GRID_OPTIONS}
        disabled={!pde.enabled}
        help="Finer grids resolve sharper peaks; cost grows like N² log N."
        onChange={(v) =>
          editScenario('pde-grid', (s) => {
            s.pde.grid = Number(v);
          })
        }
      />
      {!isCircle && (
        <SelectField
          id="pde-rk"
          label="Time scheme"
          value={pde.rk ?? 'ssp33'}
          options={SCHEME_OPTIONS}
          disabled={!pde.enabled}
          help="Both are third order and keep ρ± ≥ 0; SSP-RK(4,3) reaches a time about 1.5× sooner (its answers differ from SSP-RK3's by far less than the grid error)."
          onChange={(v) =>
            editScenario('pde-rk', (s) => {
              if (v === 'ssp43') s.pde.rk = v;
              else delete s.pde.rk;
            })
          }
        />
      )}
      <SelectField
        id="pde-delta"
        label="PDE δ"
        value={mode}
        options={DELTA_OPTIONS}
        disabled={!pde.enabled}
        onChange={(v) =>
          editScenario('pde-delta', (s) => {
            s.pde.delta = v === 'custom' ? Math.max(DELTA_MIN, 0.02) : v;
          })
        }
      />
      {typeof pde.delta === 'number' && (
        <NumberField
          id="pde-delta-value"
          label="PDE core radius"
          value={pde.delta}
          min={DELTA_MIN}
          max={DELTA_MAX}
          log
          disabled={!pde.enabled}
          help="A δ for the continuum only (e.g. to compare with the limit)."
          onCommit={(v) =>
            editScenario('pde-delta-value', (s) => {
              s.pde.delta = v;
            })
          }
        />
      )}
      {pde.enabled && pdeDelta !== null && (
        <p className="note">
          {pdeDelta === 0
            ? `δ → 0 (grid resolution 1/${pde.grid}), not exact`
            : `PDE uses δ = ${formatValue(pdeDelta)}`}
        </p>
      )}
    </Section>
  );
}
