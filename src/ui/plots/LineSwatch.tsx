/** A short sample of a plot line (colour and dash), for legends. */
export function LineSwatch({ color, dash }: { color: string; dash?: number[] }) {
  return (
    <svg className="swatch" width="2.2em" height="0.8em" viewBox="0 0 33 12" aria-hidden="true">
      <line x1={1} y1={6} x2={32} y2={6} stroke={color} strokeWidth={2.5} strokeDasharray={dash?.join(' ')} />
    </svg>
  );
}
