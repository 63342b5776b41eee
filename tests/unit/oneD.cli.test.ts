import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { InputError } from '../../src/cli/input';

const dir = mkdtempSync(join(tmpdir(), 'cli1d-'));
const out = join(dir, 'out.json');
const read = () => JSON.parse(readFileSync(out, 'utf8'));

async function fieldOfError(args: string[]): Promise<string> {
  try {
    await runCli(args);
  } catch (e) {
    if (e instanceof InputError) return `${e.field}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

describe('CLI on the circle (dimension 1)', () => {
  it('velocities: a ± pair at separation s = x₋ − x₊ moves at ±V′(s)/2 (closed form), plus −bU′ (cfg [x, b])', async () => {
    const delta = 0.01;
    const cfg = {
      dimension: 1,
      core: 'poisson',
      delta,
      U: { modes: [{ a: 0.5, p: 1 }] },
      particles: [
        [0.2, 1],
        [0.45, -1],
      ],
    };
    await runCli(['velocities', '--in', JSON.stringify(cfg), '--out', out]);
    const q = Math.exp(-2 * Math.PI * delta);
    const s = 0.25;
    const dV =
      (-2 * Math.PI * q * Math.sin(2 * Math.PI * s)) / ((1 - q) ** 2 + 4 * q * Math.sin(Math.PI * s) ** 2);
    const dU = (x: number) => -0.5 * 2 * Math.PI * Math.sin(2 * Math.PI * x);
    const r = read();
    expect(r.velocities[0]).toHaveLength(1);
    expect(Math.abs(r.velocities[0][0] - (-dV / 2 - dU(0.2)))).toBeLessThan(1e-12);
    expect(Math.abs(r.velocities[1][0] - (dV / 2 + dU(0.45)))).toBeLessThan(1e-12);
  });

  it('run --pde from a dim=1 link: particles [x, b], the 1D regime lines, the distance series', async () => {
    const link = 'v1&dim=1&c=poisson&d=pow:1,4&n=40&U=1,1,0,0&i=dipoles&gamma=0.01';
    await runCli([
      'run',
      '--in',
      link,
      '--T',
      '0.05',
      '--pde',
      '--grid',
      '64',
      '--samples',
      '2',
      '--out',
      out,
    ]);
    const r = read();
    expect(r.dimension).toBe(1);
    expect(r.particles).toHaveLength(40);
    expect(r.particles[0]).toHaveLength(2);
    expect(r.regime.kind).toBe('non-convergent');
    expect(r.regime.lines.thm41).toBeCloseTo(40 ** -3, 15);
    expect(r.distance).toHaveLength(3);
    expect(r.rhoPlus).toHaveLength(64);
  });

  it('init of a dim=1 link: [x, b] at the quantiles (uniform ρ◦: + at (i + ¼)·2/n)', async () => {
    await runCli(['init', '--in', 'v1&dim=1&c=poisson&d=0.01&n=10', '--out', out]);
    const r = read();
    expect(r.particles).toHaveLength(10);
    expect(r.particles[0][1]).toBe(1);
    expect(Math.abs(r.particles[2][0] - 1.25 / 5)).toBeLessThan(1e-12);
  });

  it('executeRun refuses 1D setups instead of measuring them as 2D (studies run them through study/oneD.ts)', async () => {
    const { executeRun } = await import('../../src/cli/commands/run');
    const { setupFrom } = await import('../../src/cli/setup');
    const { readInput } = await import('../../src/cli/input');
    const setup = setupFrom(readInput('v1&dim=1&c=poisson&d=0.01&n=10'));
    const opts = { T: 0.1, integrator: { method: 'auto' as const, rtol: 1e-6, atol: 1e-9 }, modes: [] };
    expect(() => executeRun(setup, opts, false)).toThrow(/executeRun takes 2D setups/);
  });

  it('names the field of 1D-specific mistakes', async () => {
    const cfg = (o: object) => JSON.stringify({ dimension: 1, delta: 0.01, particles: [[0.1, 1]], ...o });
    expect(await fieldOfError(['velocities', '--in', cfg({ particles: [[0.1, 0.2, 1]] })])).toMatch(
      /^particles\[0\]: .*must be \[x, b\] in 1D/,
    );
    expect(await fieldOfError(['velocities', '--in', cfg({ U: { modes: [{ a: 1, p: 1, q: 2 }] } })])).toMatch(
      /^U.modes\[0\].q/,
    );
    expect(await fieldOfError(['velocities', '--in', cfg({ geometry: 'slip' })])).toMatch(/^geometry:/);
    expect(await fieldOfError(['run', '--in', 'v1&dim=1&n=41', '--T', '0.1'])).toMatch(
      /^n: .*must be even in 1D/,
    );
  });
});
