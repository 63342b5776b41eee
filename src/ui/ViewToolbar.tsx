import { setUi } from '../state/actions';
import { boundCount, nextBoundParticle, partnerOf, periodicDelta } from '../state/dipoles';
import { frames } from '../state/lab';
import { useLab } from '../state/store';
import { COLOR_SCALES, DENSITY_FIELDS, VIEW_MODES } from '../state/uiTypes';
import { viewNav } from '../state/viewNav';
import { parseInput } from './controls/NumberField';
import { DensityLegend } from './DensityLegend';
import { useDrawnFrame } from './drawnClock';
import { ToolPicker } from './ToolPicker';

/** Zoom of the main view when it centres a dipole (glyphs keep their pixel size, neighbours spread). */
const DIPOLE_ZOOM = 4;

/** Show the next bound dipole: the lens opens on it and the view centres it. */
function zoomToDipole(): boolean {
  const f = frames.current?.particles;
  if (!f) return false;
  const i = nextBoundParticle(f, useLab.getState().ui.lens);
  if (i < 0) return false;
  setUi({ lens: i });
  // the circle view has no pan or zoom: the lens alone shows the pair
  if (useLab.getState().scenario.dimension === 1) return true;
  const j = partnerOf(f, i);
  const mx = f.pos[2 * i] + periodicDelta(f.pos[2 * i], f.pos[2 * j]) / 2;
  const my = f.pos[2 * i + 1] + periodicDelta(f.pos[2 * i + 1], f.pos[2 * j + 1]) / 2;
  viewNav.setOrigin(mx - 0.5, my - 0.5);
  viewNav.commands?.focus(0.5, 0.5, DIPOLE_ZOOM);
  return true;
}

function ToolbarSelect<T extends string>(p: {
  label: string;
  testId: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (v: T) => void;
  disabled?: boolean;
  title?: string;
}) {
  return (
    <label title={p.title}>
      {p.label}{' '}
      <select
        data-testid={p.testId}
        value={p.value}
        disabled={p.disabled}
        onChange={(e) => p.onChange(e.target.value as T)}
      >
        {p.options.map((m) => (
          <option key={m.value} value={m.value}>
            {m.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** View mode, density field and its colour scale, tiling, zoom, the dipole lens, the legend. */
export function ViewToolbar() {
  const ui = useLab((s) => s.ui);
  const pdeOn = useLab((s) => s.scenario.pde.enabled);
  // the circle view (1D) draws its own profiles: no colour map, tiling, zoom or hand tools
  const circle = useLab((s) => s.scenario.dimension === 1);
  const map = pdeOn && !circle;
  const boundShare = boundCount(useDrawnFrame(500)?.particles ?? null);
  return (
    <div className="view-toolbar">
      <ToolbarSelect
        label="View"
        testId="view-mode"
        value={ui.mode}
        options={VIEW_MODES}
        disabled={!pdeOn}
        title={pdeOn ? undefined : 'The PDE is off: only the particles are shown'}
        onChange={(mode) => setUi({ mode })}
      />
      {map && (
        <ToolbarSelect
          label="Density"
          testId="density-field"
          value={ui.field}
          options={DENSITY_FIELDS}
          onChange={(field) => setUi({ field })}
        />
      )}
      {map && (
        <ToolbarSelect
          label="Colours"
          testId="color-scale"
          value={ui.colorScale}
          options={COLOR_SCALES}
          title="auto: each picture its own range; held: the largest so far this run; fixed: a range you type"
          onChange={(colorScale) => setUi({ colorScale })}
        />
      )}
      {map && ui.colorScale === 'fixed' && (
        <label>
          {ui.field === 'kappa' ? 'max |κ|' : 'max ρ'}{' '}
          <input
            type="text"
            inputMode="decimal"
            data-testid="color-max"
            className="short"
            defaultValue={String(ui.colorMax)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.currentTarget.blur();
            }}
            onBlur={(e) => {
              const v = parseInput(e.currentTarget.value, 1e-9, 1e9, false);
              if (typeof v === 'number') setUi({ colorMax: v });
              else e.currentTarget.value = String(ui.colorMax);
            }}
          />
        </label>
      )}
      {!circle && (
        <>
          <label>
            <input type="checkbox" checked={ui.tiled} onChange={(e) => setUi({ tiled: e.target.checked })} />{' '}
            3×3 tiling
          </label>
          <span className="zoom-buttons">
            <button type="button" aria-label="Zoom in (+)" onClick={() => viewNav.commands?.zoomBy(1.25)}>
              +
            </button>
            <button type="button" aria-label="Zoom out (−)" onClick={() => viewNav.commands?.zoomBy(0.8)}>
              −
            </button>
            <button
              type="button"
              aria-label="Home view (0)"
              title="Home view (0)"
              onClick={() => viewNav.commands?.home()}
            >
              ⌂
            </button>
          </span>
        </>
      )}
      <button
        type="button"
        data-testid="zoom-dipole"
        disabled={!boundShare}
        title={boundShare ? 'Show a bound dipole close up (again: the next one)' : 'No bound dipoles now'}
        onClick={zoomToDipole}
      >
        Zoom to a dipole
      </button>
      {!circle && <ToolPicker />}
      {map && <DensityLegend />}
    </div>
  );
}
