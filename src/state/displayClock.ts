import type { DensityFrame, FrameStore, ParticleFrame } from './displayFrames';
import { densityAt, FrameBuffer, particlesAt } from './frameBuffer';

/** At most this often a new picture is published while playing (~30 per second). */
const PUBLISH_MS = 30;

const eps = (t: number) => 1e-12 * Math.max(1, Math.abs(t));

/**
 * The display side of the one clock: each side's recent states, and the display time
 * D = min(target, newest particle state, newest PDE state), at which both pictures are published
 * (the side that is ahead interpolated between its states around D). D never goes back within a
 * run.
 */
export class DisplayClock {
  private readonly particles = new FrameBuffer<ParticleFrame>();
  private readonly density = new FrameBuffer<DensityFrame>();
  /** D of the last published picture. */
  shown = 0;
  private lastPublish = Number.NEGATIVE_INFINITY;
  /** A state at or before the shown time changed (a hot swap): publish even if D did not move. */
  private dirty = false;

  constructor(private readonly store: FrameStore) {}

  /** A new run or back to t = 0: forget every state. */
  clear(): void {
    this.particles.clear();
    this.density.clear();
    this.shown = 0;
    this.dirty = false;
  }

  keepParticles(f: ParticleFrame): void {
    this.keep(this.particles, f);
  }

  keepDensity(f: DensityFrame): void {
    this.keep(this.density, f);
  }

  private keep<F extends { t: number }>(frames: FrameBuffer<F>, f: F): void {
    if (f.t <= this.shown + eps(this.shown)) this.dirty = true;
    frames.push(f);
  }

  /**
   * Publish both pictures at D (never earlier than what is on screen). While playing at most
   * every PUBLISH_MS; `force` publishes at once (arrival at a checkpoint, a fresh run).
   */
  publish(now: number, target: number, pdeOn: boolean, force: boolean): void {
    const pNew = this.particles.latest?.t ?? 0;
    const dNew = pdeOn ? (this.density.latest?.t ?? 0) : Number.POSITIVE_INFINITY;
    const D = Math.max(this.shown, Math.min(target, pNew, dNew));
    const moved = D > this.shown || this.dirty;
    if (!force && (!moved || now - this.lastPublish < PUBLISH_MS)) return;
    const e = eps(D);
    const pa = this.particles.around(D, e);
    const da = pdeOn ? this.density.around(D, e) : null;
    this.shown = D;
    this.lastPublish = now;
    this.dirty = false;
    this.store.publish(D, pa ? particlesAt(D, pa.a, pa.b) : null, da ? densityAt(D, da.a, da.b) : null);
  }
}
