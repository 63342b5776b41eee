/**
 * Painted densities (a coarse grid of weights) and hand-placed particles in links: exact cell
 * averages against a refined midpoint rule (exact for piecewise-constant data), the run-length
 * text, round trips and a fuzz of grid values, the `ui` view key, and the CLI reading a painted and
 * a hand-placed link through the same codec. Cost: ~2 s.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../../src/cli/cli';
import { cellAverages } from '../../src/model/init/cellAverages';
import { type DensitySpec, densityMasses, neutralise, rho } from '../../src/model/init/densities';
import { decodeScenario, encodeScenario } from '../../src/model/scenario/codec';
import { formatRuns, parseRuns } from '../../src/model/scenario/codecValues';
import { defaultScenario } from '../../src/model/scenario/defaults';
import { initialConfiguration, initialDensity } from '../../src/model/scenario/initial';
import type { Scenario } from '../../src/model/scenario/types';
import { validateScenario } from '../../src/model/scenario/validate';
import { deepSame } from './deepSame';

type Grid = Extract<DensitySpec, { kind: 'grid' }>;

function grid(G: number, paint: (a: number, b: number) => [number, number]): Grid {
  const plus: number[] = [];
  const minus: number[] = [];
  for (let b = 0; b < G; b++)
    for (let a = 0; a < G; a++) {
      const [p, m] = paint(a, b);
      plus.push(p);
      minus.push(m);
    }
  return { kind: 'grid', G, plus, minus };
}

const blob = grid(16, (a, b) => [(a - 4) ** 2 + (b - 10) ** 2 < 6 ? 12 : 3, a >= 11 && a <= 12 ? 9 : 3]);

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Midpoint rule on the common refinement of both grids: every sub-cell lies in one cell of each. */
function refinedAverages(spec: Grid, N: number): { plus: number[]; minus: number[] } {
  const M = (N * spec.G) / gcd(N, spec.G);
  const r = M / N;
  const plus = new Array(N * N).fill(0);
  const minus = new Array(N * N).fill(0);
  for (let j = 0; j < M; j++)
    for (let i = 0; i < M; i++) {
      const x = (i + 0.5) / M;
      const y = (j + 0.5) / M;
      const c = Math.floor(j / r) * N + Math.floor(i / r);
      plus[c] += rho(spec, 1, x, y) / (r * r);
      minus[c] += rho(spec, -1, x, y) / (r * r);
    }
  return { plus, minus };
}

