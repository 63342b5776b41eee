/**
 * One study run on the circle (`dimension: 1`, MATH §12): the measures of a row (fields.ts) where
 * they apply in 1D, computed with the 1D engine (system1d, with its fast sum, and Pde1d) and the 1D
 * diagnostics: H⁻² norms over |k| ≤ 32 (sobolev1d), distances on T¹, the spacing 1/n in place of
 * n^{−1/2}, the regime of regime1d (criterion exp(3λ_δT)·n^{−1}), κ̂ modes (p, 0) only. Stepping is
 * `run`'s in 1D (cli/commands/oneD.ts): the first trial step firstStep1d, both sides ending a step at
 * the `samples` equispaced times with a PDE, straight to T without.
 */
import {
  BOUND_DELTA_FACTOR,
  BOUND_SPACING_FRACTION,
  finiteMedian,
  fractionBelow,
} from '../diagnostics/runMeasures';
import { createRunStepper } from '../noise/runStepper';
import { buildSystem1d, firstStep1d } from '../oneD/engine1d';
import { Pde1d } from '../oneD/pde1d';
import { classifyRegime1d } from '../oneD/regime1d';
import { initialCells1d, initialParticles1d } from '../oneD/scenario1d';
import {
  type Coefficients1d,
  cellCoefficients1d,
  empiricalCoefficients1d,
  sobolevDistance1d,
} from '../oneD/sobolev1d';
import { embed1d, project1d } from '../oneD/system1d';
import { resolveDelta, resolvePdeDelta } from '../scenario/delta';
import { resolveNoise } from '../scenario/noise';
import { fail } from '../scenario/read';
import type { Scenario } from '../scenario/types';
import type { StudyRunOptions } from './definition';
import type { RunWatch } from './execute';
import { type Measures, modeStem } from './measures';

const K = 32;

/** Distance on T¹ from each particle to its nearest opposite-sign one (Infinity if none). */
export function nearestOpposite1d(x: Float64Array, signs: Int8Array): Float64Array {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const out = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  if (n === 0) return out;
  // two sweeps around the circle (twice, so the wrap is seen): the last opposite one on each side
  for (const dir of [1, -1]) {
    const last: Record<number, number> = { 1: Number.NaN, [-1]: Number.NaN };
    for (let s = 0; s < 2 * n; s++) {
      const r = dir === 1 ? s % n : n - 1 - (s % n);
      const i = order[r];
      const j = last[-signs[i]];
      if (!Number.isNaN(j)) {
        let d = Math.abs(x[i] - x[j]);
        d = Math.min(d, 1 - d);
        if (d < out[i]) out[i] = d;
      }
      last[signs[i]] = i;
    }
  }
  return out;
}

function bound(x: Float64Array, signs: Int8Array, delta: number) {
  const d = nearestOpposite1d(x, signs);
  const n = signs.length;
  const median = finiteMedian(d);
  return {
    spacing: fractionBelow(d, BOUND_SPACING_FRACTION / Math.max(1, n)),
    delta: fractionBelow(d, BOUND_DELTA_FACTOR * delta),
    // ½, the largest distance on T¹, when a sign is absent
    median: Number.isNaN(median) ? 0.5 : median,
  };
}

function both(x: Float64Array, signs: Int8Array) {
  return { plus: empiricalCoefficients1d(x, signs, 1, K), minus: empiricalCoefficients1d(x, signs, -1, K) };
}

function cells(rp: ArrayLike<number>, rm: ArrayLike<number>) {
  return { plus: cellCoefficients1d(rp, K), minus: cellCoefficients1d(rm, K) };
}

type Pair = { plus: Coefficients1d; minus: Coefficients1d };
const apart = (a: Pair, b: Pair) => ({
  plus: sobolevDistance1d(a.plus, b.plus),
  minus: sobolevDistance1d(a.minus, b.minus),
});

/** κ̂_p = μ̂+_p − μ̂−_p (times the share of each sign: the coefficients are already /n). */
function putModes1d(out: Measures, modes: StudyRunOptions['modes'], c: Pair, pde: boolean): void {
  for (const m of modes) {
    const p = m[0];
    const re = c.plus.re[p + K] - c.minus.re[p + K];
    const im = c.plus.im[p + K] - c.minus.im[p + K];
    const stem = modeStem(m, pde);
    out[`${stem}_re`] = re;
    out[`${stem}_im`] = im;
    out[`${stem}_abs`] = Math.hypot(re, im);
  }
}

