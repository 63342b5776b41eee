import type { ParticleSystem } from '../dynamics/particleSystem';

/**
 * Dormand–Prince 5(4) tableau (Hairer–Nørsett–Wanner I, Table II.5.2); FSAL: stage 7 = f(y₁).
 * The system is autonomous, so the nodes c_i are not needed.
 */
const A21 = 1 / 5;
const A31 = 3 / 40;
const A32 = 9 / 40;
const A41 = 44 / 45;
const A42 = -56 / 15;
const A43 = 32 / 9;
const A51 = 19372 / 6561;
const A52 = -25360 / 2187;
const A53 = 64448 / 6561;
const A54 = -212 / 729;
const A61 = 9017 / 3168;
const A62 = -355 / 33;
const A63 = 46732 / 5247;
const A64 = 49 / 176;
const A65 = -5103 / 18656;
const B1 = 35 / 384;
const B3 = 500 / 1113;
const B4 = 125 / 192;
const B5 = -2187 / 6784;
const B6 = 11 / 84;
// e = b − b̂ (b̂ the 4th-order embedded weights, b̂7 = 1/40)
const E1 = 71 / 57600;
const E3 = -71 / 16695;
const E4 = 71 / 1920;
const E5 = -17253 / 339200;
const E6 = 22 / 525;
const E7 = -1 / 40;

/**
 * One Dormand–Prince 5(4) attempt on the particle system. Work arrays are allocated once.
 * `attempt` reads y and f0 = f(y) and writes the 5th-order solution to y1, f(y1) to f1 (FSAL) and
 * the embedded error estimate (5th − 4th order) to err; it also returns Hairer's stiffness
 * estimate ρ ≈ ‖f(y₁) − f(Y₆)‖ / ‖y₁ − Y₆‖ (h·ρ > 3.25 means the step sits on the stability
 * boundary). It never changes y or f0.
 */
export class DormandPrince {
  readonly order = 5;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly k5: Float64Array;
  private readonly k6: Float64Array;
  private readonly ys: Float64Array;
  evaluations = 0;
  /** E_n(y1) of the last attempt when the system gives it with f(y1) at no extra pass, else NaN. */
  energyAtY1 = Number.NaN;

  constructor(private readonly system: ParticleSystem) {
    const m = 2 * system.n;
    this.k2 = new Float64Array(m);
    this.k3 = new Float64Array(m);
    this.k4 = new Float64Array(m);
    this.k5 = new Float64Array(m);
    this.k6 = new Float64Array(m);
    this.ys = new Float64Array(m);
  }

  attempt(
    y: Float64Array,
    f0: Float64Array,
    h: number,
    y1: Float64Array,
    f1: Float64Array,
    err: Float64Array,
  ): number {
    const { k2, k3, k4, k5, k6, ys } = this;
    const f = this.system;
    const m = y.length;
    for (let i = 0; i < m; i++) ys[i] = y[i] + h * A21 * f0[i];
    f.velocities(ys, k2);
    for (let i = 0; i < m; i++) ys[i] = y[i] + h * (A31 * f0[i] + A32 * k2[i]);
    f.velocities(ys, k3);
    for (let i = 0; i < m; i++) ys[i] = y[i] + h * (A41 * f0[i] + A42 * k2[i] + A43 * k3[i]);
    f.velocities(ys, k4);
    for (let i = 0; i < m; i++) ys[i] = y[i] + h * (A51 * f0[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
    f.velocities(ys, k5);
    for (let i = 0; i < m; i++)
      ys[i] = y[i] + h * (A61 * f0[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
    f.velocities(ys, k6);
    for (let i = 0; i < m; i++)
      y1[i] = y[i] + h * (B1 * f0[i] + B3 * k3[i] + B4 * k4[i] + B5 * k5[i] + B6 * k6[i]);
    if (f.velocitiesAndEnergy) this.energyAtY1 = f.velocitiesAndEnergy(y1, f1);
    else f.velocities(y1, f1);
    this.evaluations += 6;
    let num = 0;
    let den = 0;
    for (let i = 0; i < m; i++) {
      err[i] = h * (E1 * f0[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * f1[i]);
      const a = f1[i] - k6[i];
      const b = y1[i] - ys[i];
      num += a * a;
      den += b * b;
    }
    return den > 0 ? Math.sqrt(num / den) : 0;
  }
}
