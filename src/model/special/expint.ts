/**
 * Exponential integral E₁(x) = ∫ₓ^∞ e^{−t}/t dt for x > 0, and the entire function
 * Ein(x) = Σ_{k≥1} (−1)^{k+1} x^k/(k·k!) = E₁(x) + γ + ln x, to ~1e-15 relative.
 * Power series below x = 1, modified Lentz continued fraction above (Numerical Recipes §6.3).
 */
export const EULER_GAMMA = 0.5772156649015329;

export function ein(x: number): number {
  if (x > 1) return expint1(x) + EULER_GAMMA + Math.log(x);
  let term = 1;
  let sum = 0;
  for (let k = 1; k < 60; k++) {
    term *= -x / k; // (−x)^k / k!
    const add = -term / k;
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

export function expint1(x: number): number {
  if (!(x > 0)) return x === 0 ? Number.POSITIVE_INFINITY : Number.NaN;
  if (x <= 1) return ein(x) - EULER_GAMMA - Math.log(x);
  if (x > 740) return 0;
  const tiny = 1e-300;
  let b = x + 1;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 200; i++) {
    const an = -i * i;
    b += 2;
    d = 1 / (an * d + b);
    c = b + an / c;
    const del = c * d;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h * Math.exp(-x);
}
