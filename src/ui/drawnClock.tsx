import { useEffect, useRef, useState } from 'react';
import type { DisplayFrame } from '../state/displayFrames';
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

/** The frame on screen as React state, refreshed at most every `ms` (for slower readers). */
export function useDrawnFrame(ms: number): DisplayFrame | null {
  const [frame, setFrame] = useState(frames.drawn);
  useEffect(() => {
    let timer: number | null = null;
    const update = () => {
      if (timer !== null) return;
      timer = window.setTimeout(() => {
        timer = null;
        setFrame(frames.drawn);
      }, ms);
    };
    update();
    const off = frames.onDrawn(update);
    return () => {
      off();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [ms]);
  return frame;
}

/** The drawn time, refreshed at most every `ms` (footer, plots). */
export function useDrawnTime(ms: number): number {
  return useDrawnFrame(ms)?.t ?? 0;
}
