import { gaussLegendre } from '../kernels/gaussLegendre';
import type { Geometry } from '../types';
import type { Profile } from './profiles';
import { buildTable, type PiecewiseTable, tableValue } from './table';

/**
 * A compactly supported screening charge ρ_T for the near/far split: the far field is V₀ ∗ ρ_T
 * (multiplier V̂·m_T), the near field P_δ − P_T with P_T = (−log) ∗ ρ_T. Outside its support
 * r ≤ r_s a radial charge of unit mass has the potential −log r exactly (Newton), and the slip
 * kernel's anisotropic part depends on one more number, the second moment M₂ = ∫|x|²ρ: with M₂
 * equal to the core's (2δ² for the gaussian core, 0 against the bare kernel) P_T = P_δ beyond
 * r_s up to the core's own tail, so the near part is compact without any switch.
 *
 * Shape (ξ = r/r_s, u = √(1 − ξ²)): φ = u^p·e^{β(u−1)}, the "exponential of semicircle" of
 * FINUFFT (Barnett et al. 2019) in two dimensions; ρ_T = (φ + cΔφ)/Z, the Laplacian term
 * setting M₂ (p = 2 keeps φ' bounded at the edge so that it adds no surface layer). Its
 * transform falls below ε beyond κ = |k|·r_s ≈ 4.2 (isotropic, p = 0) or 4.8 (slip, p = 2) at
 * ε = 1e-10, against κ ≈ 7.3 for a gaussian screen cut where its tail is ε: for a given grid the
 * near radius is ~0.6× and the near pairs ~0.35–0.45× those of the classical Ewald split.
 */
export interface ScreenShape {
  readonly beta: number;
  readonly p: number;
  /** κ beyond which |m̃(κ)| ≤ ε (with the largest Laplacian term used, c = −M̃₂(φ)/4). */
  readonly edge: number;
  /** φ̂(κ) as a function of κ² on [0, (1.5·edge)²] (beyond: the tail, below ε). */
  readonly hat: PiecewiseTable;
  /** ∫φ and M₂(φ)/∫φ at unit radius. */
  readonly mass: number;
  readonly m2: number;
}

const GL = gaussLegendre(48);

function phi(shape: { beta: number; p: number }, xi: number): number {
  const u2 = 1 - xi * xi;
  if (!(u2 > 0)) return 0;
  const u = Math.sqrt(u2);
  return (shape.p === 2 ? u2 : 1) * Math.exp(shape.beta * (u - 1));
}

/** dφ/dξ (bounded for p = 2; not needed for p = 0, where there is no Laplacian term). */
function dphi(shape: { beta: number; p: number }, xi: number): number {
  const u2 = 1 - xi * xi;
  if (!(u2 > 0)) return xi === 1 && shape.p === 2 ? -2 * Math.exp(-shape.beta) : 0;
  const u = Math.sqrt(u2);
  const e = Math.exp(shape.beta * (u - 1));
  // φ = u^p e^{β(u−1)}, du/dξ = −ξ/u
  return shape.p === 2 ? -xi * (2 + shape.beta * u) * e : (-xi * shape.beta * e) / u;
}

/** ∫₀^ξ s^m φ(s) ds by Gauss–Legendre (φ analytic inside; its edge branch is ~e^{−β}). */
function moment(shape: { beta: number; p: number }, m: number, xi: number): number {
  let s = 0;
  for (let i = 0; i < GL.nodes.length; i++) {
    const t = 0.5 * xi * (1 + GL.nodes[i]);
    s += GL.weights[i] * t ** m * phi(shape, t);
  }
  return 0.5 * xi * s;
}

const GL8 = gaussLegendre(8);

/**
 * ∫₀^ξ sφ ds and ∫₀^ξ s³φ ds as ½∫₀^w g and ½∫₀^w v·g, g(v) = φ(√v), w = ξ², on intervals of
 * width 1/intervals: the integrals over whole intervals once (8-point Gauss–Legendre each), then
 * any w by the partial integral over its own interval. g is analytic up to its √(1 − v) branch
 * at v = 1, damped by e^{−β}: ~1e-16 like the 48-point rule over [0, ξ] it replaces, at ~1/10
 * of the evaluations of φ over a table.
 */
class CumulativeMoments {
  private readonly c1: Float64Array;
  private readonly c3: Float64Array;
  private readonly part = new Float64Array(2);

