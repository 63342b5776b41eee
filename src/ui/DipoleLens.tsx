import { resolveDelta } from '../model/scenario/delta';
import { setUi } from '../state/actions';
import { partnerOf, periodicDelta, scaleBar } from '../state/dipoles';
import { useLab } from '../state/store';
import { formatValue } from './controls/NumberField';
import { useDrawnFrame } from './drawnClock';

const L = 220;
const GLYPH = 16;

function Glyph({ x, y, sign }: { x: number; y: number; sign: number }) {
  const h = GLYPH / 2;
  const stem = sign > 0 ? -GLYPH * 0.62 : GLYPH * 0.62;
  return (
    <g className={sign > 0 ? 'plus' : 'minus'} stroke="currentColor" strokeWidth={3.5} strokeLinecap="butt">
      <line x1={x - h} y1={y} x2={x + h} y2={y} />
      <line x1={x} y1={y} x2={x} y2={y + stem} />
    </g>
  );
}

/**
 * The two ends of one bound dipole, magnified so their distance spans half the lens, with a
 * scale bar in units of δ (the positions are the float64 states, so even δ = 1e-8 resolves).
 */
export function DipoleLens() {
  const lens = useLab((s) => s.ui.lens);
  const resolvedDelta = useLab((s) => resolveDelta(s.scenario));
  const n = useLab((s) => s.scenario.n);
  const f = useDrawnFrame(80)?.particles;
  if (lens === null || !f || lens >= f.signs.length) return null;
  const j = partnerOf(f, lens);
  if (j < 0) return null;
  const dx = periodicDelta(f.pos[2 * lens], f.pos[2 * j]);
  const dy = periodicDelta(f.pos[2 * lens + 1], f.pos[2 * j + 1]);
  const dist = Math.hypot(dx, dy);
  const span = Math.max(2 * dist, 1e-300); // world units across the lens
  const s = L / span;
  const c = L / 2;
  const bar = scaleBar(resolvedDelta, span);
  return (
    <figure className="lens" data-testid="dipole-lens" aria-label="A bound dipole close up">
      <svg
        width={L}
        height={L}
        viewBox={`0 0 ${L} ${L}`}
        role="img"
        aria-label={`The two ends of a dipole, ${formatValue(dist / resolvedDelta)} δ apart`}
      >
        <rect x={0} y={0} width={L} height={L} className="lens-bg" />
        <Glyph x={c - (dx / 2) * s} y={c + (dy / 2) * s} sign={f.signs[lens]} />
        <Glyph x={c + (dx / 2) * s} y={c - (dy / 2) * s} sign={f.signs[j]} />
        <line x1={12} y1={L - 14} x2={12 + bar.length * s} y2={L - 14} className="lens-bar" strokeWidth={3} />
        <text x={12} y={L - 22} className="lens-text">
          {formatValue(bar.k)} δ
        </text>
      </svg>
      <figcaption>
        distance {formatValue(Number((dist / resolvedDelta).toPrecision(3)))} δ (δ ={' '}
        {formatValue(resolvedDelta)}, n = {n}){' '}
        <button type="button" aria-label="Close the lens" onClick={() => setUi({ lens: null })}>
          ×
        </button>
      </figcaption>
    </figure>
  );
}
