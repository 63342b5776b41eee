import { frames } from './lab';
import { useLab } from './store';

/**
 * Pictures of the view for exports, outside React: the mounted view registers how to draw itself
 * at a pixel scale (device-independent: 2 = two pixels per CSS pixel) into a fresh 2D canvas.
 */
type Capture = (scale: number) => HTMLCanvasElement | null;

let capture: Capture | null = null;

export const viewCapture = {
  register(c: Capture | null): void {
    capture = c;
  },
  /** The view's pixels now, or null when no view is mounted. */
  take(scale: number): HTMLCanvasElement | null {
    return capture?.(scale) ?? null;
  },
};

const SETTLED = new Set(['paused', 'done', 'error']);

/**
 * Resolves when the run has come to rest (paused at a checkpoint, at T, or stopped) and its last
 * picture has been drawn; rejects after `timeoutMs` or on an error when `failOnError`.
 */
export function whenSettled(timeoutMs = 120_000, failOnError = true): Promise<void> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      const { status, message } = useLab.getState().run;
      if (status === 'error' && failOnError) {
        reject(new Error(`the simulation stopped: ${message ?? 'unknown error'}`));
        return;
      }
      if (SETTLED.has(status) && frames.current === frames.drawn) {
        resolve();
        return;
      }
      if (performance.now() - start > timeoutMs) {
        reject(new Error(`the run did not come to rest within ${Math.round(timeoutMs / 1000)} s`));
        return;
      }
      window.setTimeout(check, 20);
    };
    check();
  });
}
