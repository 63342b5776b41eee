/** Rendered-frame counter and a smoothed frames-per-second estimate (for the HUD and tests). */
export const frameStats = { frames: 0, fps: 0 };

let last = 0;

/** Call once per rendered frame with a timestamp in ms (performance.now()). */
export function countFrame(now: number): void {
  frameStats.frames++;
  if (last > 0) {
    const dt = now - last;
    if (dt > 0 && dt < 2000) {
      const inst = 1000 / dt;
      frameStats.fps = frameStats.fps === 0 ? inst : 0.9 * frameStats.fps + 0.1 * inst;
    }
  }
  last = now;
}
