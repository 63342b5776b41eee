import { describe, expect, it } from 'vitest';
import { classifyRegime } from '../../src/model/diagnostics/regime';
import { defaultScenario } from '../../src/model/scenario/defaults';
import { resolveDelta } from '../../src/model/scenario/delta';
import { createDiagnosticSeries } from '../../src/state/diagnosticSeries';
import { nextBoundParticle, partnerOf, scaleBar } from '../../src/state/dipoles';
import type { ParticleFrame } from '../../src/state/displayFrames';
import { LOG_DECADES, plotData } from '../../src/state/plotData';
import { PRESETS } from '../../src/state/presets';
import { criterionText, regimeStatement, threeDigits } from '../../src/state/regimeStatement';

describe('plot data', () => {
  const series = () => {
    const s = createDiagnosticSeries();
    s.reset(0.1, 1);
    [0, 2e-9, 3e-4, 0.02, 0.3].forEach((v, k) => {
      s.record(k, 'particleChange', v);
      s.record(k, 'pdeChange', 10 * v);
    });
    return s.data();
  };

  it('shows only the checkpoints up to the clock on screen', () => {
    const d = plotData(series(), ['particleChange'], 0.25, false);
    expect(d.t).toEqual([0, 0.1, 0.2]);
    expect(d.columns[0]).toEqual([0, 2e-9, 3e-4]);
  });

  it('a log axis spans the data (whole decades), at most LOG_DECADES below the top; lower values and zeros sit on the floor, marked', () => {
    const d = plotData(series(), ['particleChange', 'pdeChange'], 1, true);
    const [floor, top] = d.logRange!;
    expect(top).toBeCloseTo(10, 12); // 10·0.3 = 3 → the decade above
    // not 2e-9: the floor is the decade of 3·10^−LOG_DECADES (the largest value is 3)
    expect(floor).toBeCloseTo(10 ** -LOG_DECADES, 18);
    expect(d.columns[0][0]).toBe(floor); // the zero is on the floor …
    expect(d.columns[0][1]).toBe(floor); // … and so is 2e-9
    expect(d.clamped[0]).toEqual([0, 1]);
    expect(d.clamped[1]).toEqual([0, 1]); // 10 × 2e-9 = 2e-8 is below the floor too
  });

  it('early on, with small values only, the axis follows them down', () => {
    const d = plotData(series(), ['particleChange'], 0.25, true);
    expect(d.logRange![1]).toBeCloseTo(1e-3, 15);
    expect(d.logRange![0]).toBeCloseTo(1e-9, 20); // 2e-9 is within 6 decades of 3e-4
    expect(d.clamped[0]).toEqual([0]);
  });
});

describe('regime statements say only what is true', () => {
  const statement = (id: string) => {
    const s = PRESETS.find((p) => p.id === id)!.scenario;
    // λ of the gaussian core in isotropic geometry is 1/(2δ²) (MATH §6); enough to classify
    const r = classifyRegime({
      geometry: s.geometry,
      n: s.n,
      delta: resolveDelta(s),
      T: s.T,
      lambda: 1 / (2 * resolveDelta(s) ** 2),
    });
    return { r, st: regimeStatement(r, s) };
  };

  it('the counterexample: Thm 4.4 regime, short dipoles under U — the theorem applies', () => {
    const { st } = statement('counterexample');
    expect(st.parameters).toMatch(/Thm 4\.4/);
    expect(st.assumes).toMatch(/short-dipole/);
    expect(st.applies).toBe(true);
  });

  it('a torn 2-particle dipole with F ≠ 0 is not "non-convergent by Thm 4.4"', () => {
    const { r, st } = statement('torn-dipole');
    expect(st.applies).toBe(false);
    expect(st.thisRun).toMatch(/F ≠ 0/);
    if (r.kind === 'non-convergent') expect(st.thisRun).toMatch(/explicit list/);
  });

  it('i.i.d. samples in the Thm 4.4 parameter regime: the theorem says nothing about them', () => {
    const s = defaultScenario();
    s.n = 1000;
    s.delta = 1e-7;
    const r = classifyRegime({
      geometry: 'isotropic',
      n: 1000,
      delta: 1e-7,
      T: s.T,
      lambda: 1 / (2 * 1e-14),
    });
    const st = regimeStatement(r, s);
    expect(st.parameters).toMatch(/parameters in the Thm 4\.4/);
    expect(st.thisRun).toMatch(/not short dipoles/);
    expect(st.applies).toBe(false);
  });

  it('the criterion reads as 10^x with x to 3 significant digits', () => {
    expect(criterionText(32572086061310.2)).toBe('10^(3.26×10¹³)');
    expect(criterionText(4.5312)).toBe('10^4.53');
    expect(criterionText(-0.5)).toBe(threeDigits(10 ** -0.5));
    expect(threeDigits(0.316227766)).toBe('0.316');
    expect(threeDigits(-2.3456e-5)).toBe('-2.35×10⁻⁵');
  });
});

describe('dipoles on screen', () => {
  const frame = (pos: number[], signs: number[], near: number[], boundRadius: number): ParticleFrame => ({
    t: 0,
    n: signs.length,
    pos: Float64Array.from(pos),
    signs: Int8Array.from(signs),
    near: Float32Array.from(near),
    boundRadius,
  });

  it('finds the partner across the border and steps through the bound + ends', () => {
    // + at x = 0.999 and − at 0.001 are 0.002 apart across x = 0 ≡ 1; a far − at 0.5
    const f = frame(
      [0.999, 0.5, 0.5, 0.5, 0.001, 0.5, 0.3, 0.3, 0.301, 0.3],
      [1, -1, -1, 1, -1],
      [0.002, 0.2, 0.002, 0.001, 0.001],
      0.01,
    );
    expect(partnerOf(f, 0)).toBe(2);
    expect(nextBoundParticle(f, null)).toBe(0);
    expect(nextBoundParticle(f, 0)).toBe(3);
    expect(nextBoundParticle(f, 3)).toBe(0);
  });

  it('the scale bar is a round multiple of δ near 30 % of the span', () => {
    for (const [delta, span] of [
      [1e-7, 2.4e-7],
      [0.02, 0.003],
      [1e-3, 1],
    ]) {
      const { k, length } = scaleBar(delta, span);
      expect(length / span).toBeGreaterThan(0.18);
      expect(length / span).toBeLessThan(0.48);
      expect(Number((k / 10 ** Math.floor(Math.log10(k) + 1e-9)).toPrecision(6))).toBeOneOf([1, 2, 5]);
    }
  });
});