  constructor(
    private readonly shape: { beta: number; p: number },
    private readonly intervals: number,
  ) {
    this.c1 = new Float64Array(intervals + 1);
    this.c3 = new Float64Array(intervals + 1);
    for (let k = 0; k < intervals; k++) {
      this.over(k / intervals, (k + 1) / intervals);
      this.c1[k + 1] = this.c1[k] + this.part[0];
      this.c3[k + 1] = this.c3[k] + this.part[1];
    }
  }

  private over(lo: number, hi: number): void {
    const mid = 0.5 * (lo + hi);
    const half = 0.5 * (hi - lo);
    const { beta, p } = this.shape;
    let s1 = 0;
    let s3 = 0;
    for (let i = 0; i < GL8.nodes.length; i++) {
      const v = mid + half * GL8.nodes[i];
      const u2 = 1 - v;
      const u = Math.sqrt(u2);
      const f = GL8.weights[i] * (p === 2 ? u2 : 1) * Math.exp(beta * (u - 1));
      s1 += f;
      s3 += f * v;
    }
    this.part[0] = 0.5 * half * s1;
    this.part[1] = 0.5 * half * s3;
  }

  /** [∫₀^ξ sφ, ∫₀^ξ s³φ] at w = ξ² ∈ [0, 1] into out. */
  at(w: number, out: Float64Array): void {
    const k = Math.min(this.intervals - 1, Math.floor(w * this.intervals));
    this.over(k / this.intervals, w);
    out[0] = this.c1[k] + this.part[0];
    out[1] = this.c3[k] + this.part[1];
  }
}

const RADIAL_INTERVALS = 256;

/**
 * The radial tables of CompactScreen (see radialTables) are linear in the Laplacian weight c:
 * ρ = (φ + cΔφ)/Z gives Q = (2π/Z)(∫₀^ξ sφ + c·ξφ'), 2π∫₀^ξ s³ρ = (2π/Z)(∫₀^ξ s³φ + c(ξ³φ' −
 * 2ξ²φ + 4∫₀^ξ sφ)) (∫₀^ξ 2πsΔφ = 2πξφ', ∫₀^ξ 2πs³Δφ = 2π(ξ³φ' − 2ξ²φ + 4∫₀^ξ sφ)), and
 * ∫_ξ^1 Q/t linear in Q. So each shape gets the tables of its c = 0 part and of its c part
 * once, and each c (the slip plan has one per grid size) is their combination.
 */
function radialBase(shape: { beta: number; p: number }, part: 0 | 1): PiecewiseTable {
  const N = RADIAL_INTERVALS;
  const moments = new CumulativeMoments(shape, N);
  const m = new Float64Array(2);
  const charge = buildTable(1, N, 2, (w, out) => {
    moments.at(w, m);
    if (part === 0) {
      out[0] = 2 * Math.PI * m[0];
      out[1] = 2 * Math.PI * m[1];
      return;
    }
    const xi = Math.sqrt(w);
    const f = phi(shape, xi);
    const df = dphi(shape, xi);
    out[0] = 2 * Math.PI * xi * df;
    out[1] = 2 * Math.PI * (xi * xi * xi * df - 2 * xi * xi * f + 4 * m[0]);
  });
  // ∫_ξ^1 Q(t)/t dt = ½∫_w^1 Q(v)/v dv: whole intervals from the top once, then the partial one
  // (8-point Gauss–Legendre on the table's Q, a polynomial on each interval, over 1/v)
  const half = (lo: number, hi: number) => {
    const mid = 0.5 * (lo + hi);
    const hw = 0.5 * (hi - lo);
    let g = 0;
    for (let i = 0; i < GL8.nodes.length; i++) {
      const v = mid + hw * GL8.nodes[i];
      g += GL8.weights[i] * (tableValue(charge, 0, v) / v);
    }
    return 0.5 * hw * g;
  };
  const above = new Float64Array(N + 1);
  for (let k = N - 1; k >= 0; k--) above[k] = above[k + 1] + half(k / N, (k + 1) / N);
  return buildTable(1, N, 3, (w, out) => {
    out[0] = tableValue(charge, 0, w);
    out[1] = tableValue(charge, 1, w);
    const k = Math.min(N - 1, Math.floor(w * N));
    out[2] = above[k + 1] + half(w, (k + 1) / N);
  });
}

const radialBases = new WeakMap<object, PiecewiseTable[]>();

