/**
 * The two 1D presets (MATH §12) as share links, for the app's preset list and the CLI:
 * - the counterexample of Thm 4.1: n = 200 short dipoles with δ = n^{−4} (n³δ = 1/200 → 0), U = cos 2πx.
 *   γ = 0.01 keeps each dipole inside its linear core, which the stiff integrator steps over
 *   (from γ = ½ the collapse at δ ~ 1e-9 underflows its step size; Cor. 4.2 itself takes γ = 0);
 * - convergence: δ = 0.05 fixed, n = 400 at the quantiles of ρ◦, same U. The regime map calls it
 *   "open": the stability criterion δ > √(3T/log n) is far on the safe side at these n.
 * Both with the PDE alongside (the poisson core: the paper's model potential −½log(s² + δ²)), played
 * at rate 0.02 (T in 10 s of wall time, as the 2D counterexample; the default 0.2 is over in 1 s).
 */
export interface Preset1d {
  id: string;
  title: string;
  help: string;
  link: string;
}

export const PRESETS_1D: readonly Preset1d[] = [
  {
    id: 'counterexample-1d',
    title: '1D counterexample (Thm 4.1)',
    help: 'Short dipoles on the circle, δ = n⁻⁴: the particles stay put while the PDE moves; the H⁻² distance stays O(1).',
    link: 'v1&dim=1&c=poisson&d=pow:1,4&n=200&U=1,1,0,0&i=dipoles&gamma=0.01&T=0.2&rate=0.02',
  },
  {
    id: 'convergence-1d',
    title: '1D convergence (δ fixed)',
    help: 'δ = 0.05 on the circle, particles at the quantiles of ρ◦: particles and PDE agree, closer as n grows.',
    link: 'v1&dim=1&c=poisson&d=0.05&n=400&U=1,1,0,0&T=0.2&rate=0.02',
  },
];
