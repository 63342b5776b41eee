/**
 * What the view draws, outside React. The runner publishes one DisplayFrame at a time: the
 * particles and the density at the same simulated time t (the display clock). The render loop
 * draws whatever is current and marks it drawn in the same animation frame, which is when the
 * header clock and the test hook take their time from it: so header, both panels and the hook
 * always agree on what is on screen.
 */

export interface ParticleFrame {
  t: number;
  n: number;
  /** Wrapped positions in [0,1)², interleaved [x₀, y₀, x₁, y₁, …] (float64: the state's own bits at checkpoints). */
  pos: Float64Array;
  signs: Int8Array;
  /** Nearest opposite-sign distance per particle (for the bound-dipole glyph). */
  near: Float32Array;
  /** A particle is part of a bound dipole when its near distance is below this. */
  boundRadius: number;
}

export interface DensityFrame {
  t: number;
  /** Grid side: cell (i, j) is column i (x₁), row j (x₂), stored at j·N + i. */
  N: number;
  rhoPlus: Float32Array;
  rhoMinus: Float32Array;
}

export interface DisplayFrame {
  version: number;
  /** The display clock: the time of both pictures. */
  t: number;
  particles: ParticleFrame | null;
  /** null when the PDE is off. */
  density: DensityFrame | null;
}

type Listener = () => void;

export interface FrameStore {
  readonly current: DisplayFrame | null;
  /** The frame the canvas drew last (what is on screen). */
  readonly drawn: DisplayFrame | null;
  publish(t: number, particles: ParticleFrame | null, density: DensityFrame | null): void;
  clear(): void;
  /** Called after every publish (e.g. to ask the render loop for a frame). */
  subscribe(fn: Listener): () => void;
  /** The render loop: `current` is being drawn in this animation frame. */
  markDrawn(): void;
  /** Called when a newly published frame has been drawn. */
  onDrawn(fn: Listener): () => void;
}

export function createFrameStore(): FrameStore {
  let current: DisplayFrame | null = null;
  let drawn: DisplayFrame | null = null;
  let version = 0;
  const published = new Set<Listener>();
  const drawnListeners = new Set<Listener>();
  const notify = (set: Set<Listener>) => {
    for (const fn of set) fn();
  };
  const listen = (set: Set<Listener>, fn: Listener) => {
    set.add(fn);
    return () => {
      set.delete(fn);
    };
  };
  return {
    get current() {
      return current;
    },
    get drawn() {
      return drawn;
    },
    publish(t, particles, density) {
      current = { version: ++version, t, particles, density };
      notify(published);
    },
    clear() {
      current = null;
      version++;
      notify(published);
    },
    subscribe: (fn) => listen(published, fn),
    markDrawn() {
      if (drawn === current) return;
      drawn = current;
      notify(drawnListeners);
    },
    onDrawn: (fn) => listen(drawnListeners, fn),
  };
}
