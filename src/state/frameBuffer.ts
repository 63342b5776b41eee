import type { DensityFrame, ParticleFrame } from './displayFrames';

/**
 * The recent frames of one side (states the worker really reached, oldest first), so the side
 * that computes ahead can be shown at the display time D of the other: exactly one frame at or
 * before D (the newest such) and every one after it.
 */
export class FrameBuffer<F extends { t: number }> {
  private frames: F[] = [];

  /** More frames than this ahead of the display are thinned (the oldest ahead goes first). */
  constructor(private readonly capacity = 8) {}

  clear(): void {
    this.frames = [];
  }

  get latest(): F | null {
    return this.frames[this.frames.length - 1] ?? null;
  }

  get size(): number {
    return this.frames.length;
  }

  /** A new state; one at the time of the newest (a hot swap at the same t) replaces it. */
  push(f: F): void {
    while (this.frames.length > 0 && this.frames[this.frames.length - 1].t >= f.t) this.frames.pop();
    this.frames.push(f);
    if (this.frames.length > this.capacity) this.frames.splice(1, 1);
  }

  /**
   * The frames around D: a.t ≤ D (within eps) and, unless a is at D, the next one b with b.t > D.
   * Drops the frames the display has passed for good (D never decreases within a run).
   */
  around(D: number, eps: number): { a: F; b: F | null } | null {
    const f = this.frames;
    while (f.length > 1 && f[1].t <= D + eps) f.shift();
    if (f.length === 0) return null;
    const a = f[0];
    if (Math.abs(a.t - D) <= eps || f.length === 1) return { a, b: null };
    return { a, b: f[1] };
  }
}

function fraction(a: number, b: number, D: number): number {
  return Math.min(1, Math.max(0, (D - a) / (b - a)));
}

/**
 * Particles at time D between two states, each coordinate linearly interpolated along the
 * minimum image (the positions are wrapped, and a particle may cross the border between them).
 * At a frame's own time (b null) that frame is returned as it is: its bits, not a recomputation.
 */
export function particlesAt(D: number, a: ParticleFrame, b: ParticleFrame | null): ParticleFrame {
  if (!b) return a.t === D ? a : { ...a, t: D };
  const theta = fraction(a.t, b.t, D);
  const pos = new Float64Array(a.pos.length);
  for (let i = 0; i < pos.length; i++) {
    let d = b.pos[i] - a.pos[i];
    d -= Math.round(d);
    const x = a.pos[i] + theta * d;
    const w = x - Math.floor(x);
    pos[i] = w < 1 ? w : 0; // −1e-18 wraps to 1 − 1e-18, which rounds to 1
  }
  return { ...(theta < 0.5 ? a : b), t: D, pos };
}

/** The densities at D between two states (cell by cell, linearly); a frame at D as it is. */
export function densityAt(D: number, a: DensityFrame, b: DensityFrame | null): DensityFrame {
  if (!b || b.N !== a.N) return a.t === D ? a : { ...a, t: D };
  const theta = fraction(a.t, b.t, D);
  const lerp = (p: Float32Array, q: Float32Array) => {
    const out = new Float32Array(p.length);
    for (let i = 0; i < p.length; i++) out[i] = p[i] + theta * (q[i] - p[i]);
    return out;
  };
  return { t: D, N: a.N, rhoPlus: lerp(a.rhoPlus, b.rhoPlus), rhoMinus: lerp(a.rhoMinus, b.rhoMinus) };
}
