/**
 * The columns of a study row and what each number is. Distances and changes are H^{−2} norms
 * (MATH §8: Σ over |k|∞ ≤ 32 of (1 + 4π²|k|²)^{−2}|·̂_k|², square-rooted — norms, not squares).
 * docs/study.md is checked to describe every field listed here.
 */

import type { Wavevector } from '../diagnostics/runMeasures';
import { fail, quote } from '../scenario/read';
import { modeStem } from './measures';

export interface FieldInfo {
  name: string;
  /** What the number is, in one line. */
  what: string;
  /** Only runs with a PDE have it. */
  pde?: boolean;
  /** Written unless --fields says otherwise. */
  default: boolean;
}

const F = (name: string, what: string, dflt: boolean, pde = false): FieldInfo => ({
  name,
  what,
  default: dflt,
  pde,
});

/** The measure columns, in their column order (the axes, `run` and `status` come first). */
export const MEASURE_FIELDS: readonly FieldInfo[] = [
  F('n', 'number of particles (both signs)', true),
  F('delta', 'the particles’ core radius δ, its rule evaluated at n', true),
  F('T', 'final time', true),
  F('d_plus', '‖μ+(T) − ρ+(T)‖ in H^{−2}: particles against the PDE', true, true),
  F('d_minus', '‖μ−(T) − ρ−(T)‖ in H^{−2}', true, true),
  F('d0_plus', '‖μ+(0) − ρ+(0)‖ in H^{−2}: the sampling error at the start', false, true),
  F('d0_minus', '‖μ−(0) − ρ−(0)‖ in H^{−2}', false, true),
  F(
    'pde_moved',
    'the PDE’s own change max± ‖ρ±(T) − ρ±(0)‖ in H^{−2}: the scale on which d± is "O(1)"',
    true,
    true,
  ),
  F('pde_moved_plus', '‖ρ+(T) − ρ+(0)‖ in H^{−2}', false, true),
  F('pde_moved_minus', '‖ρ−(T) − ρ−(0)‖ in H^{−2}', false, true),
  F('particles_moved', 'the particles’ own change max± ‖μ±(T) − μ±(0)‖ in H^{−2}', true),
  F('particles_moved_plus', '‖μ+(T) − μ+(0)‖ in H^{−2}', false),
  F('particles_moved_minus', '‖μ−(T) − μ−(0)‖ in H^{−2}', false),
  F(
    'bound_fraction',
    'share of particles whose nearest opposite-sign particle is closer than n^{−1/2}/10 at T (δ-independent; i.i.d. uniform data: ≈ 1.6 %)',
    true,
  ),
  F(
    'bound_fraction_delta',
    'share of particles with an opposite-sign partner closer than 3δ at T (δ-relative)',
    true,
  ),
  F('bound_fraction_0', 'bound_fraction at t = 0', false),
  F('bound_fraction_delta_0', 'bound_fraction_delta at t = 0', false),
  F(
    'median_nearest_opposite',
    'median distance to the nearest opposite-sign particle at T (√2/2 if a sign is absent)',
    true,
  ),
  F('energy_particles', 'E_n at T (MATH §3)', true),
  F('energy_particles_0', 'E_n at t = 0', false),
  F('energy_pde', 'continuum energy E_δ(ρ(T)) (MATH §5), discrete form', true, true),
  F('energy_pde_0', 'E_δ(ρ(0))', false, true),
  F('max_displacement', 'largest |x_i(T) − x_i(0)| (unwrapped: on the plane, not modulo the torus)', true),
  F('median_displacement', 'median |x_i(T) − x_i(0)| (unwrapped)', true),
  F('steps', 'accepted steps of the particle integrator', true),
  F('rejected', 'rejected step attempts of the particle integrator', true),
  F('pde_steps', 'accepted PDE steps', true, true),
  F('pde_rejected', 'rejected PDE step attempts', false, true),
  F('pde_delta', 'the PDE’s δ (a number, or limit)', false, true),
  F('grid', 'the PDE grid N (N² cells)', false, true),
  F('lambda', 'λ_δ = ‖D²V_δ‖∞ (MATH §2)', false),
  F('log10_criterion', 'log₁₀ of exp(3λ_δT)·n^{−1/2} (MATH §6)', false),
  F(
    'regime',
    'which side of the regime map’s lines (n, δ, T) is on: convergent, non-convergent or open',
    false,
  ),
  F('wall_s', 'wall-clock seconds of the run (with its measures); not reproducible', true),
  F('link', 'the run’s share link: opens it in the app; `run --in <link>` recomputes the row', true),
];

/** The mode columns: κ̂_k of the particles and (with a PDE) of the PDE, as re, im and |·|. */
export function modeFields(modes: readonly Wavevector[], pde: boolean): FieldInfo[] {
  const out: FieldInfo[] = [];
  for (const side of pde ? [false, true] : [false])
    for (const m of modes)
      for (const part of ['re', 'im', 'abs'] as const) {
        const who = side ? 'the PDE’s κ = ρ+ − ρ−' : 'the particles’ κ = μ+ − μ−';
        out.push(
          F(`${modeStem(m, side)}_${part}`, `${part} of κ̂_(${m[0]},${m[1]}) at T, ${who}`, true, side),
        );
      }
  return out;
}

/** Columns that are not measures: the run's index and its status. */
export const RUN_COLUMN = 'run';
export const STATUS_COLUMN = 'status';

/** Every field a study with these options can write, in column order. */
export function availableFields(pde: boolean, modes: readonly Wavevector[]): FieldInfo[] {
  const base = MEASURE_FIELDS.filter((f) => pde || !f.pde);
  const at = base.findIndex((f) => f.name === 'steps');
  return [...base.slice(0, at), ...modeFields(modes, pde), ...base.slice(at)];
}

/**
 * The measure columns chosen by `--fields` text: a comma list replaces the defaults, a list whose
 * items all start with '+' adds to them ('-name' drops a default). Unknown names are errors.
 */
export function selectFields(
  text: string | undefined,
  available: readonly FieldInfo[],
  field = 'fields',
): string[] {
  const names = available.map((f) => f.name);
  const defaults = available.filter((f) => f.default).map((f) => f.name);
  if (text === undefined) return defaults;
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) fail(field, 'is empty (name the columns, or +name to add to the defaults)');
  const relative = items.every((s) => s.startsWith('+') || s.startsWith('-'));
  const chosen = new Set(relative ? defaults : []);
  for (const item of items) {
    const name = relative ? item.slice(1) : item;
    if (!names.includes(name))
      fail(field, `unknown field ${quote(name)} (available here: ${names.join(', ')})`);
    if (relative && item.startsWith('-')) chosen.delete(name);
    else chosen.add(name);
  }
  return names.filter((n) => chosen.has(n));
}