describe('painted grid density', () => {
  it('has exact cell averages on aligned and unaligned grids (vs the common refinement)', () => {
    for (const N of [4, 7, 13, 16, 48, 64]) {
      const avg = cellAverages(blob, N);
      const ref = refinedAverages(blob, N);
      let worst = 0;
      let mass = 0;
      for (let c = 0; c < N * N; c++) {
        worst = Math.max(
          worst,
          Math.abs(avg.rhoPlus[c] - ref.plus[c]),
          Math.abs(avg.rhoMinus[c] - ref.minus[c]),
        );
        mass += (avg.rhoPlus[c] + avg.rhoMinus[c]) / (N * N);
      }
      expect(worst, `N = ${N}`).toBeLessThan(1e-12);
      expect(Math.abs(mass - 1)).toBeLessThan(1e-12);
    }
  });

  it('has masses Σv±/S and a neutral form with equal halves', () => {
    const m = densityMasses(blob);
    const sp = blob.plus.reduce((s, v) => s + v, 0);
    const sm = blob.minus.reduce((s, v) => s + v, 0);
    expect(m.plus).toBeCloseTo(sp / (sp + sm), 14);
    expect(m.plus + m.minus).toBeCloseTo(1, 14);
    const n = neutralise(blob) as Grid;
    expect(n.plus).toEqual(n.minus);
    expect(densityMasses(n).plus).toBeCloseTo(0.5, 14);
  });

  it('samples from the painted cells: i.i.d. exactly, stratified and dipoles to within a stratum', () => {
    const only = grid(8, (a, b) => [a === 2 && b === 5 ? 1 : 0, a === 6 && b === 1 ? 3 : 0]);
    /** Largest distance (per axis, on the torus) of a particle outside its sign's painted cell. */
    const leak = (initial: object, eitherCell = false) => {
      const r = validateScenario({ n: 400, initial });
      if (!r.ok) throw new Error(r.error.message);
      const { pos, signs } = initialConfiguration(r.scenario);
      let worst = 0;
      let plus = 0;
      const outside = (x: number, lo: number) => {
        const d = x - lo - Math.floor(x - lo); // offset into [0, 1) from the cell's low edge
        return d < 1 / 8 ? 0 : Math.min(d - 1 / 8, 1 - d);
      };
      const away = (i: number, [a, b]: number[]) =>
        Math.max(outside(pos[2 * i], a / 8), outside(pos[2 * i + 1], b / 8));
      for (let i = 0; i < 400; i++) {
        if (signs[i] === 1) plus++;
        const own = signs[i] === 1 ? [2, 5] : [6, 1];
        const d = eitherCell ? Math.min(away(i, [2, 5]), away(i, [6, 1])) : away(i, own);
        worst = Math.max(worst, d);
      }
      return { worst, plus };
    };
    const iid = leak({ kind: 'sample', density: only, sampling: 'iid', seed: 3 });
    expect(iid).toEqual({ worst: 0, plus: 100 });
    // stratified: n+ = 100 in strata of side 1/10, n− = 300 in strata of side 1/18
    const strat = leak({ kind: 'sample', density: only, sampling: 'stratified', seed: 3 });
    expect(strat.plus).toBe(100);
    expect(strat.worst).toBeLessThanOrEqual(1 / 10);
    expect(strat.worst).toBeGreaterThan(0);
    // dipoles start from the neutral density: both signs in both cells
    const dip = leak({ kind: 'dipoles', density: only, seed: 2 }, true);
    expect(dip.worst).toBeLessThan(1 / 10);
  });
});

describe('run-length text of painted weights', () => {
  it('is compact for a painted background and reads back exactly', () => {
    const text = formatRuns(blob.plus);
    expect(text.length).toBeLessThan(120);
    expect(parseRuns(text, 256, 'f')).toEqual(blob.plus);
    expect(formatRuns([1, 1, 1, 0.5, 2, 2])).toBe('1*3,0.5,2*2');
  });

  it('refuses bad run lengths and more values than the grid holds', () => {
    for (const bad of ['1*0', '1*', '1*x', '1*-2', '*3', '1**2', '1*99999999']) {
      expect(() => parseRuns(bad, 256, 'f'), bad).toThrow();
    }
    expect(() => parseRuns('1*257', 256, 'f')).toThrow(/more than 256/);
    expect(() => parseRuns('1*200,1*57', 256, 'f')).toThrow(/more than 256/);
  });
});

const scenarioWith = (density: DensitySpec): Scenario => {
  const s = defaultScenario();
  s.initial = { kind: 'sample', density, sampling: 'stratified', seed: 1 };
  return s;
};

function roundTrips(s: Scenario): boolean {
  const r = decodeScenario(encodeScenario(s));
  return r.ok && deepSame(r.scenario, s);
}

