import { useEffect, useRef, useState } from 'react';
import { frames } from '../state/lab';

/** The clock as the header writes it: 5 decimals below 0.01, else 3 (or 4 below 1). */
export function formatClock(t: number): string {
  return `t = ${t.toFixed(t > 0 && t < 0.01 ? 5 : t < 1 ? 4 : 3)}`;
}

/**
 * The time of the picture on screen, as text that changes in the same animation frame as the
 * canvas (written straight into the DOM, not through React, so it costs nothing per frame).
 */
export function DrawnClock({ className, testId }: { className?: string; testId?: string }) {
  const el = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    let last = '';
    const write = () => {
      const text = formatClock(frames.drawn?.t ?? 0);
      if (text !== last && el.current) el.current.textContent = last = text;
    };
    write();
    return frames.onDrawn(write);
  }, []);
  return (
    <span
      ref={el}
      className={className}
      data-testid={testId}
      title="Simulated time of the pictures on screen"
    >
      {formatClock(0)}
    </span>
  );
}

/** The drawn time as React state, refreshed at most every `ms` (for slower readers: footer, plots, live text). */
export function useDrawnTime(ms: number): number {
  const [t, setT] = useState(frames.drawn?.t ?? 0);
  useEffect(() => {
    let timer: number | null = null;
    const update = () => {
      if (timer !== null) return;
      timer = window.setTimeout(() => {
        timer = null;
        setT(frames.drawn?.t ?? 0);
      }, ms);
    };
    const off = frames.onDrawn(update);
    return () => {
      off();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [ms]);
  return t;
}
