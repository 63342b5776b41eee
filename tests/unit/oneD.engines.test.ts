import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { negativeSobolevDistance } from '../../src/model/diagnostics/sobolev';
import { ParticleEngine } from '../../src/model/engines/particleEngine';
import { PdeEngine } from '../../src/model/engines/pdeEngine';
import { initialParticles1d } from '../../src/model/oneD/scenario1d';
import { hMinusDistance1d } from '../../src/model/oneD/sobolev1d';
import { createSystem1d, embed1d } from '../../src/model/oneD/system1d';
import { decodeScenario } from '../../src/model/scenario/codec';
import type { Scenario } from '../../src/model/scenario/types';
import { classifyChange } from '../../src/state/scenarioChanges';

// The app's engines on the circle (src/model/oneD/engine1d.ts): what the workers reply must be the
// 1D model's own quantities, and the state's 2D H⁻² formula applied to the replies' spectra must be
// the 1D distance of MATH §12.

function scenario(link: string): Scenario {
  const r = decodeScenario(link);
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
}

const LINK = 'v1&dim=1&c=poisson&d=0.05&n=40&U=1,1,0,0&T=0.2&N=64';

describe('engines on the circle', () => {
  it('start from the 1D initial data; the spectra give the 1D H⁻² distance', () => {
    const s = scenario(LINK);
    const h = s.T / 200;
    const p = new ParticleEngine().init(s, h);
    const q = new PdeEngine().init(s, h);
    const ref = initialParticles1d(s);
    expect(p.n).toBe(40);
    for (let i = 0; i < p.n; i++) {
      expect(p.pos[2 * i]).toBe(ref.x[i]);
      expect(p.pos[2 * i + 1]).toBe(0);
    }
    expect(q.N).toBe(64);
    expect(q.rhoPlus.length).toBe(64);
    const x = Float64Array.from({ length: p.n }, (_, i) => p.pos[2 * i]);
    // the reply's cells are float32; recompute the reference from the same float64 data the engine used
    const d = hMinusDistance1d(x, p.signs, Float64Array.from(q.rhoPlus), Float64Array.from(q.rhoMinus));
    const a = p.checkpoints[0].spectrum;
    const b = q.checkpoints[0].spectrum;
    if (!a || !b) throw new Error('no spectra');
    expect(negativeSobolevDistance(a.plus, b.plus)).toBeCloseTo(d.plus, 6);
    expect(negativeSobolevDistance(a.minus, b.minus)).toBeCloseTo(d.minus, 6);
    expect(p.checkpoints[0].energy).toBeCloseTo(
      createSystem1d(s.core, 0.05, s.field, p.signs).energy(embed1d(ref.x)),
      14,
    );
  });

  it('advance: masses exact, both energies non-increasing (F = 0), particles stay on the circle', () => {
    const s = scenario(LINK);
    const h = s.T / 200;
    const pe = new ParticleEngine();
    const qe = new PdeEngine();
    pe.init(s, h);
    qe.init(s, h);
    const p = pe.advance(20 * h, 1e9);
    const q = qe.advance(20 * h, 1e9);
    expect(p.checkpoints.map((c) => c.k)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (let i = 1; i < p.pos.length; i += 2) expect(p.pos[i]).toBe(0);
    for (const c of q.checkpoints) {
      expect(c.massPlus).toBeCloseTo(0.5, 12);
      expect(c.massMinus).toBeCloseTo(0.5, 12);
      expect(c.minRho).toBeGreaterThanOrEqual(0);
    }
    const e = q.checkpoints.map((c) => c.energy);
    for (let k = 1; k < e.length; k++) expect(e[k]).toBeLessThanOrEqual(e[k - 1] + 1e-12);
    const ep = p.checkpoints.map((c) => c.energy);
    for (let k = 1; k < ep.length; k++) expect(ep[k]).toBeLessThanOrEqual(ep[k - 1] + 1e-12);
  });

  it('the app engines at T agree with `run --pde` on the circle, which steps on its own', async () => {
    // independent step sequences (checkpoint grid vs 10 samples): agreement to the tolerances
    const link = `${LINK}&F=0.5,0`;
    const s = scenario(link);
    const h = s.T / 200;
    const pe = new ParticleEngine();
    const qe = new PdeEngine();
    pe.init(s, h);
    qe.init(s, h);
    const p = pe.advance(s.T, 1e9);
    const q = qe.advance(s.T, 1e9);
    const out = join(mkdtempSync(join(tmpdir(), 'oned-')), 'out.json');
    const cli = (await runCli([
      'run',
      '--in',
      link,
      '--T',
      String(s.T),
      '--pde',
      '--grid',
      '64',
      '--samples',
      '10',
      '--out',
      out,
    ])) as {
      particles: [number, number][];
      rhoPlus: number[];
    };
    let dx = 0;
    cli.particles.forEach(([x], i) => {
      const d = Math.abs(x - p.pos[2 * i]);
      dx = Math.max(dx, Math.min(d, 1 - d));
    });
    // measured 5.6e-10 (rtol 1e-6, atol 1e-9: the defaults)
    expect(dx).toBeLessThan(1e-7);
    let drho = 0;
    cli.rhoPlus.forEach((r, c) => {
      drho = Math.max(drho, Math.abs(r - q.rhoPlus[c]));
    });
    // the PDE's time-stepping error at N = 64 (SSP-RK3 at different dt; measured 4.9e-6)
    expect(drho).toBeLessThan(1e-4);
  });

  it('switching the dimension restarts both sides', () => {
    const one = scenario(LINK);
    const two: Scenario = { ...one };
    delete two.dimension;
    expect(classifyChange(two, one)).toMatchObject({ restart: true, pdeSetup: true });
  });
});
