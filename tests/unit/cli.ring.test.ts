/**
 * The ring core through the CLI: the density-only `pde` command takes core "ring" (the PDE needs
 * only the multiplier) and keeps each mass, positivity and the energy's decrease; `run` moves
 * particles with it (kernels/cores/ring.ts) and E_n does not increase. Cost: ~1 s.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { ORACLE_DIR } from './oracle/cases';

const dir = mkdtempSync(join(tmpdir(), 'cli-ring-'));
const out = join(dir, 'out.json');
const input = JSON.parse(readFileSync(join(ORACLE_DIR, 'pub_pde_slip_gaussian_d0.04_T0.15.json'), 'utf8'));
const file = join(dir, 'ring.json');
writeFileSync(file, JSON.stringify({ ...input, geometry: 'isotropic', core: 'ring', expected: undefined }));

describe('CLI with core "ring"', () => {
  it('pde: runs, masses kept to round-off, ρ ≥ 0, energy non-increasing', async () => {
    const res = (await runCli(['pde', '--in', file, '--T', '0.05', '--grid', '64', '--out', out])) as {
      mass: [number, number];
      minRho: number;
      energy: number[][];
    };
    const m0 = (a: number[]) => a.reduce((s, x) => s + x, 0) / 4096;
    expect(Math.abs(res.mass[0] - m0(input.density.rhoPlus))).toBeLessThan(1e-12);
    expect(Math.abs(res.mass[1] - m0(input.density.rhoMinus))).toBeLessThan(1e-12);
    expect(res.minRho).toBeGreaterThanOrEqual(0);
    const e = res.energy.map((p) => p[1]);
    for (let i = 1; i < e.length; i++) expect(e[i]).toBeLessThanOrEqual(e[i - 1] + 1e-13);
  });
  it('run (particles): takes core "ring", E_n non-increasing', async () => {
    const cfg = join(dir, 'ring-particles.json');
    const particles = [
      [0.2, 0.3, 1],
      [0.21, 0.305, -1],
      [0.6, 0.7, 1],
      [0.65, 0.2, -1],
    ];
    writeFileSync(cfg, JSON.stringify({ geometry: 'isotropic', core: 'ring', delta: 0.03, particles }));
    const res = (await runCli(['run', '--in', cfg, '--T', '0.01', '--out', out])) as {
      particles: number[][];
      energy: number[][];
    };
    expect(res.particles.length).toBe(4);
    const e = res.energy.map((p) => p[1]);
    expect(e.length).toBeGreaterThan(1);
    for (let i = 1; i < e.length; i++) expect(e[i]).toBeLessThanOrEqual(e[i - 1] + 1e-13);
  });
});
