/**
 * The slope limiter of the MUSCL face values ρ^{E,W}_i = ρ_i ± ½σ_i: the generalised minmod
 * σ_i = minmod(θΔ₊, Δ₀, θΔ₋), θ ∈ [1, 2] (θ = 1 plain minmod, θ = 2 monotonised central). Face values
 * stay ≥ 0 for every θ ≤ 2 (|½σ| ≤ ρ_i when ρ ≥ 0), which is what lets a forward-Euler stage keep
 * ρ ≥ 0 under the CFL rule. The stage kernels only ever use ½σ, so that is what is returned.
 */

/**
 * ½σ from the differences a, b on either side of a cell (either order: the limiter is symmetric),
 * given hth = θ/2: ½·minmod(θa, (a + b)/2, θb), i.e. the smallest of the three if all are positive,
 * the largest if all are negative, else 0. Scaling by ½ is exact in binary, so this equals ½·(the
 * limiter written with θ) bit for bit. Every arithmetic operation and comparison runs on every call
 * and only the results are selected (see stageRows.ts for why). Small enough for V8 to inline.
 */
export function halfSlope(hth: number, a: number, b: number): number {
  const ta = hth * a;
  const tb = hth * b;
  const q = 0.25 * (a + b);
  const aFirst = ta < tb;
  const lo = aFirst ? ta : tb;
  const hi = aFirst ? tb : ta;
  const qLow = q < lo;
  const qHigh = q > hi;
  const mn = qLow ? q : lo;
  const mx = qHigh ? q : hi;
  const pos = mn > 0;
  const neg = mx < 0;
  return pos ? mn : neg ? mx : 0;
}
