import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { InputError } from '../../src/cli/input';
import { encodeScenario } from '../../src/model/scenario/codec';
import { defaultScenario } from '../../src/model/scenario/defaults';
import { ORACLE_DIR, relativeVelocityError } from './oracle/cases';

const dir = mkdtempSync(join(tmpdir(), 'cli-'));
const out = join(dir, 'out.json');

async function fieldOfError(args: string[]): Promise<string> {
  try {
    await runCli(args);
  } catch (e) {
    if (e instanceof InputError) return e.field;
    throw e;
  }
  return 'no error';
}

describe('CLI', () => {
  it('velocities: matches an independent oracle case through the file interface', async () => {
    const file = join(ORACLE_DIR, 'pub_vel_iso_poisson_n12_d0.02_UF.json');
    await runCli(['velocities', '--in', file, '--out', out]);
    const res = JSON.parse(readFileSync(out, 'utf8'));
    const ref = JSON.parse(readFileSync(file, 'utf8')).expected;
    expect(relativeVelocityError(res.velocities.flat(), ref.velocities)).toBeLessThan(1e-6);
    expect(Math.abs(res.energy - ref.energy) / Math.abs(ref.energy)).toBeLessThan(1e-8);
  });

  it('names the bad field of a malformed cfg', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        delta: 0.01,
        particles: [
          [0.1, 0.2, 1],
          [0.3, 0.4, 0],
        ],
      }),
    );
    expect(await fieldOfError(['velocities', '--in', bad, '--out', out])).toBe('particles[1][2]');
    writeFileSync(bad, JSON.stringify({ delta: -1, particles: [[0.1, 0.2, 1]] }));
    expect(await fieldOfError(['velocities', '--in', bad, '--out', out])).toBe('delta');
    writeFileSync(
      bad,
      JSON.stringify({ delta: 0.1, U: { modes: [{ a: 1, p: 0.5 }] }, particles: [[0.1, 0.2, 1]] }),
    );
    expect(await fieldOfError(['velocities', '--in', bad, '--out', out])).toBe('U.modes[0].p');
    writeFileSync(bad, '{"delta": 0.1,');
    expect(await fieldOfError(['velocities', '--in', bad, '--out', out])).toBe('in');
    expect(await fieldOfError(['velocities', '--in', bad, '--bogus'])).toBe('arguments');
    expect(await fieldOfError(['fly'])).toBe('command');
    expect(await fieldOfError(['init', '--in', 'v99&n=3'])).toBe('version');
  });

  it('init: a share link and the equivalent JSON scenario give bit-identical particles', async () => {
    const s = defaultScenario();
    s.n = 37;
    s.geometry = 'slip';
    const jsonFile = join(dir, 's.json');
    writeFileSync(jsonFile, JSON.stringify(s));
    await runCli(['init', '--in', jsonFile, '--out', out]);
    const fromJson = readFileSync(out, 'utf8');
    await runCli(['init', '--in', `https://example.org/lab/#${encodeScenario(s)}`, '--out', out]);
    expect(readFileSync(out, 'utf8')).toBe(fromJson);
    const ps = JSON.parse(fromJson).particles as number[][];
    expect(ps).toHaveLength(37);
    for (const [x, y] of ps) expect(x >= 0 && x < 1 && y >= 0 && y < 1).toBe(true);
  });

  it('exits non-zero with one stderr line naming the field', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'init', '--in', 'v1&n=1'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: n: /);
  });
});

describe('CLI pde', () => {
  const file = join(ORACLE_DIR, 'pub_pde_slip_gaussian_d0.04_T0.15.json');

  it('evolves the oracle density on its grid, keeping each mass and positivity', async () => {
    const res = (await runCli(['pde', '--in', file, '--T', '0.05', '--grid', '64', '--out', out])) as {
      grid: number;
      rhoPlus: number[];
      mass: [number, number];
      minRho: number;
      energy: number[][];
    };
    const input = JSON.parse(readFileSync(file, 'utf8')).density;
    const m0 = (a: number[]) => a.reduce((s, x) => s + x, 0) / 4096;
    expect(res.grid).toBe(64);
    expect(res.rhoPlus).toHaveLength(4096);
    expect(Math.abs(res.mass[0] - m0(input.rhoPlus))).toBeLessThan(1e-12);
    expect(Math.abs(res.mass[1] - m0(input.rhoMinus))).toBeLessThan(1e-12);
    expect(res.minRho).toBeGreaterThanOrEqual(0);
    const energies = res.energy.map((e) => e[1]);
    for (let i = 1; i < energies.length; i++)
      expect(energies[i]).toBeLessThanOrEqual(energies[i - 1] + 1e-13);
  });

  it('rejects a grid that does not match the density block, and a bad --delta', async () => {
    expect(await fieldOfError(['pde', '--in', file, '--T', '0.1', '--grid', '128', '--out', out])).toBe(
      'grid',
    );
    expect(await fieldOfError(['pde', '--in', file, '--T', '0.1', '--grid', '64', '--delta', 'tiny'])).toBe(
      'delta',
    );
    expect(await fieldOfError(['pde', '--in', file, '--grid', '64', '--T=-1'])).toBe('T');
  });
});

