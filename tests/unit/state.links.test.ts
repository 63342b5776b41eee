import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/model/scenario/codec';
import { defaultScenario } from '../../src/model/scenario/defaults';
import { encodeView, linkOf, readLink } from '../../src/state/linkReading';
import { DEFAULT_UI } from '../../src/state/uiTypes';

describe('a link with a bad value keeps its other values', () => {
  it("the issue's one-typo link: δ and n are kept, the density is named with what was typed", () => {
    const r = readLink('#v1&d=0.02&n=500&rho=sine:0.5,1');
    expect(r.scenario.delta).toBe(0.02);
    expect(r.scenario.n).toBe(500);
    expect(r.scenario.initial).toEqual(defaultScenario().initial);
    expect(r.problem).toMatch(/rho="sine:0\.5,1"/);
    expect(r.problem).toMatch(/everything else is as in the link/);
  });

  it('two bad values: both named, both at their defaults, the rest kept', () => {
    const r = readLink('#v1&n=abc&T=2&rate=-5&g=slip');
    expect(r.scenario.T).toBe(2);
    expect(r.scenario.geometry).toBe('slip');
    expect(r.scenario.n).toBe(defaultScenario().n);
    expect(r.scenario.rate).toBe(defaultScenario().rate);
    expect(r.problem).toMatch(/n="abc"/);
    expect(r.problem).toMatch(/rate="-5"/);
    // what is kept is a valid scenario that the codec reads back the same
    const again = decodeScenario(linkOf(r.scenario, DEFAULT_UI));
    expect(again.ok && again.scenario).toEqual(r.scenario);
  });

  it('a token that is not key=value is named; a link that is not v1 or is newer loads the default', () => {
    const r = readLink('#v1&n=300&%zz');
    expect(r.scenario.n).toBe(300);
    expect(r.problem).toMatch(/"%zz" is not key=value/);
    for (const h of ['#v99&n=100', '#hello']) {
      const bad = readLink(h);
      expect(bad.scenario).toEqual(defaultScenario());
      expect(bad.problem).toMatch(/could not be read.*default scenario was loaded/);
    }
  });

  it('typed text is quoted briefly, however long it was', () => {
    const r = readLink(`#v1&T=2&n=${'9'.repeat(5000)}x`);
    expect(r.scenario.T).toBe(2);
    expect(r.problem!.length).toBeLessThan(600);
    const huge = readLink(`#v1&n=${'x'.repeat(1_000_000)}`);
    expect(huge.problem!.length).toBeLessThan(600);
  });
});

describe('the view state in the link', () => {
  it('round-trips every non-default view setting, and play', () => {
    const view = {
      mode: 'overlay',
      field: 'rhoMinus',
      tiled: true,
      theme: 'dark',
      textScale: 1.5,
      embed: 'min',
    } as const;
    const s = defaultScenario();
    s.n = 250;
    const r = readLink(`${linkOf(s, view)}&play=1`);
    expect(r.view).toEqual(view);
    expect(r.play).toBe(true);
    expect(r.scenario.n).toBe(250);
    expect(r.problem).toBeNull();
    // the defaults are not written at all
    expect(encodeView(DEFAULT_UI)).toBe('');
  });

  it('a bad view value is named; the other view values and the scenario are kept', () => {
    const r = readLink('#v1&n=250&view=sideways&theme=dark&text=9&ui=tiny');
    expect(r.scenario.n).toBe(250);
    expect(r.view).toEqual({ theme: 'dark' });
    expect(r.problem).toMatch(/view="sideways"/);
    expect(r.problem).toMatch(/ui="tiny" \(one of full, min, none\)/);
    expect(r.problem).toMatch(/text="9"/);
  });
});
