import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../src/model/scenario/defaults';
import { validateScenario } from '../../src/model/scenario/validate';
import { PRESETS } from '../../src/state/presets';
import { withSpace } from '../../src/state/spaceSwitch';

// Every preset carried onto the circle is a valid 1D scenario (the validator is the oracle), and
// carried back it is the same 2D scenario minus what the circle dropped.
describe('the Space switch', () => {
  it.each(PRESETS.filter((p) => p.scenario.dimension !== 1).map((p) => [p.id, p.scenario] as const))(
    '%s onto the circle validates',
    (_id, s) => {
      const one = withSpace(s, 1);
      const r = validateScenario(one);
      expect(r.ok ? 'ok' : r.error).toBe('ok');
      expect(one.dimension).toBe(1);
      expect(one.field.modes.every((m) => m.q === 0)).toBe(true);
      const back = withSpace(one, 2);
      expect(back.dimension).toBeUndefined();
      expect(validateScenario(back).ok).toBe(true);
    },
  );
  it('keeps what the circle allows', () => {
    const s = defaultScenario();
    s.n = 801;
    s.field = {
      modes: [
        { a: 1, p: 2, q: 0, phi: 0.5 },
        { a: 1, p: 0, q: 1, phi: 0 },
      ],
      force: [0.5, 3],
    };
    const one = withSpace(s, 1);
    expect(one.n).toBe(802);
    expect(one.field).toEqual({ modes: [{ a: 1, p: 2, q: 0, phi: 0.5 }], force: [0.5, 0] });
    expect(withSpace(withSpace(s, 2), 2)).toEqual(s);
  });
});
