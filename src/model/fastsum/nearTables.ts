import { CORES, coreForms, pairConstants } from '../kernels/cores';
import type { CoreModel, Geometry } from '../types';
import type { CellGeometry } from './cells';
import type { NearConfig } from './nearField';
import { bareProfile, coreProfile, type Profile, zeroProfile } from './profiles';
import type { CompactScreen } from './screen';
import { EsSwitch } from './switch';
import { buildTable, tableFunctions } from './table';

/** The part of a plan that fixes the near field (plan.ts chooses it). */
export interface NearDesign {
  readonly split: 'ewald' | 'switched';
  /** The screening charge: the far field is V₀ ∗ ρ_T. */
  readonly screen: CompactScreen;
  /** Near cut-off radius. */
  readonly r2: number;
  /** Switched split: [r₁, r₂, β] of the switch χ. */
  readonly switchRadii?: readonly [number, number, number];
}

/**
 * T = near − P_δ in profile form (value f + βu, gradient coefficients a, b, c):
 * - ewald (gaussian core, whose own tail is negligible beyond ~7δ): T = −P_T, the screen;
 * - switched: T = −P_T − χ·(P_δ − P₀), χ the switch, whose derivative enters a and b.
 */
export function nearRemainder(
  geometry: Geometry,
  core: CoreModel,
  delta: number,
  d: NearDesign,
): (q: number, out: Profile) => void {
  const ps = d.screen.profile(geometry);
  if (d.split === 'ewald')
    return (q, out) => {
      ps(q, out);
      negate(out);
    };
  const [r1, r2, beta] = d.switchRadii!;
  const sw = new EsSwitch(r1, r2, beta);
  const pd = coreProfile(geometry, core, delta);
  const bare = bareProfile(geometry);
  const t = zeroProfile();
  const b = zeroProfile();
  return (q, out) => {
    ps(q, out);
    negate(out);
    const r = Math.sqrt(q);
    const chi = sw.value(r);
    const dchi = chi === 0 ? 0 : sw.derivative(r) / (2 * r); // dχ/dq
    if (chi === 0 && dchi === 0) return;
    // h_t = P_δ − P₀ (q > 0 here: χ vanishes near 0)
    pd(q, t);
    bare(q, b);
    const hf = t.f - b.f;
    const hbeta = t.beta - b.beta;
    out.f -= chi * hf;
    out.beta -= chi * hbeta;
    out.a -= chi * (t.a - b.a) + 2 * dchi * hf;
    out.b -= chi * (t.b - b.b) + 2 * dchi * hbeta;
    out.c -= chi * (t.c - b.c);
  };
}

/** near = P_δ + T, the whole near profile. */
export function nearProfile(
  geometry: Geometry,
  core: CoreModel,
  delta: number,
  d: NearDesign,
): (q: number, out: Profile) => void {
  const rest = nearRemainder(geometry, core, delta, d);
  const pd = coreProfile(geometry, core, delta);
  const c = zeroProfile();
  return (q, out) => {
    rest(q, out);
    pd(q, c);
    out.f += c.f;
    out.beta += c.beta;
    out.a += c.a;
    out.b += c.b;
    out.c += c.c;
  };
}

function negate(p: Profile): void {
  p.f = -p.f;
  p.beta = -p.beta;
  p.a = -p.a;
  p.b = -p.b;
  p.c = -p.c;
}

/** Largest table of the tabulated-core near field (intervals): 64 kB per function. */
const MAX_CORE_INTERVALS = 1024;

/**
 * Intervals a degree-7 table of the whole near profile (core included) needs for ~1e-14, or 0
 * when that exceeds MAX_CORE_INTERVALS and the core is evaluated per pair instead. The core
 * varies on the scale q ~ δ²: the gaussian core is entire (2 intervals per δ² suffice), the
 * algebraic cores have a singularity at q = −δ² (16 per δ²). For slip, whose three functions
 * share each interval's cache lines, half as many.
 */
export function coreTableIntervals(geometry: Geometry, core: CoreModel, delta: number, r2: number): number {
  const perD2 = CORES[core].tablePerD2;
  const needed = (perD2 * r2 * r2) / (delta * delta);
  const cap = geometry === 'slip' ? MAX_CORE_INTERVALS / 2 : MAX_CORE_INTERVALS;
  if (!(needed <= cap)) return 0;
  return Math.max(256, 64 * Math.ceil(needed / 64));
}

/** The near field's tables and constants for a design (cells from cells.ts). */
export function nearConfig(
  geometry: Geometry,
  core: CoreModel,
  delta: number,
  d: NearDesign,
  cells: CellGeometry,
): NearConfig {
  const slip = geometry === 'slip';
  const coreIntervals = coreTableIntervals(geometry, core, delta, d.r2);
  const tabulatedCore = coreIntervals > 0;
  // the tabulated function: T, or P_δ + T with the core tabulated
  const profile = (tabulatedCore ? nearProfile : nearRemainder)(geometry, core, delta, d);
  const p = zeroProfile();
  const qMax = d.r2 * d.r2 * (1 + 1e-9);
  const intervals = Math.max(coreIntervals, d.split === 'switched' ? 1024 : 512);
  // one pass over the profile for both tables (each function's fit is its own: same coefficients
  // as two builds), split into the layouts the near field reads
  const both = buildTable(qMax, intervals, slip ? 5 : 2, (q, out) => {
    profile(q, p);
    out[0] = p.a;
    if (slip) {
      out[1] = p.b;
      out[2] = p.c;
      out[3] = p.f;
      out[4] = p.beta;
    } else out[1] = p.f;
  });
  const grad = tableFunctions(both, 0, slip ? 3 : 1);
  const val = tableFunctions(both, slip ? 3 : 1, slip ? 2 : 1);
  nearProfile(geometry, core, delta, d)(0, p);
  return {
    slip,
    tabulatedCore,
    core: pairConstants(core, delta),
    forms: coreForms(core, delta),
    q2: d.r2 * d.r2,
    grad,
    val,
    selfValue: p.f,
    cells: cells.cells,
    reach: cells.reach,
  };
}