export function runStudyJob1d(s: Scenario, run: StudyRunOptions, watch?: RunWatch): Measures {
  if (run.replay) fail('replay', 'studies on the circle (dimension 1) do not replay the app’s steps yet');
  for (const [i, m] of run.modes.entries())
    if (m[1] !== 0 || Math.abs(m[0]) > K)
      fail('modes', `mode ${i + 1} = (${m[0]},${m[1]}): on the circle modes are (p, 0) with |p| ≤ ${K}`);
  const started = performance.now();
  const delta = resolveDelta(s);
  const p = initialParticles1d(s);
  const n = p.signs.length;
  const pos0 = embed1d(p.x);
  const sys = buildSystem1d(s, p.signs);
  const noise = resolveNoise(s);
  const stepper = createRunStepper(
    sys,
    pos0,
    { method: s.integrator.method, rtol: s.integrator.rtol, atol: s.integrator.atol, h0: firstStep1d(s) },
    noise,
  );
  const energy0 = stepper.energy();
  const T = s.T;
  let pde: Pde1d | undefined;
  let rho0: Pair | undefined;
  let pdeEnergy0 = 0;
  if (run.pde) {
    const c = initialCells1d(s, s.pde.grid);
    pde = new Pde1d({
      core: s.core,
      delta: resolvePdeDelta(s),
      field: s.field,
      N: s.pde.grid,
      rhoPlus: c.rhoPlus,
      rhoMinus: c.rhoMinus,
      temperature: noise.temperature,
    });
    rho0 = cells(pde.rp, pde.rm);
    pdeEnergy0 = pde.energy();
    for (let k = 1; k <= run.samples; k++) {
      const t = k === run.samples ? T : (k * T) / run.samples;
      while (stepper.t < t) {
        stepper.stepToward(t);
        watch?.at('particles', stepper.t);
      }
      while (pde.t < t) {
        pde.step(t - pde.t);
        watch?.at('pde', pde.t);
      }
    }
  } else
    while (stepper.t < T) {
      stepper.stepToward(T);
      watch?.at('particles', stepper.t);
    }
  const x = project1d(stepper.wrapped());
  const mu0 = both(p.x, p.signs);
  const mu = both(x, p.signs);
  const moved = apart(mu, mu0);
  const b = bound(x, p.signs, delta);
  const b0 = bound(p.x, p.signs, delta);
  const shift = new Float64Array(n);
  for (let i = 0; i < n; i++) shift[i] = Math.abs(stepper.unwrapped[2 * i] - pos0[2 * i]);
  const lambda = sys.kernel.lambda;
  const out: Measures = {
    n,
    delta,
    T,
    particles_moved: Math.max(moved.plus, moved.minus),
    particles_moved_plus: moved.plus,
    particles_moved_minus: moved.minus,
    bound_fraction: b.spacing,
    bound_fraction_delta: b.delta,
    bound_fraction_0: b0.spacing,
    bound_fraction_delta_0: b0.delta,
    median_nearest_opposite: b.median,
    energy_particles: stepper.energy(),
    energy_particles_0: energy0,
    max_displacement: shift.reduce((a, v) => Math.max(a, v), 0),
    median_displacement: finiteMedian(shift),
    steps: stepper.steps,
    rejected: stepper.rejected,
    lambda,
    // log₁₀ of the 1D criterion exp(3λ_δT)·n^{−1} (regime1d.ts)
    log10_criterion: (3 * lambda * T) / Math.LN10 - Math.log10(n),
    regime: classifyRegime1d(n, delta, T),
  };
  putModes1d(out, run.modes, mu, false);
  if (pde && rho0) {
    const rho = cells(pde.rp, pde.rm);
    const d = apart(mu, rho);
    const d0 = apart(mu0, rho0);
    const pm = apart(rho, rho0);
    Object.assign(out, {
      d_plus: d.plus,
      d_minus: d.minus,
      d0_plus: d0.plus,
      d0_minus: d0.minus,
      pde_moved: Math.max(pm.plus, pm.minus),
      pde_moved_plus: pm.plus,
      pde_moved_minus: pm.minus,
      energy_pde: pde.energy(),
      energy_pde_0: pdeEnergy0,
      pde_steps: pde.steps,
      pde_rejected: pde.rejectedEnergy + pde.rejectedPositivity,
      pde_delta: pde.delta === 0 ? 'limit' : pde.delta,
      grid: pde.N,
    });
    putModes1d(out, run.modes, rho, true);
  }
  out.wall_s = (performance.now() - started) / 1000;
  return out;
}