/** (base₀ + c·base₁)/Z, coefficient by coefficient (the c part only for the slip shape). */
function radialTablesFor(shape: ScreenShape, c: number, z: number): PiecewiseTable {
  let bases = radialBases.get(shape);
  if (!bases) {
    bases = shape.p === 2 ? [radialBase(shape, 0), radialBase(shape, 1)] : [radialBase(shape, 0)];
    radialBases.set(shape, bases);
  }
  const b0 = bases[0].coef;
  const coef = new Float64Array(b0.length);
  if (c === 0) for (let i = 0; i < coef.length; i++) coef[i] = b0[i] / z;
  else {
    const b1 = bases[1].coef;
    for (let i = 0; i < coef.length; i++) coef[i] = (b0[i] + c * b1[i]) / z;
  }
  return { ...bases[0], coef };
}

/**
 * φ̂(κ) = ∫_{R²} φ e^{−2πiκ·x}, by the Fourier slice theorem as the 1-D transform of the
 * projection of φ, in angles (x = sin ψ, y = cos ψ sin θ) where everything is analytic.
 */
class SliceTransform {
  private readonly s: Float64Array;
  private readonly w: Float64Array;

  constructor(shape: { beta: number; p: number }, nodes = 600) {
    const gp = gaussLegendre(nodes);
    const gt = gaussLegendre(48);
    this.s = new Float64Array(nodes);
    this.w = new Float64Array(nodes);
    const h = Math.PI / 4;
    for (let i = 0; i < nodes; i++) {
      const psi = h * (1 + gp.nodes[i]);
      const c = Math.cos(psi);
      let proj = 0; // ∫ φ dy over the chord at x = sin ψ, over y = cos ψ sin θ
      for (let j = 0; j < gt.nodes.length; j++) {
        const th = h * (1 + gt.nodes[j]);
        const u = c * Math.cos(th);
        const f = (shape.p === 2 ? u * u : 1) * Math.exp(shape.beta * (u - 1));
        proj += h * gt.weights[j] * f * u;
      }
      this.s[i] = Math.sin(psi);
      this.w[i] = 4 * h * gp.weights[i] * proj * c;
    }
  }

  at(kappa: number): number {
    let v = 0;
    const a = 2 * Math.PI * kappa;
    for (let i = 0; i < this.s.length; i++) v += this.w[i] * Math.cos(a * this.s[i]);
    return v;
  }

  /**
   * The band edge of each transform (all built with the same node count, so the same nodes s):
   * scanning κ = top, top − step, … (the same accumulated κ values as a loop `κ -= step`), the
   * first κ where |at(κ)·factor_b(κ)/z_b| > ε, plus step (0: none above 0). In blocks of BLOCK
   * values of κ, node by node: the cosines are shared by all transforms and come from rotating
   * each node's phase by its fixed increment (exact at the block's first κ, drift ~1e-14
   * relative); every sample within 1% of ε is recomputed with `at`, so the decisions and the
   * edges are those of evaluating `at` everywhere, at a small fraction of its cost.
   */
  static edges(
    fts: SliceTransform[],
    top: number,
    step: number,
    eps: number,
    factors: ((kappa: number) => number)[],
    zs: number[],
  ): number[] {
    const BLOCK = 64;
    const nb = fts.length;
    const s = fts[0].s;
    const kappas = new Float64Array(BLOCK);
    const v = new Float64Array(nb * BLOCK);
    const wi = new Float64Array(nb);
    const edges = new Array<number>(nb).fill(0);
    const open = new Array<boolean>(nb).fill(true);
    let left = nb;
    const d = 2 * Math.PI * step;
    let kappa = top;
    while (kappa > 0 && left > 0) {
      let count = 0;
      for (; count < BLOCK && kappa > 0; count++, kappa -= step) kappas[count] = kappa;
      v.fill(0);
      const a = 2 * Math.PI * kappas[0];
      for (let i = 0; i < s.length; i++) {
        for (let b = 0; b < nb; b++) wi[b] = open[b] ? fts[b].w[i] : 0;
        const cr = Math.cos(d * s[i]);
        const sr = Math.sin(d * s[i]);
        let c = Math.cos(a * s[i]);
        let sn = Math.sin(a * s[i]);
        for (let j = 0; j < count; j++) {
          for (let b = 0, o = j; b < nb; b++, o += BLOCK) v[o] += wi[b] * c;
          // the phase of the next κ: a·s − d·s
          const cj = c;
          c = cj * cr + sn * sr;
          sn = sn * cr - cj * sr;
        }
      }
      for (let b = 0; b < nb; b++) {
        if (!open[b]) continue;
        for (let j = 0; j < count; j++) {
          const f = factors[b](kappas[j]);
          let m = Math.abs((v[b * BLOCK + j] * f) / zs[b]);
          if (m > 0.99 * eps && m < 1.01 * eps) m = Math.abs((fts[b].at(kappas[j]) * f) / zs[b]);
          if (m > eps) {
            edges[b] = kappas[j] + step;
            open[b] = false;
            left--;
            break;
          }
        }
      }
    }
    return edges;
  }
}

