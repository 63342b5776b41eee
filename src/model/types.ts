/** Shared vocabulary of the model layer (MATH §1–4). Pure data, no behaviour. */

export type Geometry = 'isotropic' | 'slip';
export type CoreModel = 'gaussian' | 'plummer' | 'poisson' | 'ring';

export const GEOMETRIES: readonly Geometry[] = ['isotropic', 'slip'];
/**
 * Every core (scenarios, links, particle engines, fast sum, PDE). The last, ring, is outside the
 * paper's assumption (V1): its multiplier changes sign (kernels/cores/ring.ts).
 */
export const CORE_MODELS: readonly CoreModel[] = ['gaussian', 'plummer', 'poisson', 'ring'];
/** Cores within the paper's assumptions (V1)–(V4): positive multipliers. */
export const PAPER_CORE_MODELS: readonly CoreModel[] = ['gaussian', 'plummer', 'poisson'];

/** One term a·cos(2π(p·x₁ + q·x₂) − φ) of the external potential U (MATH §4); p, q integers. */
export interface CosMode {
  a: number;
  p: number;
  q: number;
  phi: number;
}

/** External potential U as cosine modes plus a constant applied force F (enters as +b·F). */
export interface ExternalField {
  modes: CosMode[];
  force: [number, number];
}

/** The pair interaction: V_δ of MATH §2 is fixed by these three. */
export interface InteractionSpec {
  geometry: Geometry;
  core: CoreModel;
  delta: number;
}

/**
 * A particle configuration in the hot-path layout: positions interleaved
 * [x₀, y₀, x₁, y₁, …] (length 2n) and signs b_i ∈ {+1, −1} (length n).
 */
export interface Configuration {
  pos: Float64Array;
  signs: Int8Array;
}

export const NO_FIELD: ExternalField = { modes: [], force: [0, 0] };
