import { setTool } from '../state/handEdits';
import { patchUi, useLab } from '../state/store';
import { VIEW_TOOLS } from '../state/uiTypes';
import { parseInput } from './controls/NumberField';

/** What a press on the view does (move it, place particles, draw a dipole, paint ρ±). */
export function ToolPicker() {
  const tool = useLab((s) => s.ui.tool);
  const width = useLab((s) => s.ui.dipoleWidth);
  const error = useLab((s) => s.fieldErrors.hand);
  return (
    <span className="tool-picker">
      <label title={VIEW_TOOLS.find((t) => t.value === tool)?.title}>
        <select
          data-testid="tool"
          aria-label="Hand tool: what a press on the view does"
          value={tool}
          onChange={(e) => setTool(e.target.value as typeof tool)}
        >
          {VIEW_TOOLS.map((t) => (
            <option key={t.value} value={t.value} title={t.title}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      {tool === 'dipole' && (
        <label title="Distance between the + and the − of a drawn dipole">
          width{' '}
          <input
            type="text"
            inputMode="decimal"
            className="short"
            data-testid="dipole-width"
            defaultValue={String(width)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.currentTarget.blur();
            }}
            onBlur={(e) => {
              const v = parseInput(e.currentTarget.value, 0.01, 1000, false);
              if (typeof v === 'number') patchUi({ dipoleWidth: v });
              else e.currentTarget.value = String(width);
            }}
          />
          ×δ
        </label>
      )}
      {error && tool !== 'view' && (
        <span className="error" role="alert" data-testid="hand-error">
          {error}
        </span>
      )}
    </span>
  );
}
