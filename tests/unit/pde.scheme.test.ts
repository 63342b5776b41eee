/**
 * The PDE's time scheme as a scenario setting (`pde.rk`, link key `prk`): it reaches every path a
 * user runs — the app's PDE worker (PdeEngine), the CLI's `pde --rk` and `run --pde --pde-rk` — and
 * the link of a run repeats it. Oracles: SSP-RK(4,3) has SSP coefficient 2 against SSP-RK3's 1, so
 * where the positivity (CFL) bound sets the step it takes about half as many steps; both schemes
 * are third order, so on the same grid they end at the same densities up to the time error (far
 * below the grid's). If the setting were dropped on the way, the step counts would be equal.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { InputError } from '../../src/cli/errors';
import { PdeEngine } from '../../src/model/engines/pdeEngine';
import { decodeScenario, encodeScenario } from '../../src/model/scenario/codec';
import { DEFAULT_SCENARIO } from '../../src/model/scenario/defaults';
import type { Scenario } from '../../src/model/scenario/types';

const out = join(mkdtempSync(join(tmpdir(), 'pde-scheme-')), 'out.json');

function scenario(link: string): Scenario {
  const r = decodeScenario(link);
  if (!r.ok) throw new Error(`${r.error.field}: ${r.error.message}`);
  return r.scenario;
}

const l1 = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
  return s / a.length;
};

describe('pde.rk in the scenario and the link', () => {
  it('prk=ssp43 reads, writes and round-trips; the default is not stored', () => {
    const s = scenario('v1&prk=ssp43&N=64');
    expect(s.pde.rk).toBe('ssp43');
    const link = encodeScenario(s);
    expect(link).toContain('prk=ssp43');
    expect(scenario(link)).toEqual(s);
    expect(encodeScenario(scenario('v1'))).not.toContain('prk');
    const explicitDefault = scenario('v1&prk=ssp33');
    expect('rk' in explicitDefault.pde).toBe(false);
    expect(explicitDefault).toEqual(scenario('v1'));
    expect(DEFAULT_SCENARIO.pde.rk).toBeUndefined();
  });

  it('refuses an unknown scheme, and SSP-RK(4,3) on the circle, naming pde.rk', () => {
    for (const link of ['v1&prk=rk4', 'v1&prk=', 'v1&dim=1&n=100&prk=ssp43']) {
      const r = decodeScenario(link);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.field).toBe('pde.rk');
    }
  });
});

describe('pde.rk reaches the solvers', () => {
  const base = 'v1&U=1,1,0,0&rho=sine:0.5,1,0&N=64&T=1';
  const T = 0.08; // a multiple of the checkpoint interval T/200

  it("the app's PDE worker: about half the steps, the same densities to ≪ the grid error", () => {
    const run = (link: string) => {
      const e = new PdeEngine();
      e.init(scenario(link), 1 / 200);
      let r = e.advance(T, Number.POSITIVE_INFINITY);
      while (r.t < T - 1e-12) r = e.advance(T, Number.POSITIVE_INFINITY);
      return r;
    };
    const a = run(base);
    const b = run(`${base}&prk=ssp43`);
    expect(b.t).toBe(a.t);
    const ratio = b.steps / a.steps;
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(0.7);
    const d = l1(a.rhoPlus, b.rhoPlus) + l1(a.rhoMinus, b.rhoMinus);
    expect(d).toBeGreaterThan(0); // a different scheme, not the same one twice
    expect(d).toBeLessThan(1e-4);
  });

  it('the CLI: pde --rk and run --pde --pde-rk (whose link carries prk), and a scenario with prk', async () => {
    type PdeOut = { steps: number; rhoPlus: number[] };
    const pde = async (extra: string[], link = base) =>
      (await runCli(['pde', '--in', link, '--T', String(T), ...extra, '--out', out])) as PdeOut;
    const p3 = await pde([]);
    const p43 = await pde(['--rk', 'ssp43']);
    const fromLink = await pde([], `${base}&prk=ssp43`);
    expect(p43.steps / p3.steps).toBeLessThan(0.7);
    expect(fromLink.steps).toBe(p43.steps);
    expect(fromLink.rhoPlus).toEqual(p43.rhoPlus);
    expect((await pde(['--rk', 'ssp33'], `${base}&prk=ssp43`)).steps).toBe(p3.steps);

    type RunOut = { pdeSteps: number; measures: { link?: string } };
    const run = async (extra: string[]) =>
      (await runCli([
        'run',
        '--in',
        'v1&n=50&d=0.05&U=1,1,0,0&N=64',
        '--T',
        String(T),
        '--pde',
        '--samples',
        '2',
        '--fields',
        '+link',
        ...extra,
        '--out',
        out,
      ])) as RunOut;
    const r3 = await run([]);
    const r43 = await run(['--pde-rk', 'ssp43']);
    expect(r43.pdeSteps / r3.pdeSteps).toBeLessThan(0.7);
    expect(r43.measures.link).toContain('prk=ssp43');
    expect(r3.measures.link).not.toContain('prk');
  });

  it('refuses a bad --rk / --pde-rk, and --rk ssp43 on the circle, naming the option', async () => {
    const bad = async (args: string[], field: string) => {
      const e = await runCli([...args, '--out', out]).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).field).toBe(field);
    };
    await bad(['pde', '--in', base, '--T', '0.01', '--rk', 'euler'], 'rk');
    await bad(['run', '--in', 'v1&n=20', '--T', '0.01', '--pde', '--pde-rk', 'rk4'], 'pde-rk');
    await bad(['pde', '--in', 'v1&dim=1&n=100', '--T', '0.01', '--rk', 'ssp43'], 'rk');
  });
});
