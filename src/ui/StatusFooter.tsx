import { useLab } from '../state/store';
import { formatValue } from './controls/NumberField';

/** Below the view: glyph key, each side's time and step counts, and a hint for pan/zoom. */
export function StatusFooter() {
  const run = useLab((s) => s.run);
  return (
    <div className="view-footer hud" data-testid="status-footer">
      <span>
        <span className="plus">⊥</span> positive · <span className="minus">⊤</span> negative · ┼ ± on top of
        each other (short dipole)
      </span>
      <span>
        particles t = {run.tParticles.toFixed(4)} ({run.particleSteps} steps
        {run.particleRejected > 0 ? `, ${run.particleRejected} rejected` : ''})
      </span>
      <span>{run.tPde === null ? 'PDE off' : `PDE t = ${run.tPde.toFixed(4)} (${run.pdeSteps} steps)`}</span>
      {run.tPde !== null && run.pdeMin !== null && run.pdeMasses && (
        <span title="The finite-volume scheme keeps ρ± ≥ 0 and conserves each mass">
          min ρ± = {formatValue(run.pdeMin)}, ∫ρ± = {run.pdeMasses[0].toFixed(6)},{' '}
          {run.pdeMasses[1].toFixed(6)}
        </span>
      )}
      {run.tPde !== null && run.pdeEntropy !== null && (
        <span title="Entropy of the continuum densities, ∫ρ+ log ρ+ + ρ− log ρ− (MATH §8)">
          ∫ρ log ρ = {formatValue(run.pdeEntropy)}
        </span>
      )}
      {run.changedAt !== null && <span>parameters changed at t = {formatValue(run.changedAt)}</span>}
    </div>
  );
}