describe('links with painted densities and view keys', () => {
  it('round-trip painted grids of every size, integers and awkward reals', () => {
    expect(roundTrips(scenarioWith(blob))).toBe(true);
    const weights = fc.oneof(
      fc.integer({ min: 0, max: 20 }),
      fc.double({ min: 0, max: 1e6, noNaN: true }),
      fc.constantFrom(0, 5e-324, 1e6),
    );
    const painted = fc.constantFrom(4, 8, 16, 32).chain((G) =>
      fc
        .tuple(
          fc.array(weights, { minLength: G * G, maxLength: G * G }),
          fc.array(weights, { minLength: G * G, maxLength: G * G }),
        )
        .filter(([p, m]) => p.some((v) => v > 0) || m.some((v) => v > 0))
        .map(([plus, minus]): Grid => ({ kind: 'grid', G, plus, minus })),
    );
    fc.assert(
      fc.property(painted, (g) => roundTrips(scenarioWith(g))),
      { numRuns: 150 },
    );
  });

  it('names the field of a bad painted grid in one line and never throws', () => {
    const cases: [string, RegExp][] = [
      ['rho=grid:16;1*256', /grid:G;/],
      ['rho=grid:12;1*144;1*144', /one of 4, 8, 16, 32/],
      ['rho=grid:4;1*15;1*16', /needs 16 values/],
      ['rho=grid:4;0*16;0*16', /nothing is painted/],
      ['rho=grid:4;-1,1*15;1*16', /initial\.density\.plus\[0\]/],
      ['rho=grid:4;1*16;x*16', /not a number/],
    ];
    for (const [token, re] of cases) {
      const r = decodeScenario(`v1&${token}`);
      expect(r.ok, token).toBe(false);
      if (!r.ok) expect(`${r.error.field}: ${r.error.message}`, token).toMatch(re);
    }
    const text = fc
      .tuple(
        fc.constantFrom('4', '8', '16', '32', '5', '-4', 'x', ''),
        fc.array(
          fc.oneof(fc.nat(30).map(String), fc.constantFrom('*', ',', '1*16', '2*240', ';', '-1', 'e')),
          {
            maxLength: 12,
          },
        ),
      )
      .map(([G, parts]) => `v1&rho=grid:${G};${parts.join('')}`);
    fc.assert(
      fc.property(text, (link) => {
        const r = decodeScenario(link);
        if (!r.ok) return r.error.message.length < 400 && !r.error.message.includes('\n');
        const { rhoPlus, rhoMinus } = cellAverages(initialDensity(r.scenario), 8);
        let mass = 0;
        for (let c = 0; c < 64; c++) mass += (rhoPlus[c] + rhoMinus[c]) / 64;
        return Math.abs(mass - 1) < 1e-9 && roundTrips(r.scenario);
      }),
      { numRuns: 400 },
    );
  });

  it('skips the embed key ui= like the other view keys, so old links decode as before', () => {
    for (const link of ['v1', 'v1&g=slip&d=0.001&n=1000&U=1,1,0,0', 'v1&i=dipoles&seed=7&pde=off']) {
      const a = decodeScenario(link);
      const b = decodeScenario(`${link}&ui=min`);
      expect(a.ok && b.ok && deepSame(a.scenario, b.scenario)).toBe(true);
    }
  });
});

/** The CLI's `init` in-process (runCli returns the result it writes). */
async function cliInit(link: string): Promise<{ particles: number[][] }> {
  const silent: CliIo = { stdout: () => undefined, stderr: () => undefined, stderrIsTerminal: false };
  return (await runCli(['init', '--in', link], silent)) as { particles: number[][] };
}

describe('the CLI reads hand-made links through the same codec', () => {
  it('starts from the hand-placed particles of a link', async () => {
    const link = 'https://lab.example/#v1&n=3&i=explicit&P=0.25,0.5,1;0.7,0.5,-1;1.2,-0.1,1&pde=off';
    const out = await cliInit(link);
    expect(out.particles.length).toBe(3);
    expect(out.particles[0]).toEqual([0.25, 0.5, 1]);
    expect(out.particles[1]).toEqual([0.7, 0.5, -1]);
    // wrapped onto the torus
    expect(out.particles[2][0]).toBeCloseTo(0.2, 12);
    expect(out.particles[2][1]).toBeCloseTo(0.9, 12);
  });

  it('samples from a painted density of a link exactly as the app does', async () => {
    const only = grid(4, (a, b) => [a === 1 && b === 2 ? 5 : 0, a === 3 && b === 0 ? 5 : 0]);
    const s = scenarioWith(only);
    s.n = 50;
    if (s.initial.kind === 'sample') s.initial.sampling = 'iid';
    const hash = encodeScenario(s);
    expect(hash).toBe('v1&n=50&rho=grid:4;0*9,5,0*6;0*3,5,0*12&samp=iid');
    const out = await cliInit(`#${hash}`);
    const app = initialConfiguration(s);
    expect(out.particles.length).toBe(50);
    out.particles.forEach(([x, y, b], i) => {
      expect([x, y, b]).toEqual([app.pos[2 * i], app.pos[2 * i + 1], app.signs[i]]);
      expect([Math.floor(x * 4), Math.floor(y * 4)]).toEqual(b === 1 ? [1, 2] : [3, 0]);
    });
  });
});
