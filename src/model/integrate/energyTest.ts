import type { ParticleSystem } from '../dynamics/particleSystem';

/** Relative round-off allowance of the energy acceptance test (times the energy scale). */
const ENERGY_ROUNDOFF = 1e-13;

/**
 * The energy acceptance test of every method: a step is accepted only if the Lyapunov function
 * E_n − (1/n)Σ b_i F·x_i (unwrapped positions; just E_n when F = 0) does not increase beyond
 * round-off, so energy monotonicity is a property of the method, not a hope.
 */
export class EnergyTest {
  private readonly n: number;
  private readonly signs: Int8Array;
  private readonly fx: number;
  private readonly fy: number;
  private readonly tilted: boolean;
  /** Σ|a_j| of U and |V_δ(0)|/n: scales of the energy that round-off is measured against. */
  private readonly ampU: number;
  private readonly selfScale: number;

  constructor(system: ParticleSystem) {
    this.n = system.n;
    this.signs = system.signs;
    [this.fx, this.fy] = system.field.force;
    this.tilted = this.fx !== 0 || this.fy !== 0;
    this.ampU = system.field.modes.reduce((s, m) => s + Math.abs(m.a), 0);
    this.selfScale = Math.abs(system.kernel.selfValue) / system.n;
  }

  /** The Lyapunov function at pos, given E_n there. */
  lyapunov(En: number, pos: Float64Array): number {
    if (!this.tilted) return En;
    const { n, signs, fx, fy } = this;
    let s = 0;
    for (let i = 0; i < n; i++) s += signs[i] * (fx * pos[2 * i] + fy * pos[2 * i + 1]);
    return En + -s / n;
  }

  /** Whether a step from Lyapunov value `before` to `after` (at pos) passes. */
  passes(before: number, after: number, pos: Float64Array): boolean {
    const allow =
      ENERGY_ROUNDOFF * (Math.abs(before) + this.selfScale + this.ampU + this.tiltScale(pos) + 1e-3);
    return !(after > before + allow);
  }

  private tiltScale(pos: Float64Array): number {
    if (!this.tilted) return 0;
    const { n, fx, fy } = this;
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(fx * pos[2 * i]) + Math.abs(fy * pos[2 * i + 1]);
    return s / n;
  }
}
