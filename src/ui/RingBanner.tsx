import { ringInstability } from '../model/kernels/cores/ringBand';
import { resolveDelta } from '../model/scenario/delta';
import { threeDigits } from '../state/regimeStatement';
import { useLab } from '../state/store';

/** While the ring core is chosen: it is outside the paper's assumption (V1), and what that does. */
export function RingBanner() {
  const core = useLab((s) => s.scenario.core);
  const delta = useLab((s) => resolveDelta(s.scenario));
  const setting = useLab((s) => (s.scenario.dimension === 1 ? '1d' : s.scenario.geometry));
  if (core !== 'ring') return null;
  const r = ringInstability(delta, setting);
  return (
    <div className="banner warn" role="status" data-testid="ring-banner">
      <span className="text">
        Ring core: outside the paper’s assumption (V1). Its multiplier is negative for{' '}
        {threeDigits(r.band[0])} &lt; |k| &lt; {threeDigits(r.band[1])}: the uniform state is unstable there
        (growth up to e^({threeDigits(r.fastestRate)}·t)), like signs aggregate, the interaction energy is not
        positive definite and no theorem relates particles and PDE.
      </span>
    </div>
  );
}
