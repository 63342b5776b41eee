/**
 * The newest simulation output, outside React: the runner writes here whenever a worker replies
 * and the render loop reads whatever is newest (rendering never waits on the simulation).
 * `version` increases with every write so readers can skip unchanged data.
 */

export interface ParticleFrame {
  version: number;
  t: number;
  n: number;
  /** Wrapped positions in [0,1)², interleaved [x₀, y₀, x₁, y₁, …]. */
  pos: Float32Array;
  signs: Int8Array;
}

export interface DensityFrame {
  version: number;
  t: number;
  /** Grid side: cell (i, j) is column i (x₁), row j (x₂), stored at j·N + i. */
  N: number;
  rhoPlus: Float32Array;
  rhoMinus: Float32Array;
}

type Listener = () => void;

let particles: ParticleFrame | null = null;
let density: DensityFrame | null = null;
let version = 0;
const listeners = new Set<Listener>();

function notify(): void {
  for (const fn of listeners) fn();
}

export const latestFrames = {
  get particles(): ParticleFrame | null {
    return particles;
  },
  get density(): DensityFrame | null {
    return density;
  },
};

export function publishParticles(frame: Omit<ParticleFrame, 'version'>): void {
  particles = { ...frame, version: ++version };
  notify();
}

export function publishDensity(frame: Omit<DensityFrame, 'version'> | null): void {
  density = frame ? { ...frame, version: ++version } : null;
  notify();
}

export function clearFrames(): void {
  particles = null;
  density = null;
  version++;
  notify();
}

/** Called after every publish (e.g. to ask the render loop for a frame). */
export function subscribeFrames(fn: Listener): () => void {
  listeners.add(fn);
  return () => {
    listeners.delete(fn);
  };
}
