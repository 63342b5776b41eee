import { checkpointIndexAt } from '../state/diagnosticSeries';
import { series } from '../state/lab';
import { useLab } from '../state/store';
import { formatValue } from './controls/NumberField';
import { useDrawnTime } from './drawnClock';

/** Below the view: glyph key, step counts, and the PDE's health at the checkpoint on screen. */
export function StatusFooter() {
  const run = useLab((s) => s.run);
  const pdeOn = useLab((s) => s.scenario.pde.enabled);
  const t = useDrawnTime(250);
  const at = (name: Parameters<typeof series.valueAt>[0]) => series.valueAt(name, t);
  const min = at('pdeMin');
  const massPlus = at('pdeMassPlus');
  const massMinus = at('pdeMassMinus');
  const entropy = at('pdeEntropy');
  const k = checkpointIndexAt(t, series.data().h);
  return (
    <div className="view-footer hud" data-testid="status-footer">
      <span>
        <span className="plus">⊥</span> positive · <span className="minus">⊤</span> negative ·{' '}
        <span className="bound">◎</span> bound dipole
      </span>
      <span title={run.threads ? `Particles: ${run.threads}` : undefined}>
        particles: {run.particleSteps} steps
        {run.particleRejected > 0 ? ` (${run.particleRejected} rejected)` : ''}
      </span>
      <span>{pdeOn ? `PDE: ${run.pdeSteps} steps` : 'PDE off'}</span>
      {pdeOn && min !== null && massPlus !== null && massMinus !== null && (
        <span
          title={`At checkpoint t = ${formatValue(k * series.data().h)}. The finite-volume scheme keeps ρ± ≥ 0 and conserves each mass`}
        >
          min ρ± = {formatValue(min)}, ∫ρ± = {massPlus.toFixed(6)}, {massMinus.toFixed(6)}
        </span>
      )}
      {pdeOn && entropy !== null && (
        <span title="Entropy of the continuum densities, ∫ρ+ log ρ+ + ρ− log ρ− (MATH §8)">
          ∫ρ log ρ = {formatValue(entropy)}
        </span>
      )}
      {run.changedAt !== null && <span>parameters changed at t = {formatValue(run.changedAt)}</span>}
    </div>
  );
}
