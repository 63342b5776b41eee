/**
 * The DOM-free study core: axes and their text, the study link, the expansion into runs (values
 * read by the link's own parser), shards, CSV and the log-log slope with its standard error.
 * Pure functions, no runs: ~1 s.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScenario } from '../../src/model/scenario/codec';
import { resolveDelta } from '../../src/model/scenario/delta';
import { Invalid } from '../../src/model/scenario/read';
import { type Axis, formatAxis, parseAxis } from '../../src/model/study/axes';
import { cellNumber, csvLine, parseCsv } from '../../src/model/study/csv';
import { decodeStudy, encodeStudy, type StudyDefinition } from '../../src/model/study/definition';
import { expandStudy, runWeight, shardAssignment } from '../../src/model/study/expand';
import { olsFit, summarise } from '../../src/model/study/summary';

const base = (link = 'v1&n=100') => {
  const r = decodeScenario(link);
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
};
const study = (axes: string[], link?: string): StudyDefinition => ({
  base: base(link),
  axes: axes.map((a) => parseAxis(a)),
  run: { pde: false, samples: 50, replay: false, modes: [] },
});
const fieldOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof Invalid) return e.field;
    throw e;
  }
  return 'no error';
};

describe('axes', () => {
  it('reads lists, ranges, ladders, piped values and fragments', () => {
    expect(parseAxis('d=pow:1,2;0.05')).toEqual({ name: 'd', values: ['pow:1,2', '0.05'] });
    expect(parseAxis('seed=1..5').values).toEqual(['1', '2', '3', '4', '5']);
    expect(parseAxis('seed=1..3;10').values).toEqual(['1', '2', '3', '10']);
    expect(parseAxis('n=250..64000*2').values).toEqual([
      '250',
      '500',
      '1000',
      '2000',
      '4000',
      '8000',
      '16000',
      '32000',
      '64000',
    ]);
    expect(parseAxis('n=100..1000*3').values).toEqual(['100', '300', '900']);
    expect(parseAxis('U=1,1,0,0;2,2,0,0|').values).toEqual(['1,1,0,0;2,2,0,0']);
    expect(parseAxis('U=|1,1,0,0').values).toEqual(['', '1,1,0,0']);
    expect(parseAxis('data=samp=iid&d=0.05;i=dipoles&d=pow:1,1.5').values).toEqual([
      'samp=iid&d=0.05',
      'i=dipoles&d=pow:1,1.5',
    ]);
  });

  it('rejects what cannot be an axis, naming the option', () => {
    for (const bad of [
      'n',
      '=1',
      'zz=1;2',
      'data=1;2',
      'data=zz=1',
      'seed=5..1',
      'n=0..8*2',
      'n=1..4*1',
      'seed=1;1',
      'x=n=2&n=3',
    ])
      expect(
        fieldOf(() => parseAxis(bad)),
        bad,
      ).toBe('vary');
    expect(fieldOf(() => parseAxis('seed=0..20000'))).toBe('vary');
  });

  it('formatAxis is read back as the same axis (ranges compressed)', () => {
    expect(formatAxis({ name: 'seed', values: ['1', '2', '3'] })).toBe('seed=1..3');
    expect(formatAxis({ name: 'n', values: ['250', '500', '1000'] })).toBe('n=250..1000*2');
    expect(formatAxis({ name: 'U', values: ['1,1,0,0;2,2,0,0'] })).toBe('U=1,1,0,0;2,2,0,0|');
    const value = fc.oneof(
      fc.constantFrom('', '0.05', 'pow:1,2', 'log:0.3', '1,1,0,0;0.5,2,0,0', '-3', '1e-5'),
      fc.integer({ min: -5, max: 40 }).map(String),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(value, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('d', 'U', 'seed', 'n'),
        (values, name) => {
          const axis: Axis = { name, values };
          expect(parseAxis(formatAxis(axis))).toEqual(axis);
        },
      ),
    );
  });
});

describe('the study link', () => {
  it('round-trips a definition, with the base scenario link after ~', () => {
    const d = study(
      ['data=samp=iid&d=0.05;i=dipoles&d=pow:1,1.5', 'n=250..4000*2', 'seed=1..3'],
      'v1&T=0.2&U=1,1,0,0',
    );
    d.run = {
      pde: true,
      samples: 25,
      replay: false,
      modes: [
        [1, 0],
        [0, -1],
      ],
    };
    const text = encodeStudy(d);
    expect(text).toBe(
      'study1&vary=data=samp=iid%26d=0.05;i=dipoles%26d=pow:1,1.5&vary=n=250..4000*2&vary=seed=1..3&pde=on&samples=25&modes=1,0;0,-1~v1&U=1,1,0,0&T=0.2',
    );
    const back = decodeStudy(`https://lab.example/#${text}`);
    expect(back).toEqual({ ok: true, study: d });
  });

  it('decode(encode(d)) = d for generated studies', () => {
    const axis = fc.oneof(
      fc
        .uniqueArray(fc.integer({ min: 2, max: 5000 }), { minLength: 1, maxLength: 4 })
        .map((v) => `n=${v.join(';')}`),
      fc
        .uniqueArray(fc.constantFrom('0.01', 'pow:1,0.5', 'log:0.2'), { minLength: 1 })
        .map((v) => `d=${v.join(';')}`),
      fc.integer({ min: 1, max: 9 }).map((k) => `seed=1..${k}`),
      fc.constant('U=1,1,0,0;0.5,0,1,0|0.5,1,0,0|'),
      fc.constant('fam=g=slip&o=vertical;g=isotropic'),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(axis, { maxLength: 3, selector: (a) => a.split('=')[0] }),
        fc.record({
          pde: fc.boolean(),
          samples: fc.integer({ min: 1, max: 10000 }),
          replay: fc.boolean(),
          modes: fc.uniqueArray(
            fc.tuple(fc.integer({ min: -64, max: 64 }), fc.integer({ min: -64, max: 64 })),
            {
              maxLength: 3,
              selector: ([p, q]) => `${p},${q}`,
            },
          ),
        }),
        fc.constantFrom('v1', 'v1&n=50&i=dipoles', 'v1&g=slip&T=0.3&U=2,0,1,0.5'),
        (axes, run, link) => {
          const d = { ...study(axes, link), run };
          expect(decodeStudy(encodeStudy(d))).toEqual({ ok: true, study: d });
        },
      ),
    );
  });

  it('names what is wrong in a garbled study link', () => {
    const err = (t: string) => {
      const r = decodeStudy(t);
      return r.ok ? 'ok' : r.error.field;
    };
    expect(err('study1&vary=n=2;3~v1')).toBe('ok');
    expect(err('study1&vary=n=2;3')).toBe('study');
    expect(err('study2~v1')).toBe('study');
    expect(err('study1&pde=maybe~v1')).toBe('pde');
    expect(err('study1&vary=n=2&vary=n=3~v1')).toBe('vary');
    expect(err('study1&samples=0~v1')).toBe('samples');
    expect(err('study1&modes=1~v1')).toBe('modes');
    expect(err('study1&zz=1~v1')).toBe('study');
    expect(err('study1~v1&n=1')).toBe('n');
  });
});

describe('the runs of a study', () => {
  it('is the product of the axes, first axis slowest, each value read as in the link', () => {
    const runs = expandStudy(study(['d=pow:1,2;0.05', 'n=10;20'], 'v1&n=100&d=0.01&seed=4'));
    expect(runs.map((r) => r.values)).toEqual([
      ['pow:1,2', '10'],
      ['pow:1,2', '20'],
      ['0.05', '10'],
      ['0.05', '20'],
    ]);
    expect(runs.map((r) => r.scenario && resolveDelta(r.scenario))).toEqual([0.01, 0.0025, 0.05, 0.05]);
    // every run reopens from its link, which keeps the base's other settings
    for (const r of runs) {
      const again = decodeScenario(r.link);
      expect(again.ok && again.scenario).toEqual(r.scenario);
      expect(r.scenario?.initial.kind === 'sample' && r.scenario.initial.seed).toBe(4);
    }
  });

  it('fragments set several keys together; a combination the validator refuses is a run with its error', () => {
    const runs = expandStudy(study(['data=samp=iid&d=0.05;i=dipoles&d=pow:1,1.5', 'n=3;4']));
    expect(runs.map((r) => r.error ?? 'ok')).toEqual([
      'ok',
      'ok',
      expect.stringMatching(/^error: n: /),
      'ok',
    ]);
    const dip = runs[3].scenario;
    expect(dip?.initial.kind).toBe('dipoles');
    expect(dip && resolveDelta(dip)).toBe(4 ** -1.5);
    expect(runs[1].scenario?.initial).toMatchObject({ kind: 'sample', sampling: 'iid' });
  });

  it('shards: every run in exactly one, balanced by estimated cost', () => {
    const runs = expandStudy(study(['n=100..12800*2', 'seed=1..3']));
    for (const count of [1, 2, 3, 5]) {
      const shard = shardAssignment(runs, count, false);
      const load = new Array(count).fill(0);
      runs.forEach((r, i) => {
        load[shard[i]] += runWeight(r, false);
      });
      const total = load.reduce((a, b) => a + b, 0);
      const heaviest = Math.max(...runs.map((r) => runWeight(r, false)));
      // greedy by decreasing weight: no shard exceeds the mean by more than the heaviest run
      expect(Math.max(...load)).toBeLessThanOrEqual(total / count + heaviest);
      expect(new Set(shard).size).toBe(Math.min(count, runs.length));
    }
  });
});

describe('CSV', () => {
  it('quotes what needs it and reads every double back exactly', () => {
    const cells = ['a,b', 'say "hi"', 'two\nlines', ' pad', 'v1&d=pow:1,2', 'ok'];
    expect(parseCsv(csvLine(cells) + csvLine(cells)).rows).toEqual([cells]);
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 8 }),
        (xs) => {
          const t = parseCsv(csvLine(xs.map((_, i) => `c${i}`)) + csvLine(xs));
          t.rows[0].forEach((s, i) => {
            expect(Object.is(cellNumber(s), xs[i])).toBe(true);
          });
        },
      ),
    );
  });

  it('rejects malformed tables', () => {
    for (const bad of ['', 'a,b\n1\n', 'a\n"open\n', 'a\nx"y\n'])
      expect(fieldOf(() => parseCsv(bad))).toBe('csv');
  });
});

describe('log-log slopes', () => {
  it('OLS slope and its standard error against the closed form (residuals orthogonal to 1 and x)', () => {
    // y = a + b·x + c·e with Σe = Σe·x = 0: the fit returns b exactly and s² = c²Σe²/(m − 2)
    const x = [1, 2, 3, 4, 5, 6];
    const e = [1, -1, -1, 1, 1, -1]; // Σe = 0; made orthogonal to x below
    const mx = 3.5;
    const sxx = x.reduce((s, xi) => s + (xi - mx) ** 2, 0);
    const ex = e.reduce((s, ei, i) => s + ei * (x[i] - mx), 0);
    const r = e.map((ei, i) => ei - (ex / sxx) * (x[i] - mx));
    const c = 0.3;
    const y = x.map((xi, i) => 2 - 0.45 * xi + c * r[i]);
    const fit = olsFit(x, y);
    const sse = c * c * r.reduce((s, v) => s + v * v, 0);
    expect(fit?.slope).toBeCloseTo(-0.45, 14);
    expect(fit?.intercept).toBeCloseTo(2, 13);
    expect(fit?.slope_se).toBeCloseTo(Math.sqrt(sse / 4 / sxx), 14);
    expect(fit?.intercept_se).toBeCloseTo(Math.sqrt((sse / 4) * (1 / 6 + (mx * mx) / sxx)), 14);
    // exact line: zero error; too few points or one x: no standard error
    expect(olsFit([1, 2, 3], [5, 7, 9])).toMatchObject({ slope: 2, slope_se: 0, r2: 1 });
    expect(olsFit([1, 2], [1, 2])).toBeUndefined();
    expect(olsFit([1, 1, 1], [1, 2, 3])).toBeUndefined();
  });

  it('groups by every axis but n and seed, pools seeds, skips failed rows and non-positive values', () => {
    const header = ['run', 'data', 'n', 'seed', 'T', 'd_plus', 'bound_fraction', 'regime', 'status', 'link'];
    const rows: string[][] = [];
    let run = 0;
    for (const data of ['iid', 'dip'])
      for (const n of [100, 400, 1600])
        for (const seed of [1, 2]) {
          const wobble = seed === 1 ? 1.1 : 1 / 1.1;
          const d = data === 'iid' ? 3 * n ** -0.5 * wobble : 0.02 * wobble;
          rows.push([
            String(run++),
            data,
            String(n),
            String(seed),
            '0.2',
            String(d),
            data === 'iid' ? '0' : '1',
            'open',
            'ok',
            'v1',
          ]);
        }
    rows.push([String(run), 'iid', '6400', '1', '0.2', '', '', '', 'error: max-wall: …', 'v1']);
    const s = summarise({ header, rows });
    expect(s.groups.map((g) => [g.group, g.runs, g.failed, g.n])).toEqual([
      [{ data: 'iid', T: '0.2' }, 7, 1, [100, 400, 1600]],
      [{ data: 'dip', T: '0.2' }, 6, 0, [100, 400, 1600]],
    ]);
    const iid = s.groups[0].fits;
    expect(iid.d_plus.slope).toBeCloseTo(-0.5, 12);
    // the seeds' ±ln 1.1 are orthogonal to ln n: s² = 6·ln²1.1/4, Sxx = 4·ln²4
    expect((iid.d_plus as { slope_se: number }).slope_se).toBeCloseTo(
      Math.sqrt((6 * Math.log(1.1) ** 2) / 4 / (4 * Math.log(4) ** 2)),
      12,
    );
    expect(iid.bound_fraction).toEqual({ slope: null, reason: '6 of 6 values are not positive numbers' });
    expect(s.groups[1].fits.d_plus.slope).toBeCloseTo(0, 12);
    expect(s.groups[1].fits.bound_fraction).toEqual({ slope: null, reason: 'constant' });
    expect(iid.regime).toBeUndefined();
  });
});