/**
 * The β with the smallest band edge among ln(1/ε) + 1 … + 8 and that edge (scanned down from
 * κ = 40 in steps of 0.02 with the sidelobes of every β checked).
 */
function scanShapes(p: number, eps: number): { beta: number; edge: number } {
  const L = Math.log(1 / eps);
  const betas: number[] = [];
  for (let beta = Math.round(L) + 1; beta <= Math.round(L) + 8; beta++) betas.push(beta);
  const fts = betas.map((beta) => new SliceTransform({ beta, p }));
  const zs = fts.map((ft) => ft.at(0));
  // the largest Laplacian term any target M₂ ≥ 0 up to 2M̃₂(φ) needs: c = −M̃₂(φ)/4
  const cs = betas.map((beta, b) => (p === 2 ? -(2 * Math.PI * moment({ beta, p }, 3, 1)) / zs[b] / 4 : 0));
  const factors = cs.map((c) => (kappa: number) => 1 - 4 * Math.PI * Math.PI * c * kappa * kappa);
  const edges = SliceTransform.edges(fts, 40, 0.02, eps, factors, zs);
  let best: { beta: number; edge: number } | null = null;
  for (let b = 0; b < betas.length; b++)
    if (!best || edges[b] < best.edge) best = { beta: betas[b], edge: edges[b] };
  return best!;
}

/**
 * scanShapes' answer at the default tolerance, by `${p}/${ε}` (edges are the scan's accumulated
 * κ values, to the bit): the scan of 8 transforms costs ~60 ms of a cold start, the app's and
 * the CLI's first plan. tests/unit/fastsum.screen.test.ts rescans and compares.
 */
export const KNOWN_SHAPES: Record<string, { beta: number; edge: number }> = {
  '0/1e-10': { beta: 26, edge: 4.2999999999993435 },
  '2/1e-10': { beta: 30, edge: 5.179999999999325 },
};

/** scanShapes without KNOWN_SHAPES (for the test that checks them). */
export function scannedShape(geometry: Geometry, eps: number): { beta: number; edge: number } {
  return scanShapes(geometry === 'slip' ? 2 : 0, eps);
}

const shapes = new Map<string, ScreenShape>();
/** CompactScreen's radial tables by shape and Laplacian weight c (a few entries per shape). */
const radialCache = new WeakMap<ScreenShape, Map<number, PiecewiseTable>>();

/**
 * The shape with the smallest band edge for tolerance ε (β scanned near ln(1/ε)), cached.
 * The edge is found on κ ≤ 40, beyond which the sidelobes (~e^{−β}κ^{−3/2}) stay below ε.
 */
export function screenShape(geometry: Geometry, eps: number): ScreenShape {
  const p = geometry === 'slip' ? 2 : 0;
  const key = `${p}/${eps}`;
  const cached = shapes.get(key);
  if (cached) return cached;
  const { beta, edge } = KNOWN_SHAPES[key] ?? scanShapes(p, eps);
  const shape = { beta, p };
  // the table needs κ ≤ 1.5·edge < 10 only: 96 nodes agree with the scan's 600 to 3e-15·φ̂(0),
  // the rounding of either sum (64 already do), at 1/6 of the cost and without GL(600)
  const ft = new SliceTransform(shape, 96);
  const kappa2 = (1.5 * edge) ** 2;
  const mass = 2 * Math.PI * moment(shape, 1, 1);
  const done: ScreenShape = {
    beta,
    p,
    edge,
    hat: buildTable(kappa2, 256, 1, (k2, out) => {
      out[0] = ft.at(Math.sqrt(k2));
    }),
    mass,
    m2: (2 * Math.PI * moment(shape, 3, 1)) / mass,
  };
  shapes.set(key, done);
  return done;
}

