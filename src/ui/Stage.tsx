import { useCallback, useRef } from 'react';
import { useLab } from '../state/store';
import { CircleView1d } from '../view/CircleView1d';
import type { DensityRange } from '../view/densityToRgba';
import { TorusView } from '../view/TorusView';
import { DipoleLens } from './DipoleLens';
import { DrawnClock } from './drawnClock';
import { StatusFooter } from './StatusFooter';
import { useElementSize } from './useElementSize';
import { ViewDescription } from './ViewDescription';
import { ViewToolbar } from './ViewToolbar';

/**
 * The centre: view toolbar, the torus canvas (with the panel labels), and the status line. `bare`
 * (embeds): the canvas alone.
 */
export function Stage({ bare = false }: { bare?: boolean }) {
  const ui = useLab((s) => s.ui);
  const pdeOn = useLab((s) => s.scenario.pde.enabled);
  const status = useLab((s) => s.run.status);
  const circle = useLab((s) => s.scenario.dimension === 1);
  const box = useRef<HTMLDivElement>(null);
  const size = useElementSize(box);
  // a portrait view (phones) puts the two panels above each other
  const stacked = size.height > 1.15 * size.width;
  // Without the PDE there is no density to show: every mode shows the particles alone.
  const mode = pdeOn ? ui.mode : 'particles';
  const onRange = useCallback((r: DensityRange) => {
    const old = useLab.getState().densityRange;
    // Ranges snap to nice values, so this changes only now and then (no DOM churn per frame).
    if (!old || old.lo !== r.lo || old.hi !== r.hi) useLab.setState({ densityRange: { lo: r.lo, hi: r.hi } });
  }, []);
  return (
    <section className="stage" aria-label="Simulation view">
      {!bare && <ViewToolbar />}
      <div
        className={`canvas-box${stacked ? ' stacked' : ''}`}
        data-testid="canvas-box"
        data-mode={mode}
        data-tool={ui.tool}
        role="img"
        aria-label={circle ? 'Circle view (1D): particles and density' : 'Torus view: particles and density'}
        aria-describedby="view-description"
        ref={box}
        title="Drag (or arrow keys) to move around the torus, wheel (+/−) to zoom, double-click (0) for the home view"
      >
        {circle ? (
          <CircleView1d theme={ui.theme} mode={mode} />
        ) : (
          <TorusView
            theme={ui.theme}
            mode={mode}
            field={ui.field}
            tiled={ui.tiled}
            stacked={stacked}
            colorScale={ui.colorScale}
            colorMax={ui.colorMax}
            onDensityRange={onRange}
          />
        )}
        {mode === 'side' && !circle && (
          <div className="side-labels" aria-hidden="true">
            <span>particles μ±</span>
            <span>PDE ρ±</span>
          </div>
        )}
        <DipoleLens />
        {ui.chrome === 2 && (
          <div className="time-overlay" data-testid="time-overlay">
            <DrawnClock className="clock" /> <span className="hud">{status}</span>{' '}
            <span className="hint">h: everything back</span>
          </div>
        )}
      </div>
      {!bare && <StatusFooter />}
      <ViewDescription />
    </section>
  );
}
