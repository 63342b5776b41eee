import { type ReactNode, useId } from 'react';
import { classifyRegime, type RegimeLines, regimeLines } from '../../model/diagnostics/regime';
import { regimeLines1d } from '../../model/oneD/regime1d';
import { resolveDelta } from '../../model/scenario/delta';
import { noiseStatement } from '../../state/noiseStatement';
import { criterionText, regimeStatement } from '../../state/regimeStatement';
import { regimeStatement1d } from '../../state/regimeStatement1d';
import { useLab } from '../../state/store';
import { formatValue } from '../controls/NumberField';

const W = 320;
const H = 230;
const PAD = { l: 44, r: 10, t: 10, b: 34 };
const X0 = Math.log10(2);
const X1 = Math.log10(2e5);
const Y0 = -8;
/** On the circle δ goes further down: Thm 4.1's line δ = n^{−3} (the 1D counterexample is at 6e-10). */
const Y0_1D = -12;
/** Up to δ = 1, so the convergence line √(3T/log n) is in view (the app's δ stops at 0.25). */
const Y1 = 0;

const SUPERSCRIPT: Record<number, string> = { 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵' };

const sx = (x: number) => PAD.l + ((x - X0) / (X1 - X0)) * (W - PAD.l - PAD.r);
const yScale = (y0: number) => (y: number) => PAD.t + ((Y1 - y) / (Y1 - y0)) * (H - PAD.t - PAD.b);
const sy = yScale(Y0);

type LineName = keyof RegimeLines;

/** log10 δ of one regime line as a function of log10 n (the model gives the lines at each n). */
const line = (name: LineName, T: number) => (x: number) => Math.log10(regimeLines(10 ** x, T)[name]);

const LINES: { name: LineName; dash?: string }[] = [
  { name: 'convergence' },
  { name: 'spacing', dash: '2 4' },
  { name: 'remark45', dash: '6 3' },
  { name: 'thm44', dash: '6 3' },
];

/** log10 δ of one d = 1 line (MATH §12). */
const line1d = (name: 'convergence' | 'spacing' | 'remark43' | 'thm41', T: number) => (x: number) =>
  Math.log10(regimeLines1d(10 ** x, T)[name]);

const LINES_1D = [
  { name: 'convergence' },
  { name: 'spacing', dash: '2 4' },
  { name: 'remark43', dash: '6 3' },
  { name: 'thm41', dash: '6 3' },
] as const;

function path(f: (x: number) => number, ys = sy, y0 = Y0): string {
  const pts: string[] = [];
  for (let i = 0; i <= 80; i++) {
    const x = X0 + ((X1 - X0) * i) / 80;
    const y = Math.min(Y1 + 1, Math.max(y0 - 1, f(x)));
    pts.push(`${i === 0 ? 'M' : 'L'}${sx(x).toFixed(1)},${ys(y).toFixed(1)}`);
  }
  return pts.join('');
}

function region(upper: (x: number) => number, lower: (x: number) => number, ys = sy, y0 = Y0): string {
  const top = path(upper, ys, y0);
  const pts: string[] = [];
  for (let i = 80; i >= 0; i--) {
    const x = X0 + ((X1 - X0) * i) / 80;
    const y = Math.min(Y1 + 1, Math.max(y0 - 1, lower(x)));
    pts.push(`L${sx(x).toFixed(1)},${ys(y).toFixed(1)}`);
  }
  return `${top}${pts.join('')}Z`;
}

/** Where (n, δ) is drawn on the regime map (viewBox units). */
export const regimePoint = (n: number, delta: number) => ({ x: sx(Math.log10(n)), y: sy(Math.log10(delta)) });

/** The same on the circle's map (δ down to 1e-12). */
export const regimePoint1d = (n: number, delta: number) => ({
  x: sx(Math.log10(n)),
  y: yScale(Y0_1D)(Math.log10(delta)),
});

/**
 * The regime map's axes, regions and the paper's lines at T for a geometry, with `children`
 * (markers) drawn on top; k is the text scale.
 */
export function RegimeMapFigure({
  T,
  geometry,
  k,
  label = 'Regime map',
  children,
}: {
  T: number;
  geometry: string;
  k: number;
  label?: string;
  children?: ReactNode;
}) {
  const conv = line('convergence', T);
  const rateName: LineName = geometry === 'isotropic' ? 'remark45' : 'thm44';
  const rate = line(rateName, T);
  const xTicks = [1, 2, 3, 4, 5];
  const yTicks = [-8, -6, -4, -2, 0];
  const clip = `regime-clip-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  return (
    <svg
      viewBox={`${-(k - 1) * 40} 0 ${W + (k - 1) * 40} ${H + (k - 1) * 24}`}
      width="100%"
      role="img"
      aria-label={label}
    >
      <clipPath id={clip}>
        <rect x={PAD.l} y={PAD.t} width={W - PAD.l - PAD.r} height={H - PAD.t - PAD.b} />
      </clipPath>
      <g clipPath={`url(#${clip})`}>
        <path d={region(() => Y1 + 1, conv)} fill="#2ca02c" opacity={0.16} />
        <path d={region(rate, () => Y0 - 1)} fill="#d62728" opacity={0.16} />
        {LINES.map((l) => (
          <path
            key={l.name}
            d={path(line(l.name, T))}
            fill="none"
            stroke="var(--ink)"
            strokeWidth={l.name === rateName || l.name === 'convergence' ? 1.8 : 1}
            strokeDasharray={l.dash}
            opacity={l.name === 'remark45' || l.name === 'thm44' ? (l.name === rateName ? 1 : 0.4) : 0.85}
          />
        ))}
      </g>
      <rect
        x={PAD.l}
        y={PAD.t}
        width={W - PAD.l - PAD.r}
        height={H - PAD.t - PAD.b}
        fill="none"
        stroke="var(--line)"
      />
      {xTicks.map((x) => (
        <text
          key={x}
          x={sx(x)}
          y={H - PAD.b + 14 * k}
          fontSize={11 * k}
          textAnchor="middle"
          fill="var(--muted)"
        >
          10{SUPERSCRIPT[x]}
        </text>
      ))}
      {yTicks.map((y) => (
        <text key={y} x={PAD.l - 4} y={sy(y) + 4} fontSize={11 * k} textAnchor="end" fill="var(--muted)">
          1e{y}
        </text>
      ))}
      <text
        x={(PAD.l + W - PAD.r) / 2}
        y={H - 4 + (k - 1) * 24}
        fontSize={12 * k}
        textAnchor="middle"
        fill="var(--ink)"
      >
        n
      </text>
      <text
        x={10 - (k - 1) * 40}
        y={(PAD.t + H - PAD.b) / 2}
        fontSize={12 * k}
        textAnchor="middle"
        fill="var(--ink)"
        transform={`rotate(-90 ${10 - (k - 1) * 40} ${(PAD.t + H - PAD.b) / 2})`}
      >
        δ
      </text>
      <text x={sx(4.2)} y={sy(conv(4.2)) - 6} fontSize={10 * k} fill="var(--ink)" textAnchor="middle">
        √(3T/log n)
      </text>
      <text x={sx(4.6)} y={sy(-0.5 * 4.6) - 5} fontSize={10 * k} fill="var(--ink)" textAnchor="middle">
        n^−½
      </text>
      <text x={sx(2.6)} y={sy(-1.25 * 2.6) + 13} fontSize={10 * k} fill="var(--ink)" textAnchor="middle">
        n^−5/4
      </text>
      <text x={sx(1.6)} y={sy(-2 * 1.6) + 13} fontSize={10 * k} fill="var(--ink)" textAnchor="middle">
        n^−2
      </text>
      {children}
    </svg>
  );
}

/**
 * The regime map on the circle (MATH §12): δ down to 1e-12, the stability criterion (green above),
 * the spacing 1/n, Remark 4.3's n^{−3/2} (model potential: the poisson core) and Thm 4.1's n^{−3}
 * (red below the line that applies to the core).
 */
export function RegimeMapFigure1d({
  T,
  core,
  k,
  children,
}: {
  T: number;
  core: string;
  k: number;
  children?: ReactNode;
}) {
  const ys = yScale(Y0_1D);
  const conv = line1d('convergence', T);
  const rateName = core === 'poisson' ? 'remark43' : 'thm41';
  const rate = line1d(rateName, T);
  const yTicks = [-12, -9, -6, -3, 0];
  const clip = `regime1d-clip-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const at = (x: number, exponent: number, dy: number) => ({ x: sx(x), y: ys(exponent * x) + dy });
  const labels = [
    { text: '1/n', ...at(4.6, -1, -5) },
    { text: 'n^−3/2', ...at(3.2, -1.5, 13) },
    { text: 'n^−3', ...at(2.2, -3, 13) },
  ];
  return (
    <svg
      viewBox={`${-(k - 1) * 40} 0 ${W + (k - 1) * 40} ${H + (k - 1) * 24}`}
      width="100%"
      role="img"
      aria-label="Regime map on the circle (d = 1)"
      data-testid="regime-map-1d"
    >
      <clipPath id={clip}>
        <rect x={PAD.l} y={PAD.t} width={W - PAD.l - PAD.r} height={H - PAD.t - PAD.b} />
      </clipPath>
      <g clipPath={`url(#${clip})`}>
        <path d={region(() => Y1 + 1, conv, ys, Y0_1D)} fill="#2ca02c" opacity={0.16} />
        <path d={region(rate, () => Y0_1D - 1, ys, Y0_1D)} fill="#d62728" opacity={0.16} />
        {LINES_1D.map((l) => (
          <path
            key={l.name}
            d={path(line1d(l.name, T), ys, Y0_1D)}
            fill="none"
            stroke="var(--ink)"
            strokeWidth={l.name === rateName || l.name === 'convergence' ? 1.8 : 1}
            strokeDasharray={'dash' in l ? l.dash : undefined}
            opacity={l.name === 'remark43' || l.name === 'thm41' ? (l.name === rateName ? 1 : 0.4) : 0.85}
          />
        ))}
      </g>
      <rect
        x={PAD.l}
        y={PAD.t}
        width={W - PAD.l - PAD.r}
        height={H - PAD.t - PAD.b}
        fill="none"
        stroke="var(--line)"
      />
      {[1, 2, 3, 4, 5].map((x) => (
        <text
          key={x}
          x={sx(x)}
          y={H - PAD.b + 14 * k}
          fontSize={11 * k}
          textAnchor="middle"
          fill="var(--muted)"
        >
          10{SUPERSCRIPT[x]}
        </text>
      ))}
      {yTicks.map((y) => (
        <text key={y} x={PAD.l - 4} y={ys(y) + 4} fontSize={11 * k} textAnchor="end" fill="var(--muted)">
          1e{y}
        </text>
      ))}
      <text
        x={(PAD.l + W - PAD.r) / 2}
        y={H - 4 + (k - 1) * 24}
        fontSize={12 * k}
        textAnchor="middle"
        fill="var(--ink)"
      >
        n (circle, d = 1)
      </text>
      <text x={sx(4.2)} y={ys(conv(4.2)) - 6} fontSize={10 * k} fill="var(--ink)" textAnchor="middle">
        √(3T/log n)
      </text>
      {labels.map((l) => (
        <text key={l.text} x={l.x} y={l.y} fontSize={10 * k} fill="var(--ink)" textAnchor="middle">
          {l.text}
        </text>
      ))}
      {children}
    </svg>
  );
}

/** log n against log δ with the paper's lines and the current scenario marked (MATH §6). */
export function RegimeMap() {
  const s = useLab((st) => st.scenario);
  const lambda = useLab((st) => st.run.lambda);
  const k = useLab((st) => st.ui.textScale);
  const delta = resolveDelta(s);
  const circle = s.dimension === 1;
  const regime = Number.isFinite(lambda)
    ? classifyRegime({ geometry: s.geometry, n: s.n, delta, T: s.T, lambda, core: s.core })
    : null;
  // on the circle W(μ◦, ρ◦) ~ 1/n instead of n^{−1/2} (MATH §12)
  const crit = !regime
    ? Number.NaN
    : circle
      ? (3 * lambda * s.T) / Math.LN10 - Math.log10(s.n)
      : regime.log10Criterion;
  const statement = circle ? regimeStatement1d(s) : regime ? regimeStatement(regime, s) : null;
  const noise = noiseStatement(s);
  const marker = (
    <circle
      cx={sx(Math.log10(s.n))}
      cy={(circle ? regimePoint1d : regimePoint)(s.n, delta).y}
      r={6}
      fill="var(--accent)"
      stroke="var(--bg)"
      strokeWidth={2}
      data-testid="regime-marker"
    />
  );
  return (
    <div className="plot" data-testid="regime-map">
      <div className="plot-title">Regime map (log n vs log δ)</div>
      {circle ? (
        <RegimeMapFigure1d T={s.T} core={s.core} k={k}>
          {marker}
        </RegimeMapFigure1d>
      ) : (
        <RegimeMapFigure T={s.T} geometry={s.geometry} k={k}>
          {marker}
        </RegimeMapFigure>
      )}
      <p className="note regime-line" data-testid="regime-label">
        Now: n = {s.n}, δ = {formatValue(delta)} — <b>{statement?.parameters ?? '…'}</b>
        {statement && (
          <>
            ; {statement.assumes}.{' '}
            {statement.thisRun && (
              <span className={statement.applies ? undefined : 'caveat'}>{statement.thisRun}.</span>
            )}
          </>
        )}
      </p>
      {noise && (
        <p className={`note${noise.verdict === 'bound' ? '' : ' caveat'}`} data-testid="regime-noise">
          Noise: {noise.text}.
        </p>
      )}
      <p className="note" data-testid="regime-criterion">
        {circle ? 'exp(3λ_δT)/n' : 'exp(3λ_δT)·n^−½'} = {criterionText(crit)}
        {Number.isFinite(crit) &&
          (crit < 0 ? ' (< 1)' : circle ? ' (≥ 1: the criterion fails)' : ' (≥ 1: Thm 3.3 says nothing)')}
        .
      </p>
    </div>
  );
}
