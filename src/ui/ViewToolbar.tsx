import { setUi } from '../state/actions';
import { useLab } from '../state/store';
import { DENSITY_FIELDS, VIEW_MODES } from '../state/uiTypes';
import { DensityLegend } from './DensityLegend';

/** View mode, which density, periodic tiling, and the colour legend. */
export function ViewToolbar() {
  const ui = useLab((s) => s.ui);
  return (
    <div className="view-toolbar">
      <label>
        View{' '}
        <select
          data-testid="view-mode"
          value={ui.mode}
          onChange={(e) => setUi({ mode: e.target.value as typeof ui.mode })}
        >
          {VIEW_MODES.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Density{' '}
        <select value={ui.field} onChange={(e) => setUi({ field: e.target.value as typeof ui.field })}>
          {DENSITY_FIELDS.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={ui.tiled} onChange={(e) => setUi({ tiled: e.target.checked })} /> 3×3
        tiling
      </label>
      <DensityLegend />
    </div>
  );
}
