import { useEffect, useRef, useState } from 'react';
import { resolveDelta } from '../model/scenario/delta';
import { boundCount } from '../state/dipoles';
import { useLab } from '../state/store';
import { VIEW_MODES } from '../state/uiTypes';
import { formatValue } from './controls/NumberField';
import { useDrawnFrame } from './drawnClock';

/** At most one announcement per this many ms (a screen reader must not be flooded while playing). */
const ANNOUNCE_MS = 2000;

const FIELD_NAMES = { kappa: 'κ = ρ+ − ρ−', rhoPlus: 'ρ+', rhoMinus: 'ρ−' } as const;

/**
 * What the torus view shows, in words, for screen readers: the canvas is named by its container
 * and described by this live region (counts, t, bound fraction, colour range), updated at most
 * every ANNOUNCE_MS.
 */
export function ViewDescription() {
  const drawn = useDrawnFrame(ANNOUNCE_MS / 2);
  const t = drawn?.t ?? 0;
  const ui = useLab((s) => s.ui);
  const pdeOn = useLab((s) => s.scenario.pde.enabled);
  const circle = useLab((s) => s.scenario.dimension === 1);
  const delta = useLab((s) => resolveDelta(s.scenario));
  const range = useLab((s) => s.densityRange);
  const f = drawn?.particles ?? null;
  const n = f?.signs.length ?? 0;
  let plus = 0;
  for (let i = 0; i < n; i++) if (f && f.signs[i] > 0) plus++;
  const bound = boundCount(f);
  const mode = VIEW_MODES.find((m) => m.value === (pdeOn ? ui.mode : 'particles'))?.label ?? ui.mode;
  const parts = [
    `t = ${formatValue(Number(t.toPrecision(4)))}.`,
    circle ? `Circle view (1D): x = 0 at the top, clockwise.` : `${mode} view.`,
    `${n} particles (${plus} positive, ${n - plus} negative), δ = ${formatValue(delta)};`,
    `${n > 0 ? Math.round((100 * bound) / n) : 0} % in bound dipoles.`,
    pdeOn && circle
      ? 'PDE densities: ρ+ as a band outside the ring, ρ− inside.'
      : pdeOn && range
        ? `Density ${FIELD_NAMES[ui.field]} from ${formatValue(range.lo)} to ${formatValue(range.hi)} (${ui.colorScale} colour scale).`
        : pdeOn
          ? ''
          : 'The PDE is off.',
  ];
  const announced = useThrottled(parts.join(' '), ANNOUNCE_MS);
  return (
    <div id="view-description" className="visually-hidden" aria-live="polite" data-testid="view-description">
      {announced}
    </div>
  );
}

/** `value`, but changing at most once every `ms` (the latest value wins when the time comes). */
function useThrottled(value: string, ms: number): string {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = last.current + ms - performance.now();
    const show = () => {
      last.current = performance.now();
      setShown(value);
    };
    if (wait <= 0) {
      show();
      return;
    }
    const timer = window.setTimeout(show, wait);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return shown;
}