/** One screen: a shape at radius r_s with second moment M₂ (physical units). */
export class CompactScreen {
  readonly rs: number;
  readonly secondMoment: number;
  private readonly shape: ScreenShape;
  /** Laplacian weight c (unit radius) and the normalisation Z = ∫φ. */
  private readonly c: number;
  private readonly z: number;
  private profiles: PiecewiseTable | null = null;

  /** secondMoment is honoured for the slip shape (p = 2); the isotropic one keeps its own. */
  constructor(shape: ScreenShape, rs: number, secondMoment: number) {
    this.shape = shape;
    this.rs = rs;
    this.z = shape.mass;
    this.c = shape.p === 2 ? (secondMoment / (rs * rs) - shape.m2) / 4 : 0;
    this.secondMoment = shape.p === 2 ? secondMoment : shape.m2 * rs * rs;
  }

  /** m_T(k) as a function of |k|² (1 at k = 0; 0 beyond the tabulated range, where |m_T| ≤ ε). */
  multiplier(kSquared: number): number {
    const k2 = kSquared * this.rs * this.rs;
    const hat = this.shape.hat;
    if (k2 >= hat.qMax) return 0;
    return (tableValue(hat, 0, k2) * (1 - 4 * Math.PI * Math.PI * this.c * k2)) / this.z;
  }

  /**
   * Tables in w = ξ² of [Q, 2π∫₀^ξ s³ρ, ∫_ξ^1 Q(t)/t dt]: the radial functions of P_T. They are
   * in the unit radius, so depend on (shape, c) only: shared by every screen with those (the
   * plan tries one screen radius per grid size, all with c = 0 for the isotropic shape).
   */
  private radialTables(): PiecewiseTable {
    let byC = radialCache.get(this.shape);
    if (!byC) {
      byC = new Map();
      radialCache.set(this.shape, byC);
    }
    let tables = byC.get(this.c);
    if (!tables) {
      if (byC.size >= 64) byC.clear(); // slip: c varies with δ, keep a long session's cache bounded
      tables = radialTablesFor(this.shape, this.c, this.z);
      byC.set(this.c, tables);
    }
    return tables;
  }

  /**
   * P_T in profile form (profiles.ts) at q = r²: with Q(ξ) the charge within ξ = r/r_s,
   * Φ' = −Q/r, Φ = −log r_s + ∫_ξ^1 Q/t dt, B = Q − 2π∫₀^ξ s³ρ ds/ξ² (B = 1 − M₂/q beyond),
   * dB/dq = (Q − B)/q.
   */
  profile(geometry: Geometry): (q: number, out: Profile) => void {
    const rs = this.rs;
    const slip = geometry === 'slip';
    const m2 = this.secondMoment;
    this.profiles ??= this.radialTables();
    const t = this.profiles;
    const rho0 = this.centralDensity();
    return (q, out) => {
      const w = q / (rs * rs);
      if (w >= 1) {
        out.f = (slip ? 0.5 : 0) - 0.5 * Math.log(q);
        out.a = -1 / q;
        out.beta = slip ? (1 - m2 / q) / (2 * q) : 0;
        out.c = 2 * out.beta;
        out.b = slip ? ((2 * m2) / q - 1) / (q * q) : 0;
        return;
      }
      const Q = tableValue(t, 0, w);
      out.f = (slip ? 0.5 : 0) - Math.log(rs) + tableValue(t, 2, w);
      out.a = q > 0 ? -Q / q : -rho0;
      if (!slip) {
        out.beta = 0;
        out.b = 0;
        out.c = 0;
        return;
      }
      if (q === 0) {
        // B/q → πρ(0)/2 = −a/2; b multiplies u = 0 here
        out.c = -out.a / 2;
        out.beta = out.c / 2;
        out.b = 0;
        return;
      }
      const B = Q - tableValue(t, 1, w) / w;
      out.beta = B / (2 * q);
      out.c = B / q;
      out.b = (Q - 2 * B) / (q * q);
    };
  }

  /** lim Q/q at q = 0, i.e. πρ_T(0). */
  private centralDensity(): number {
    // ρ(0) = (φ(0) + cΔφ(0))/Z; Δφ(0) = 2φ''(0) = −2(β + p)e^0 for φ = u^p e^{β(u−1)}
    const { beta, p } = this.shape;
    const lap = -2 * (beta + p);
    return (Math.PI * (1 + this.c * lap)) / (this.z * this.rs * this.rs);
  }
}
