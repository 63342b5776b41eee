/**
 * Initial densities ρ± ≥ 0 on the unit torus with ∫ρ+ + ∫ρ− = 1 (MATH §7), as JSON-serialisable
 * specs. Every kind below is normalised by construction, whatever its parameters.
 */

/** A periodised Gaussian bump of the `bumps` density. */
export interface Bump {
  /** Centre (any reals; the bump is periodised). */
  x: number;
  y: number;
  /** Standard deviation per coordinate, in [1e-3, 0.5]. */
  sigma: number;
  /** Relative weight ≥ 0 (normalised together with the background). */
  w: number;
  /** Which density it adds to: +1 → ρ+, −1 → ρ−, 0 → half to each (a neutral bump). */
  s: 1 | -1 | 0;
}

export type DensitySpec =
  /** ρ+ = ρ− = ½. */
  | { kind: 'uniform' }
  /** ρ± = ½(1 ± a sin 2π(p x₁ + q x₂)), |a| ≤ 1, integers (p, q) ≠ (0, 0); (1, 0) is the paper's example. */
  | { kind: 'sine'; a: number; p: number; q: number }
  /**
   * ρ± = ½(1 ± a·tanh(β sin 2πm x₁)/tanh β), |a| ≤ 1, β > 0, integer m ≥ 1: m pairs of stripes of
   * opposite polarity; β → 0 gives the sine profile, large β a square wave (smoothed walls of width
   * ≈ 1/(2πmβ)). Dividing by tanh β keeps the peak value of κ equal to a.
   */
  | { kind: 'stripes'; a: number; beta: number; m: number }
  /**
   * ρ± = (background/2 + Σ_j w_j·f_j(±)·g_j) / (background + Σ_j w_j), g_j the periodised Gaussian of
   * bump j (mass 1), f_j(±) = 1 if s_j = ±1, ½ if s_j = 0, else 0. background + Σ w > 0.
   */
  | { kind: 'bumps'; background: number; bumps: Bump[] }
  /**
   * Painted by hand on a coarse G×G grid (G a power of two, 4…32): piecewise constant,
   * ρ±(x) = v±[cell(x)]·G²/S with S = Σ_cells (v+ + v−) > 0, cell (a, b) = column a (x₁), row b
   * (x₂), stored at b·G + a. The values are relative weights ≥ 0 (the brush paints integers).
   */
  | GridDensity;

export interface GridDensity {
  kind: 'grid';
  G: number;
  plus: number[];
  minus: number[];
}

export type DensityKind = DensitySpec['kind'];
export const DENSITY_KINDS: readonly DensityKind[] = ['uniform', 'sine', 'stripes', 'bumps', 'grid'];

const TWO_PI = 2 * Math.PI;
const INV_SQRT_2PI = 0.3989422804014327;

/** Images of a bump that can matter: beyond M periods the Gaussian tail is below 1e-16. */
export function bumpImages(sigma: number): number {
  return Math.ceil(8.7 * sigma) + 1;
}

/** Periodised 1D Gaussian density of standard deviation σ centred at c, at t. */
export function periodicGaussian1d(t: number, c: number, sigma: number): number {
  const u = t - c - Math.round(t - c);
  const M = bumpImages(sigma);
  let s = 0;
  for (let m = -M; m <= M; m++) {
    const z = (u + m) / sigma;
    s += Math.exp(-0.5 * z * z);
  }
  return (s * INV_SQRT_2PI) / sigma;
}

/** Share of bump weight going to sign `sign` (+1 or −1). */
export function bumpShare(b: Bump, sign: 1 | -1): number {
  return b.s === 0 ? 0.5 : b.s === sign ? 1 : 0;
}

/** background + Σ w: the normalising constant of a `bumps` density. */
export function bumpsTotal(spec: { background: number; bumps: Bump[] }): number {
  let z = spec.background;
  for (const b of spec.bumps) z += b.w;
  return z;
}

/** The sign-polarised profile of `stripes`, normalised to peak 1. */
export function stripeProfile(beta: number, m: number, x: number): number {
  return Math.tanh(beta * Math.sin(TWO_PI * m * x)) / Math.tanh(beta);
}

/** S = Σ (v+ + v−) of a painted grid (its normalising sum). */
export function gridTotal(g: GridDensity): number {
  let z = 0;
  for (let c = 0; c < g.plus.length; c++) z += g.plus[c] + g.minus[c];
  return z;
}

