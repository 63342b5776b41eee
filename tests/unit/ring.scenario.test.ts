/**
 * The ring core in scenarios, links and the regime line: c=ring is a new link value (old links
 * decode as before), the regime of a ring run is 'outside' (no theorem), and the unstable band
 * and fastest rates of ringBand.ts agree with a brute-force scan of the multiplier. Cost: < 1 s.
 */
import { describe, expect, it } from 'vitest';
import { classifyRegime } from '../../src/model/diagnostics/regime';
import { ringMultiplier } from '../../src/model/kernels/cores/ring';
import { ringInstability } from '../../src/model/kernels/cores/ringBand';
import { decodeScenario, encodeScenario } from '../../src/model/scenario/codec';
import { defaultScenario } from '../../src/model/scenario/defaults';
import { validateScenario } from '../../src/model/scenario/validate';
import { regimeStatement } from '../../src/state/regimeStatement';

describe('ring core in scenarios and links', () => {
  it('c=ring round-trips; a link without c stays gaussian; a bad core is refused naming core', () => {
    const s = { ...defaultScenario(), core: 'ring' as const, delta: 0.1 };
    expect(validateScenario(s).ok).toBe(true);
    const link = encodeScenario(s);
    expect(link).toContain('c=ring');
    const back = decodeScenario(link);
    expect(back.ok && back.scenario.core).toBe('ring');
    const old = decodeScenario('v1&d=0.05&n=4000&samp=iid&seed=3&T=0.2');
    expect(old.ok && old.scenario.core).toBe('gaussian');
    const bad = decodeScenario('v1&c=rings');
    expect(!bad.ok && bad.error.field).toBe('core');
  });
  it('the regime of a ring run is outside (V1), with the band in the statement', () => {
    const args = { geometry: 'isotropic' as const, n: 4000, delta: 0.1, T: 8, lambda: 30 };
    expect(classifyRegime(args).kind).not.toBe('outside');
    const r = classifyRegime({ ...args, core: 'ring' });
    expect(r.kind).toBe('outside');
    expect(r.label).toContain('(V1)');
    const st = regimeStatement(r, { ...defaultScenario(), core: 'ring', delta: 0.1, n: 4000 });
    expect(st.applies).toBe(false);
    expect(st.assumes).toContain('3.83 < |k| < 8.79');
  });
});

describe('ring instability band and rates', () => {
  const delta = 0.05;
  const m = (k: number) => ringMultiplier(delta, k * k);
  it('m_δ < 0 exactly inside the band (scan in steps of 0.01)', () => {
    const { band } = ringInstability(delta);
    for (let k = 0.5; k < 25; k += 0.01) {
      const inside = k > band[0] + 1e-9 && k < band[1] - 1e-9;
      const outside = k < band[0] - 1e-9 || k > band[1] + 1e-9;
      if (inside) expect(m(k)).toBeLessThan(0);
      if (outside) expect(m(k)).toBeGreaterThan(0);
    }
  });
  it('the fastest rates are the scan’s maxima: −2πm (isotropic), half (slip), −2π²|k|m (1D)', () => {
    let iso = 0;
    let oneD = 0;
    for (let k = 7; k < 18; k += 1e-3) {
      iso = Math.max(iso, -2 * Math.PI * m(k));
      oneD = Math.max(oneD, -2 * Math.PI ** 2 * k * m(k));
    }
    expect(Math.abs(ringInstability(delta).fastestRate - iso)).toBeLessThan(1e-6);
    expect(Math.abs(ringInstability(delta, 'slip').fastestRate - iso / 2)).toBeLessThan(1e-6);
    expect(Math.abs(ringInstability(delta, '1d').fastestRate - oneD)).toBeLessThan(1e-5);
  });
});
