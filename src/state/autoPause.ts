/**
 * Pauses a run nobody can see (a background tab, an embed scrolled or hidden out of view) and
 * resumes it when it is seen again, but only if it was this that paused it: a run the user paused
 * stays paused. Each reason ('page': the visibility API; 'offscreen': the embed's frame out of
 * view) is tracked on its own; the run resumes when all are visible again.
 */
export interface AutoPauseTarget {
  isRunning(): boolean;
  pause(): void;
  play(): void;
}

export type HiddenReason = 'page' | 'offscreen';

export function createAutoPause(target: AutoPauseTarget) {
  const hidden = new Set<HiddenReason>();
  let pausedByUs = false;
  return {
    set(reason: HiddenReason, isHidden: boolean): void {
      if (isHidden) hidden.add(reason);
      else hidden.delete(reason);
      if (hidden.size > 0 && target.isRunning()) {
        pausedByUs = true;
        target.pause();
      } else if (hidden.size === 0 && pausedByUs) {
        pausedByUs = false;
        target.play();
      }
    },
    /** The user took over (pressed play or pause): forget that we paused. */
    forget(): void {
      pausedByUs = false;
    },
    get hidden(): boolean {
      return hidden.size > 0;
    },
  };
}