/** The cell of a painted grid that holds the torus point (x, y). */
export function gridCell(G: number, x: number, y: number): number {
  const a = Math.min(G - 1, Math.floor((x - Math.floor(x)) * G));
  const b = Math.min(G - 1, Math.floor((y - Math.floor(y)) * G));
  return b * G + a;
}

/** ρ_sign(x, y) for sign = +1 or −1. */
export function rho(spec: DensitySpec, sign: 1 | -1, x: number, y: number): number {
  switch (spec.kind) {
    case 'uniform':
      return 0.5;
    // clamped: with |a| = 1 round-off must not produce −1e-17
    case 'sine':
      return Math.max(0, 0.5 * (1 + sign * spec.a * Math.sin(TWO_PI * (spec.p * x + spec.q * y))));
    case 'stripes':
      return Math.max(0, 0.5 * (1 + sign * spec.a * stripeProfile(spec.beta, spec.m, x)));
    case 'bumps': {
      let v = spec.background / 2;
      for (const b of spec.bumps) {
        const f = bumpShare(b, sign);
        if (f === 0 || b.w === 0) continue;
        v += f * b.w * periodicGaussian1d(x, b.x, b.sigma) * periodicGaussian1d(y, b.y, b.sigma);
      }
      return v / bumpsTotal(spec);
    }
    case 'grid': {
      const c = gridCell(spec.G, x, y);
      return ((sign === 1 ? spec.plus[c] : spec.minus[c]) * spec.G * spec.G) / gridTotal(spec);
    }
  }
}

export function rhoPlus(spec: DensitySpec, x: number, y: number): number {
  return rho(spec, 1, x, y);
}

export function rhoMinus(spec: DensitySpec, x: number, y: number): number {
  return rho(spec, -1, x, y);
}

/** Masses m± = ∫ρ± (m+ + m− = 1). */
export function densityMasses(spec: DensitySpec): { plus: number; minus: number } {
  if (spec.kind === 'grid') {
    let plus = 0;
    for (const v of spec.plus) plus += v;
    const z = gridTotal(spec);
    return { plus: plus / z, minus: 1 - plus / z };
  }
  if (spec.kind !== 'bumps') return { plus: 0.5, minus: 0.5 };
  let plus = spec.background / 2;
  let minus = spec.background / 2;
  for (const b of spec.bumps) {
    plus += bumpShare(b, 1) * b.w;
    minus += bumpShare(b, -1) * b.w;
  }
  const z = bumpsTotal(spec);
  return { plus: plus / z, minus: minus / z };
}

/**
 * An upper bound of ρ_sign, for rejection sampling and for the dipole spacing estimate. Exact for
 * uniform/sine/stripes; for bumps the sum of the peak values (an over-estimate when bumps overlap
 * only in their tails).
 */
export function rhoBound(spec: DensitySpec, sign: 1 | -1): number {
  switch (spec.kind) {
    case 'uniform':
      return 0.5;
    case 'sine':
    case 'stripes':
      return 0.5 * (1 + Math.abs(spec.a));
    case 'bumps': {
      let v = spec.background / 2;
      for (const b of spec.bumps) {
        const peak = periodicGaussian1d(b.x, b.x, b.sigma);
        v += bumpShare(b, sign) * b.w * peak * peak;
      }
      return v / bumpsTotal(spec);
    }
    case 'grid': {
      let top = 0;
      for (const v of sign === 1 ? spec.plus : spec.minus) top = Math.max(top, v);
      return (top * spec.G * spec.G) / gridTotal(spec);
    }
  }
}

/**
 * The neutral density ρ◦ = ½(ρ+ + ρ−) assigned to both signs (the dipole construction needs
 * ρ+ = ρ−, MATH §7). Returned as a spec of an existing kind: the sign-polarised kinds become
 * uniform, bumps lose their polarity, a painted grid gets ½(v+ + v−) in both.
 */
export function neutralise(spec: DensitySpec): DensitySpec {
  if (spec.kind === 'grid') {
    const both = spec.plus.map((v, c) => 0.5 * (v + spec.minus[c]));
    return { kind: 'grid', G: spec.G, plus: both, minus: [...both] };
  }
  if (spec.kind !== 'bumps') return { kind: 'uniform' };
  return { kind: 'bumps', background: spec.background, bumps: spec.bumps.map((b) => ({ ...b, s: 0 })) };
}
