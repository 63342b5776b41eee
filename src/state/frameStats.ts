/** Rendered-frame counter and a smoothed frames-per-second estimate (for the HUD and tests). */
export interface FrameStats {
  readonly frames: number;
  readonly fps: number;
  /** Call once per rendered frame with a timestamp in ms (performance.now()). */
  count(now: number): void;
}

export function createFrameStats(): FrameStats {
  let frames = 0;
  let fps = 0;
  let last = 0;
  return {
    get frames() {
      return frames;
    },
    get fps() {
      return fps;
    },
    count(now) {
      frames++;
      if (last > 0) {
        const dt = now - last;
        if (dt > 0 && dt < 2000) {
          const inst = 1000 / dt;
          fps = fps === 0 ? inst : 0.9 * fps + 0.1 * inst;
        }
      }
      last = now;
    },
  };
}
