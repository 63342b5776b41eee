import { useCallback } from 'react';
import { useLab } from '../state/store';
import type { DensityRange } from '../view/densityToRgba';
import { TorusView } from '../view/TorusView';
import { StatusFooter } from './StatusFooter';
import { ViewToolbar } from './ViewToolbar';

/** The centre: view toolbar, the torus canvas, and the status line. */
export function Stage() {
  const ui = useLab((s) => s.ui);
  const pdeOn = useLab((s) => s.scenario.pde.enabled);
  // Without the PDE there is no density to show: every mode shows the particles alone.
  const mode = pdeOn ? ui.mode : 'particles';
  const onRange = useCallback((r: DensityRange) => {
    const old = useLab.getState().densityRange;
    // Ranges snap to nice values, so this changes only now and then (no DOM churn per frame).
    if (!old || old.lo !== r.lo || old.hi !== r.hi) useLab.setState({ densityRange: { lo: r.lo, hi: r.hi } });
  }, []);
  return (
    <section className="stage" aria-label="Simulation view">
      <ViewToolbar />
      <div
        className="canvas-box"
        data-testid="canvas-box"
        title="Drag to pan, wheel to zoom, double-click to re-centre"
      >
        <TorusView theme={ui.theme} mode={mode} field={ui.field} tiled={ui.tiled} onDensityRange={onRange} />
        {mode === 'side' && (
          <div className="side-labels">
            <span>particles μ±</span>
            <span>PDE ρ±</span>
          </div>
        )}
      </div>
      <StatusFooter />
    </section>
  );
}
