import { useLab } from '../state/store';
import { colorMapFor, cssGradient } from '../view/colorMaps';
import { formatValue } from './controls/NumberField';

const NAMES = { kappa: 'κ = ρ+ − ρ−', rhoPlus: 'ρ+', rhoMinus: 'ρ−' } as const;

/** Colour bar of the density map with its current range. */
export function DensityLegend() {
  const theme = useLab((s) => s.ui.theme);
  const field = useLab((s) => s.ui.field);
  const range = useLab((s) => s.densityRange);
  const pdeOn = useLab((s) => s.scenario.pde.enabled);
  if (!pdeOn) return <span className="legend">PDE off</span>;
  const map = colorMapFor(theme, field);
  return (
    <span className="legend" data-testid="legend">
      {NAMES[field]} <span>{range ? formatValue(range.lo) : '…'}</span>{' '}
      <span className="bar" style={{ background: cssGradient(map) }} />{' '}
      <span>{range ? formatValue(range.hi) : '…'}</span>
    </span>
  );
}
