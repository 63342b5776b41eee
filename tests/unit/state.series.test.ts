import { describe, expect, it } from 'vitest';
import { empiricalCoefficients, negativeSobolevDistance } from '../../src/model/diagnostics/sobolev';
import type { SpectrumPair } from '../../src/model/engines/types';
import { defaultScenario } from '../../src/model/scenario/defaults';
import { resolveDelta } from '../../src/model/scenario/delta';
import type { Scenario } from '../../src/model/scenario/types';
import { createDiagnosticSeries } from '../../src/state/diagnosticSeries';
import { classifyChange } from '../../src/state/scenarioChanges';
import { createSpectrumJoin } from '../../src/state/spectrumJoin';

/** μ̂± of a few particles (the same function the particle worker uses). */
function spectrum(shift: number): SpectrumPair {
  const pos = Float64Array.from([0.1 + shift, 0.2, 0.6, 0.7 + shift, 0.3, 0.9, 0.8, 0.4]);
  const signs = Int8Array.from([1, -1, 1, -1]);
  return empiricalCoefficients({ pos, signs }, 4);
}

describe('diagnostic series', () => {
  it('records sparse checkpoints, answers "the value at t" from the checkpoint at or before t, and truncates', () => {
    const s = createDiagnosticSeries();
    s.reset(0.01, 1);
    s.record(3, 'energyParticles', -1.5);
    expect(s.data().t).toEqual([0, 0.01, 0.02, 0.03]);
    expect(s.data().values.energyParticles).toEqual([null, null, null, -1.5]);
    expect(s.data().values.energyPde).toEqual([null, null, null, null]);
    s.record(1, 'energyPde', Number.NaN); // non-finite is "unknown"
    expect(s.data().values.energyPde[1]).toBeNull();
    expect(s.valueAt('energyParticles', 0.0349)).toBe(-1.5);
    expect(s.valueAt('energyParticles', 0.0299)).toBeNull(); // still checkpoint 2
    // t_3 = 3·0.01 and times within round-off of it are checkpoint 3
    expect(s.valueAt('energyParticles', 3 * 0.01)).toBe(-1.5);
    expect(s.valueAt('energyParticles', 0.03 - 1e-15)).toBe(-1.5);
    expect(s.valueAt('energyParticles', 10)).toBe(-1.5); // beyond the data: the newest
    const v = s.data().version;
    s.truncate(1);
    expect(s.data().t).toEqual([0, 0.01]);
    expect(s.data().version).toBeGreaterThan(v);
  });
});

describe('joining the two sides by checkpoint', () => {
  it('pairs μ̂ and ρ̂ of the same k whichever comes first, and never across checkpoints', () => {
    const series = createDiagnosticSeries();
    series.reset(0.01, 1);
    const join = createSpectrumJoin(series);
    const a0 = spectrum(0);
    const a1 = spectrum(0.05);
    const b0 = spectrum(0.01);
    const b1 = spectrum(0.2);
    join.addParticles(0, a0, true);
    join.addParticles(1, a1, true); // particles ahead by one checkpoint
    expect(join.waiting).toBe(2);
    expect(series.data().values.distancePlus).toEqual([null, null]);
    join.addPde(1, b1); // the PDE's k = 1 arrives before its k = 0
    join.addPde(0, b0);
    expect(join.waiting).toBe(0);
    expect(series.data().values.distancePlus[0]).toBe(negativeSobolevDistance(a0.plus, b0.plus));
    expect(series.data().values.distancePlus[1]).toBe(negativeSobolevDistance(a1.plus, b1.plus));
    expect(series.data().values.distanceMinus[1]).toBe(negativeSobolevDistance(a1.minus, b1.minus));
    // how far each side moved from its own t = 0: zero at k = 0, positive later
    expect(series.data().values.particleChange[0]).toBe(0);
    expect(series.data().values.particleChange[1]).toBeGreaterThan(0);
    expect(series.data().values.pdeChange[0]).toBe(0);
  });

  it('with the PDE off nothing waits for a partner that never comes', () => {
    const series = createDiagnosticSeries();
    series.reset(0.01, 1);
    const join = createSpectrumJoin(series);
    for (let k = 0; k < 5; k++) join.addParticles(k, spectrum(0.01 * k), false);
    expect(join.waiting).toBe(0);
    expect(series.data().values.distancePlus.every((v) => v === null)).toBe(true);
    expect(series.data().values.particleChange[4]).toBeGreaterThan(0);
  });
});

describe('what a scenario change forces the run to redo', () => {
  const base = (): Scenario => defaultScenario();
  const change = (edit: (s: Scenario) => void) => {
    const next = base();
    edit(next);
    return classifyChange(base(), next);
  };

  it('U, F, core and tolerances keep the particles and the clock; n and the seed start over', () => {
    expect(change((s) => (s.field.force = [1, 0]))).toEqual({
      restart: false,
      pdeSetup: false,
      particlePhysics: true,
      pdePhysics: true,
    });
    expect(change((s) => (s.integrator.rtol = 1e-9))).toMatchObject({
      restart: false,
      particlePhysics: true,
    });
    // tolerances are the integrator's business, not the PDE's
    expect(change((s) => (s.integrator.rtol = 1e-9)).pdePhysics).toBe(false);
    expect(change((s) => (s.n = 500)).restart).toBe(true);
    expect(
      change((s) => {
        if (s.initial.kind === 'sample') s.initial.seed = 99;
      }).restart,
    ).toBe(true);
  });

  it('rate and T change nothing that is computed', () => {
    expect(
      change((s) => {
        s.rate = 1;
        s.T = 2;
      }),
    ).toEqual({ restart: false, pdeSetup: false, particlePhysics: false, pdePhysics: false });
  });

  it('δ: short dipoles are resampled (their width is 2γδ); the PDE follows only if it uses the same δ', () => {
    const dipoles = (s: Scenario) => {
      s.initial = {
        kind: 'dipoles',
        density: { kind: 'uniform' },
        gamma: 0.5,
        orientation: 'random',
        seed: 1,
      };
    };
    const prev = base();
    dipoles(prev);
    const next = structuredClone(prev);
    next.delta = 0.01;
    expect(classifyChange(prev, next).restart).toBe(true);
    const sampled = change((s) => (s.delta = 0.01));
    expect(sampled).toMatchObject({ restart: false, particlePhysics: true, pdePhysics: true });
    const own = base();
    own.pde.delta = 0.03;
    const ownNext = structuredClone(own);
    ownNext.delta = 0.01;
    expect(classifyChange(own, ownNext)).toMatchObject({ particlePhysics: true, pdePhysics: false });
    // 'same' and the equal number are the same PDE
    const same = base();
    const explicit = structuredClone(same);
    explicit.pde.delta = resolveDelta(same);
    expect(classifyChange(same, explicit).pdePhysics).toBe(false);
  });

  it('switching the PDE or its grid restarts the PDE (and so the clock)', () => {
    expect(change((s) => (s.pde.enabled = false)).pdeSetup).toBe(true);
    expect(change((s) => (s.pde.grid = 64)).pdeSetup).toBe(true);
  });
});
