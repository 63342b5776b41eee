/** Who holds the clock back when the requested rate cannot be kept. */
export type Limiter = 'particles' | 'pde' | 'both' | 'page';

export interface Pace {
  /** Simulated time per wall second actually shown over the last few seconds. */
  achieved: number;
  requested: number;
  limitedBy: Limiter;
}

/** The measurement window, and how much of it must be filled before anything is said. */
const WINDOW_MS = 3000;
const MIN_SPAN_MS = 1500;
/** Below this fraction of the requested rate the header says the rate is not kept. */
const KEPT = 0.85;

interface Sample {
  now: number;
  shown: number;
  /** Which side held the display below the target at this tick (or none). */
  heldBy: 'particles' | 'pde' | 'both' | null;
}

/**
 * Measures the rate at which the display clock advances while playing and, when it is below the
 * requested one, which side holds it back: the side whose newest state is the display time while
 * the target is further on (the other side waits for it). If neither does, the page itself
 * (its timer) fell behind.
 */
export class PaceMeter {
  private samples: Sample[] = [];

  reset(): void {
    this.samples = [];
  }

  /**
   * One tick while playing: `shown` is the display time, `target` where the clock wants to be,
   * `particles`/`pde` the newest state times (pde null when off).
   */
  sample(now: number, shown: number, target: number, particles: number, pde: number | null): void {
    const eps = 1e-12 * Math.max(1, target);
    const behind = shown < target - eps;
    const p = behind && particles <= shown + eps;
    const d = behind && pde !== null && pde <= shown + eps;
    const heldBy = p && d ? 'both' : p ? 'particles' : d ? 'pde' : null;
    this.samples.push({ now, shown, heldBy });
    while (this.samples.length > 2 && now - this.samples[1].now > WINDOW_MS) this.samples.shift();
  }

  /** The pace when the requested rate is not being kept (null when it is, or not yet known). */
  pace(requested: number, nearEnd: boolean): Pace | null {
    const s = this.samples;
    if (s.length < 2 || nearEnd) return null;
    const first = s[0];
    const last = s[s.length - 1];
    const span = last.now - first.now;
    if (span < MIN_SPAN_MS) return null;
    const achieved = (last.shown - first.shown) / (span / 1000);
    if (achieved >= KEPT * requested) return null;
    const count = { particles: 0, pde: 0, both: 0 };
    for (const x of s) if (x.heldBy) count[x.heldBy]++;
    const held = count.particles + count.pde + count.both;
    let limitedBy: Limiter = 'page';
    if (held >= s.length / 4) {
      const p = count.particles + count.both;
      const d = count.pde + count.both;
      limitedBy = p > 2 * d ? 'particles' : d > 2 * p ? 'pde' : 'both';
    }
    return { achieved, requested, limitedBy };
  }
}
