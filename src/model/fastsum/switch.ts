/**
 * A smooth switch χ(r): 0 for r ≤ r₁, 1 for r ≥ r₂, in between the integral of an "exponential of
 * semicircle" bump, χ(r) = ∫₋₁^z e^{β(√(1−t²)−1)} dt / ∫₋₁¹ (…), z = (2r − r₁ − r₂)/(r₂ − r₁).
 * Its derivative is the ES bump, whose Fourier transform is essentially supported in
 * |κ| ≤ β/(π(r₂ − r₁)) and below e^{−β} beyond: the best compact switch for a given band.
 */
export class EsSwitch {
  readonly r1: number;
  readonly r2: number;
  readonly beta: number;
  private readonly total: number;
  private readonly gx: Float64Array;
  private readonly gw: Float64Array;

  constructor(r1: number, r2: number, beta: number) {
    this.r1 = r1;
    this.r2 = r2;
    this.beta = beta;
    // Gauss–Legendre on [0, 1] (40 nodes), used on θ ∈ [0, θ(z)] with t = −cos θ: smooth integrand.
    const n = 40;
    this.gx = new Float64Array(n);
    this.gw = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
      let dp = 0;
      for (let it = 0; it < 100; it++) {
        let p0 = 1;
        let p1 = z;
        for (let k = 2; k <= n; k++) {
          const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
          p0 = p1;
          p1 = p2;
        }
        dp = (n * (z * p1 - p0)) / (z * z - 1);
        const dz = p1 / dp;
        z -= dz;
        if (Math.abs(dz) < 1e-16) break;
      }
      this.gx[i] = 0.5 * (z + 1);
      this.gw[i] = 1 / ((1 - z * z) * dp * dp);
    }
    this.total = this.integral(Math.PI);
  }

  /** ∫₀^θ e^{β(sin t − 1)} sin t dt. */
  private integral(theta: number): number {
    let s = 0;
    for (let i = 0; i < this.gx.length; i++) {
      const t = theta * this.gx[i];
      const st = Math.sin(t);
      s += this.gw[i] * Math.exp(this.beta * (st - 1)) * st;
    }
    return s * theta;
  }

  value(r: number): number {
    if (r <= this.r1) return 0;
    if (r >= this.r2) return 1;
    const z = (2 * r - this.r1 - this.r2) / (this.r2 - this.r1);
    return this.integral(Math.acos(-z)) / this.total;
  }

  /** dχ/dr. */
  derivative(r: number): number {
    if (r <= this.r1 || r >= this.r2) return 0;
    const z = (2 * r - this.r1 - this.r2) / (this.r2 - this.r1);
    return ((2 / (this.r2 - this.r1)) * Math.exp(this.beta * (Math.sqrt(1 - z * z) - 1))) / this.total;
  }
}
