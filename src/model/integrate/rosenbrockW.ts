import type { ParticleSystem } from '../dynamics/particleSystem';
import type { NearPairJacobian } from './nearPairJacobian';

/**
 * Linearly implicit Rosenbrock-W methods in the transformed form of Hairer–Wanner (IV.7.25):
 *   ((1/(γh))·I − A) u_i = f(y + Σ_{j<i} a_ij u_j) + Σ_{j<i} (c_ij/h) u_j,
 *   y₁ = y + Σ m_i u_i,   error estimate Σ e_i u_i,
 * which needs no products with A. A W-method keeps its order for ANY matrix A, so A can be the
 * near-pair approximation of nearPairJacobian.ts.
 */
export interface WTableau {
  readonly name: string;
  /** Order of y₁ and of the embedded solution. */
  readonly order: number;
  readonly embeddedOrder: number;
  readonly gamma: number;
  /** Transformed coefficients: a[i][j], c[i][j] for j < i. */
  readonly a: readonly (readonly number[])[];
  readonly c: readonly (readonly number[])[];
  readonly m: readonly number[];
  /** m − m̂. */
  readonly e: readonly number[];
}

/** Converts a W-method from the standard (α, Γ, b, b̂) form to the transformed one. */
export function transformTableau(
  name: string,
  order: number,
  embeddedOrder: number,
  gamma: number,
  alpha: number[][],
  gammaOff: number[][],
  b: number[],
  bhat: number[],
): WTableau {
  const s = b.length;
  // Γ lower triangular with γ on the diagonal; its inverse by forward substitution.
  const G = Array.from({ length: s }, (_, i) =>
    Array.from({ length: s }, (_, j) => (i === j ? gamma : j < i ? gammaOff[i][j] : 0)),
  );
  const Gi = Array.from({ length: s }, () => new Array<number>(s).fill(0));
  for (let col = 0; col < s; col++) {
    for (let i = 0; i < s; i++) {
      let v = i === col ? 1 : 0;
      for (let k = 0; k < i; k++) v -= G[i][k] * Gi[k][col];
      Gi[i][col] = v / G[i][i];
    }
  }
  const a = Array.from({ length: s }, (_, i) =>
    Array.from({ length: s }, (_, j) => {
      if (j >= i) return 0;
      let v = 0;
      for (let k = 0; k < s; k++) v += (k < i ? alpha[i][k] : 0) * Gi[k][j];
      return v;
    }),
  );
  const c = Array.from({ length: s }, (_, i) => Array.from({ length: s }, (_, j) => (j < i ? -Gi[i][j] : 0)));
  const m = Array.from({ length: s }, (_, j) => b.reduce((acc, bi, i) => acc + bi * Gi[i][j], 0));
  const mh = Array.from({ length: s }, (_, j) => bhat.reduce((acc, bi, i) => acc + bi * Gi[i][j], 0));
  return { name, order, embeddedOrder, gamma, a, c, m, e: m.map((v, i) => v - mh[i]) };
}

const G2 = 1 + Math.SQRT1_2;

/**
 * ROS2 (Verwer, Spee, Blom, Hundsdorfer, SIAM J. Sci. Comput. 20, 1999): γ = 1 + 1/√2,
 *   (I − γhA)k₁ = f(y),  (I − γhA)k₂ = f(y + hk₁) − 2k₁,  y₁ = y + (3/2)hk₁ + (1/2)hk₂,
 * L-stable, order 2 for any A; embedded first-order solution y + hk₁. With u_i = γh·k_i this is
 * the transformed form below.
 */
export const ROS2: WTableau = {
  name: 'ROS2',
  order: 2,
  embeddedOrder: 1,
  gamma: G2,
  a: [[], [1 / G2]],
  c: [[], [-2 / G2]],
  m: [1.5 / G2, 0.5 / G2],
  e: [0.5 / G2, 0.5 / G2],
};

/**
 * ROS34PW2 (Rang & Angermann, BIT 45, 2005): 4 stages, W-order 3 (embedded 2), L-stable,
 * stiffly accurate.
 */
export const ROS34PW2: WTableau = transformTableau(
  'ROS34PW2',
  3,
  2,
  0.435866521508459,
  [
    [0, 0, 0, 0],
    [0.871733043016918, 0, 0, 0],
    [0.84457060015369423, -0.11299064236484185, 0, 0],
    [0, 0, 1, 0],
  ],
  [
    [0, 0, 0, 0],
    [-0.871733043016918, 0, 0, 0],
    [-0.90338057013044082, 0.054180672388095326, 0, 0],
    [0.24212380706095346, -1.2232505839045147, 0.54526025533510214, 0],
  ],
  [0.24212380706095346, -1.2232505839045147, 1.545260255335102, 0.435866521508459],
  [0.37810903145819369, -0.096042292212423178, 0.5, 0.2179332607542295],
);

/** One attempt of a W-method on the particle system; stage buffers are allocated once. */
export class RosenbrockW {
  private readonly u: Float64Array[];
  private readonly ys: Float64Array;
  private readonly rhs: Float64Array;
  evaluations = 0;

  constructor(
    private readonly system: ParticleSystem,
    readonly jacobian: NearPairJacobian,
    readonly tableau: WTableau,
  ) {
    const m = 2 * system.n;
    this.u = Array.from({ length: tableau.m.length }, () => new Float64Array(m));
    this.ys = new Float64Array(m);
    this.rhs = new Float64Array(m);
  }

  get order(): number {
    return this.tableau.order;
  }

  /**
   * Reads y (state number `version`, used to reuse the Jacobian build across retries) and
   * f0 = f(y); writes y₁ and the error estimate. `stiffRadius` widens the neighbour search so
   * that jacobian.stiffness covers the pairs the automatic method choice looks at.
   */
  attempt(
    y: Float64Array,
    f0: Float64Array,
    h: number,
    version: number,
    stiffRadius: number,
    y1: Float64Array,
    err: Float64Array,
  ): void {
    const { a, c, m: mw, e, gamma } = this.tableau;
    const { u, ys, rhs, jacobian } = this;
    const len = y.length;
    const gh = gamma * h;
    jacobian.prepare(y, version, gh, stiffRadius);
    jacobian.factor(gh);
    const s = mw.length;
    for (let i = 0; i < s; i++) {
      if (i === 0) {
        rhs.set(f0);
      } else {
        const ai = a[i];
        ys.set(y);
        for (let j = 0; j < i; j++) {
          const w = ai[j];
          if (w === 0) continue;
          const uj = u[j];
          for (let k = 0; k < len; k++) ys[k] += w * uj[k];
        }
        this.system.velocities(ys, rhs);
        this.evaluations++;
        const ci = c[i];
        for (let j = 0; j < i; j++) {
          const w = ci[j] / h;
          if (w === 0) continue;
          const uj = u[j];
          for (let k = 0; k < len; k++) rhs[k] += w * uj[k];
        }
      }
      jacobian.solve(rhs, u[i]);
    }
    y1.set(y);
    err.fill(0);
    for (let i = 0; i < s; i++) {
      const ui = u[i];
      const wm = mw[i];
      const we = e[i];
      for (let k = 0; k < len; k++) {
        y1[k] += wm * ui[k];
        err[k] += we * ui[k];
      }
    }
  }
}