describe('CLI run --pde: the diagnostics of MATH §8', () => {
  it('distance, entropy, dipole fraction and regime against closed forms', async () => {
    // two ± pairs 0.5δ apart and two loose particles, next to the uniform ρ± = ½ (stationary for
    // U = 0, so the entropy stays log ½ exactly and the dipoles only shrink)
    const delta = 0.01;
    const N = 16;
    const cfg = {
      geometry: 'isotropic',
      core: 'gaussian',
      delta,
      particles: [
        [0.2, 0.2, 1],
        [0.2 + 0.5 * delta, 0.2, -1],
        [0.7, 0.3, 1],
        [0.7, 0.3 + 0.5 * delta, -1],
        [0.45, 0.8, 1],
        [0.95, 0.6, -1],
      ],
      density: { grid: N, rhoPlus: new Array(N * N).fill(0.5), rhoMinus: new Array(N * N).fill(0.5) },
    };
    const file = join(dir, 'pairs.json');
    writeFileSync(file, JSON.stringify(cfg));
    const T = 0.002;
    const res = (await runCli([
      'run',
      '--in',
      file,
      '--T',
      String(T),
      '--pde',
      '--grid',
      String(N),
      '--samples',
      '4',
      '--out',
      out,
    ])) as {
      distance: number[][];
      entropy: number[][];
      boundFraction: number[][];
      medianNearestOpposite: number[][];
      regime: { lambda: number; log10Criterion: number; kind: string; lines: { convergence: number } };
    };
    expect(res.distance).toHaveLength(5);
    for (const [, S] of res.entropy) expect(S).toBeCloseTo(Math.log(0.5), 12);
    // 4 of 6 particles sit in pairs 0.5δ < 3δ apart; the loose ones are ≥ 0.25 from any partner
    for (const [, f] of res.boundFraction) expect(f).toBeCloseTo(4 / 6, 14);
    expect(res.medianNearestOpposite[0][1]).toBeCloseTo(0.5 * delta, 12);
    // isotropic gaussian: λ_δ = 1/(2δ²) + O(1), criterion exp(3λT)·n^{−1/2}
    expect(Math.abs(res.regime.lambda - 1 / (2 * delta * delta))).toBeLessThan(10);
    const expected = (3 * res.regime.lambda * T) / Math.LN10 - 0.5 * Math.log10(6);
    expect(res.regime.log10Criterion).toBeCloseTo(expected, 10);
    expect(res.regime.lines.convergence).toBeCloseTo(Math.sqrt((3 * T) / Math.log(6)), 12);
    // criterion ≫ 1 and δ = 0.01 ≤ n^{−2} = 1/36: the short-dipole side of Thm 4.4
    expect(res.regime.log10Criterion).toBeGreaterThan(0);
    expect(res.regime.kind).toBe('non-convergent');
    // H^{−2} distance of 6 point masses from the uniform density: O(1/√n), far from 0, and finite
    for (const [, dp, dm] of res.distance) {
      expect(dp).toBeGreaterThan(1e-3);
      expect(dm).toBeGreaterThan(1e-3);
      expect(dp).toBeLessThan(0.2);
    }
  });
});

describe('CLI watched runs', () => {
  it('--progress and --max-wall leave the steps alone: bit-identical results, with and without --replay', async () => {
    const link = 'v1&n=20&N=32&T=0.01';
    const quiet = { stdout: () => {}, stderr: () => {}, stderrIsTerminal: false };
    for (const extra of [[], ['--replay']]) {
      const args = [
        'run',
        '--in',
        link,
        '--T',
        '0.01',
        '--pde',
        '--samples',
        '2',
        '--fields',
        '+grids',
        ...extra,
      ];
      const plain = (await runCli([...args, '--out', out], quiet)) as Record<string, unknown>;
      const watched = (await runCli(
        [...args, '--out', out, '--progress', '--max-wall', '600'],
        quiet,
      )) as Record<string, unknown>;
      for (const key of ['particles', 'rhoPlus', 'rhoMinus', 'distance', 'steps', 'pdeSteps', 'measures']) {
        expect(plain[key], key).toBeDefined();
        expect(watched[key], key).toEqual(
          key === 'measures' ? { ...(plain[key] as object), wall_s: expect.any(Number) } : plain[key],
        );
      }
    }
  });
});
