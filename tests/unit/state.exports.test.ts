import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { defaultScenario } from '../../src/model/scenario/defaults';
import { initialConfiguration } from '../../src/model/scenario/initial';
import { createDiagnosticSeries } from '../../src/state/diagnosticSeries';
import type { ParticleFrame } from '../../src/state/displayFrames';
import { particlesScenario, plottedSeries, seriesCsv, seriesJson } from '../../src/state/exports';

/** A CSV parser that knows quoted cells (independent of the writer). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  return rows;
}

function someSeries() {
  const s = createDiagnosticSeries();
  s.reset(0.1, 1);
  for (let k = 0; k < 6; k++) {
    s.data().t[k] = k * 0.1;
    s.record(k, 'energyParticles', 1 / (k + 3));
    s.record(k, 'boundFraction', k % 2 ? null : k / 10);
    s.record(k, 'distancePlus', 1e-300 * k);
  }
  return s.data();
}

describe('series exports', () => {
  it('CSV: t first, one column per plotted series with units, rows up to the clock, every digit', () => {
    const data = someSeries();
    const rows = parseCsv(seriesCsv(data, plottedSeries(true), 0.35));
    expect(rows[0][0]).toBe('t (model time)');
    expect(rows[0]).toHaveLength(1 + plottedSeries(true).length);
    expect(rows[0][1]).toBe('E_n particles [energy (model units)]');
    // checkpoints 0, 0.1, 0.2, 0.3 are on screen at t = 0.35; 0.4 and 0.5 were computed ahead
    expect(rows).toHaveLength(1 + 4);
    const col = (label: string) => rows[0].findIndex((h) => h.startsWith(label));
    for (let k = 0; k < 4; k++) {
      expect(Number(rows[1 + k][0])).toBe(data.t[k]);
      expect(Number(rows[1 + k][col('E_n particles')])).toBe(1 / (k + 3));
      expect(rows[1 + k][col('bound fraction')]).toBe(k % 2 ? '' : String(k / 10));
      expect(Number(rows[1 + k][col('|mu+ - rho+|')])).toBe(1e-300 * k);
      expect(rows[1 + k][col('E_delta(rho) PDE')]).toBe(''); // never recorded
    }
    // without the PDE its series are not columns
    const noPde = parseCsv(seriesCsv(data, plottedSeries(false), 1))[0];
    expect(noPde.some((h) => h.includes('PDE') || h.includes('rho'))).toBe(false);
    expect(noPde).toContain('bound fraction [share of particles (1)]');
  });

  it('JSON: the same rows, the link, units', () => {
    const data = someSeries();
    const j = JSON.parse(seriesJson(data, plottedSeries(false), 0.2, '#v1&n=3'));
    expect(j.link).toBe('#v1&n=3');
    expect(j.t).toEqual([0, 0.1, 0.2]);
    expect(j.series.energyParticles.values).toEqual([1 / 3, 1 / 4, 1 / 5]);
    expect(j.series.boundFraction).toMatchObject({ unit: 'share of particles (1)', values: [0, null, 0.2] });
  });
});

describe('the particles on screen as a scenario', () => {
  it('the CLI reads it back: the same particles bit for bit, and it runs', async () => {
    const s = defaultScenario();
    s.n = 40;
    s.delta = { rule: 'power', c: 1, p: 0.5 }; // a δ rule: must be frozen at the δ in force
    s.pde.grid = 32;
    const { pos, signs } = initialConfiguration(s);
    // a drawn picture: positions as the worker ships them (moved a little, wrapped)
    const moved = Float64Array.from(pos, (x, i) => (x + 0.1 * Math.sin(i)) % 1);
    for (let i = 0; i < moved.length; i++) if (moved[i] < 0) moved[i] += 1;
    const frame = { t: 0.3, n: 40, pos: moved, signs } as unknown as ParticleFrame;
    const exported = particlesScenario(s, frame);
    expect(exported.delta).toBeCloseTo(1 / Math.sqrt(40), 15);
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    const file = join(dir, 'particles.json');
    writeFileSync(file, JSON.stringify(exported));
    const init = (await runCli(['init', '--in', file, '--out', join(dir, 'init.json')])) as {
      particles: [number, number, number][];
    };
    expect(init.particles).toHaveLength(40);
    init.particles.forEach(([x, y, b], i) => {
      expect(x).toBe(moved[2 * i]);
      expect(y).toBe(moved[2 * i + 1]);
      expect(b).toBe(signs[i]);
    });
    const run = (await runCli(['run', '--in', file, '--T', '0.01', '--out', join(dir, 'run.json')])) as {
      particles: unknown[];
    };
    expect(run.particles).toHaveLength(40);
  });
});
