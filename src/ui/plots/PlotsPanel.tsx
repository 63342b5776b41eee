import { resolveTemperature } from '../../model/scenario/noise';
import { useLab } from '../../state/store';
import { chartSpecs, GRID, INK } from './chartSpecs';
import { RegimeMap } from './RegimeMap';
import { TimeSeriesPlot } from './TimeSeriesPlot';

/** The live diagnostics of MATH §8 beside the view, and the regime map of §6. */
export function PlotsPanel() {
  const theme = useLab((s) => s.ui.theme);
  const pdeOn = useLab((s) => s.scenario.pde.enabled);
  const forced = useLab((s) => s.scenario.field.force.some((f) => f !== 0));
  const circle = useLab((s) => s.scenario.dimension === 1);
  const noisy = useLab((s) => resolveTemperature(s.scenario) > 0);
  return (
    <aside className="plots" aria-label="Diagnostics" data-testid="plots">
      {chartSpecs(theme, pdeOn, forced, noisy, circle).map((c) => (
        <TimeSeriesPlot
          key={c.key}
          title={c.title}
          yTitle={c.yTitle}
          series={c.series}
          log={c.log}
          yRange={c.yRange}
          height={c.height}
          ink={INK[theme]}
          grid={GRID[theme]}
        />
      ))}
      <RegimeMap />
    </aside>
  );
}
