/**
 * Studies on the circle (`dimension` 1, study/oneD.ts): a sweep over n and over the data/δ pair of
 * the dichotomy. Oracles: short dipoles (γ = 0.01, δ = n^{−3.5}) do not move, so their distance to the
 * PDE is the PDE's own movement and every particle is bound; δ = 0.05 quantile data stay close to
 * the PDE (far below its movement); the summary's slope of δ is −3.5 exactly; a row's d± and
 * energies equal `run --pde` of its link bit for bit (the same stepping).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../../src/cli/cli';
import { cellNumber, parseCsv } from '../../src/model/study/csv';
import { nearestOpposite1d } from '../../src/model/study/oneD';

const dir = mkdtempSync(join(tmpdir(), 'study-1d-'));
const at = (name: string) => join(dir, name);

function capture() {
  const io: CliIo & { out: string; err: string } = {
    out: '',
    err: '',
    stdout: (t) => {
      io.out += t;
    },
    stderr: (t) => {
      io.err += t;
    },
    stderrIsTerminal: false,
  };
  return io;
}

describe('sweep on the circle', () => {
  it('dichotomy over n: dipoles trapped, δ = 0.05 follows the PDE; rows equal `run`', async () => {
    const io = capture();
    await runCli(
      [
        'sweep',
        '--in',
        'v1&dim=1&c=poisson&N=128&T=0.05&U=1,1,0,0&rho=sine:0.5,1,0',
        '--vary',
        'data=d=0.05;i=dipoles&gamma=0.01&d=pow:1,3.5',
        '--vary',
        'n=64..256*2',
        '--pde',
        '--samples',
        '2',
        '--modes',
        '1,0',
        '--jobs',
        '1',
        '--fields',
        '+lambda,+regime,+bound_fraction_delta_0',
        '--out',
        at('s.csv'),
        '--summary',
        at('s.json'),
      ],
      io,
    );
    const t = parseCsv(readFileSync(at('s.csv'), 'utf8'));
    const col = (r: string[], name: string) => r[t.header.indexOf(name)];
    const num = (r: string[], name: string) => cellNumber(col(r, name)) as number;
    expect(t.rows).toHaveLength(6);
    for (const r of t.rows) {
      expect(col(r, 'status')).toBe('ok');
      const n = num(r, 'n');
      if (col(r, 'data').startsWith('i=dipoles')) {
        expect(num(r, 'delta')).toBeCloseTo(n ** -3.5, 20);
        expect(num(r, 'particles_moved')).toBeLessThan(1e-9);
        expect(Math.abs(num(r, 'd_plus') / num(r, 'pde_moved') - 1)).toBeLessThan(1e-3);
        expect(num(r, 'bound_fraction_delta')).toBe(1);
        expect(col(r, 'regime')).toBe('non-convergent');
      } else {
        expect(num(r, 'd_plus')).toBeLessThan(0.01 * num(r, 'pde_moved'));
        expect(num(r, 'bound_fraction_delta_0')).toBe(1); // 3δ = 0.15 ≫ the spacing 1/n
      }
      expect(num(r, 'kappa_1_0_abs')).toBeGreaterThanOrEqual(0);
    }
    // δ = 0.05: the distance falls with n (n = 64, 128, 256)
    // rows come in the order runs finish
    const conv = t.rows
      .filter((r) => col(r, 'data') === 'd=0.05')
      .sort((a, b) => num(a, 'n') - num(b, 'n'))
      .map((r) => num(r, 'd_plus'));
    console.log(`1D sweep, δ = 0.05: d_plus ${conv.map((v) => v.toExponential(2)).join(', ')}`);
    expect(conv).toHaveLength(3);
    expect(conv[1]).toBeLessThan(conv[0] / 2);
    expect(conv[2]).toBeLessThan(conv[1] / 2);
    const summary = JSON.parse(readFileSync(at('s.json'), 'utf8'));
    const dip = summary.groups.find((g: { key: Record<string, string> }) =>
      JSON.stringify(g).includes('dipoles'),
    );
    expect(dip.fits.delta.slope).toBeCloseTo(-3.5, 12);
    // a row equals `run --pde` of its link (d±, energies)
    const row = t.rows[t.rows.length - 1];
    const res = (await runCli(
      ['run', '--in', col(row, 'link'), '--pde', '--samples', '2', '--out', at('run.json')],
      capture(),
    )) as { measures: Record<string, number> };
    for (const m of ['d_plus', 'd_minus', 'energy_particles', 'energy_pde'])
      expect(Object.is(num(row, m), res.measures[m]), m).toBe(true);
  });

  it('refuses modes with q ≠ 0 on the circle (one line, the field named)', async () => {
    const io = capture();
    await runCli(
      [
        'sweep',
        '--in',
        'v1&dim=1&c=poisson&n=8&T=0.001',
        '--vary',
        'n=8;10',
        '--modes',
        '0,1',
        '--out',
        at('m.csv'),
      ],
      io,
    );
    const t = parseCsv(readFileSync(at('m.csv'), 'utf8'));
    expect(t.rows[0][t.header.indexOf('status')]).toMatch(/modes/);
  });
});

describe('nearest opposite-sign distance on T¹', () => {
  it('matches the brute-force minimum over the circle', () => {
    const x = Float64Array.from([0.01, 0.3, 0.98, 0.5, 0.52, 0.75]);
    const b = Int8Array.from([1, 1, -1, -1, 1, 1]);
    const d = nearestOpposite1d(x, b);
    for (let i = 0; i < x.length; i++) {
      let m = Number.POSITIVE_INFINITY;
      for (let j = 0; j < x.length; j++)
        if (b[j] !== b[i]) {
          const a = Math.abs(x[i] - x[j]);
          m = Math.min(m, a, 1 - a);
        }
      expect(d[i]).toBeCloseTo(m, 15);
    }
  });
});
