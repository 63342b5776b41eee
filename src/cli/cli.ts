/**
 * Headless CLI over the same model code the app runs in its workers.
 *   npm run sim -- velocities --in cfg.json --out out.json
 *   npm run sim -- run --in scenario.json --T 0.5 --out out.json [--rtol 1e-8] [--atol 1e-10]
 *        [--integrator auto|explicit|stiff] [--replay] [--pde [--grid N] [--pde-delta D|limit] [--samples K]]
 *   npm run sim -- init --in scenario.json --out out.json
 *   npm run sim -- pde --in scenario.json --T 0.2 --grid 128 --out out.json [--delta D|limit]
 * Errors: one line `field: message` on stderr, exit code 2 (1 for internal failures); see main.ts.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkpointInterval } from '../model/checkpoints';
import { initCommand } from './commands/init';
import { velocitiesCommand } from './commands/velocities';
import { InputError, readInput } from './input';
import { type RunSetup, setupFrom } from './setup';

const COMMANDS = ['velocities', 'run', 'init', 'pde'] as const;
type Command = (typeof COMMANDS)[number];

function numberFlag(
  values: Record<string, unknown>,
  name: string,
  dflt: number,
  min: number,
  max: number,
): number {
  const raw = values[name];
  if (raw === undefined) return dflt;
  const x = Number(raw);
  if (!(typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(x) && x >= min && x <= max))
    throw new InputError(name, `must be a number in [${min}, ${max}], got ${JSON.stringify(raw)}`);
  return x;
}

/** --grid N: a power of two in [8, 1024]; default the scenario's grid or the cfg's density grid. */
function gridFlag(values: Record<string, unknown>, setup: RunSetup): number {
  const dflt = setup.densityGrid ?? 128;
  const g = numberFlag(values, 'grid', dflt, 8, 1024);
  if (!Number.isInteger(g) || (g & (g - 1)) !== 0)
    throw new InputError('grid', `must be a power of two, got ${g}`);
  return g;
}

/** `run --replay --pde` samples both sides at checkpoints: T and T/samples must lie on the grid. */
function replayGrid(T: number, samples: number, h: number): void {
  const K = Math.round(T / h);
  if (K < 1 || Math.abs(T / h - K) > 1e-9 * K)
    throw new InputError('T', `with --replay --pde, T must be a multiple of the scenario's T/200 = ${h}`);
  if (K % samples !== 0)
    throw new InputError(
      'samples',
      `with --replay --pde, samples must divide T/(scenario T/200) = ${K} (sample times on the checkpoint grid)`,
    );
}

/** δ of the PDE: a flag value D or 'limit', else the scenario's pde.delta, else the particles' δ. */
function pdeDelta(raw: unknown, name: string, setup: RunSetup): number | 'limit' {
  if (raw === 'limit') return 'limit';
  if (raw !== undefined) {
    const d = Number(raw);
    if (!(Number.isFinite(d) && d > 0 && d <= 0.5))
      throw new InputError(name, `must be a number in (0, 0.5] or "limit", got ${JSON.stringify(raw)}`);
    return d;
  }
  const s = setup.scenario?.pde.delta;
  if (s === 'limit' || typeof s === 'number') return s;
  return setup.spec.delta;
}

/** Runs one CLI command; returns the JSON result (also written to --out or stdout). */
export async function runCli(argv: string[]): Promise<unknown> {
  const [command, ...rest] = argv;
  if (!COMMANDS.includes(command as Command))
    throw new InputError(
      'command',
      `must be one of ${COMMANDS.join(', ')}, got ${JSON.stringify(command ?? '')}`,
    );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      options: {
        in: { type: 'string' },
        out: { type: 'string' },
        T: { type: 'string' },
        rtol: { type: 'string' },
        atol: { type: 'string' },
        integrator: { type: 'string' },
        grid: { type: 'string' },
        delta: { type: 'string' },
        pde: { type: 'boolean' },
        'pde-delta': { type: 'string' },
        samples: { type: 'string' },
        replay: { type: 'boolean' },
      },
    });
  } catch (e) {
    throw new InputError('arguments', (e as Error).message.split('\n')[0]);
  }
  const v = parsed.values as Record<string, unknown>;
  const input = readInput(v.in as string | undefined, command !== 'pde');
  const setup = setupFrom(input);
  let result: unknown;
  switch (command as Command) {
    case 'velocities':
      result = velocitiesCommand(setup);
      break;
    case 'init':
      result = initCommand(setup);
      break;
    case 'run': {
      const method = (v.integrator as string | undefined) ?? setup.scenario?.integrator.method ?? 'auto';
      if (!['auto', 'explicit', 'stiff'].includes(method))
        throw new InputError('integrator', `must be auto, explicit or stiff, got ${JSON.stringify(method)}`);
      const T = numberFlag(v, 'T', setup.scenario?.T ?? Number.NaN, 0, 1e3);
      if (!Number.isFinite(T)) throw new InputError('T', 'missing --T (the final time)');
      const { runCommand } = await import('./commands/run');
      const pde = v.pde
        ? {
            T,
            grid: gridFlag(v, setup),
            delta: pdeDelta(v['pde-delta'], 'pde-delta', setup),
            samples: numberFlag(v, 'samples', 50, 1, 10000),
          }
        : undefined;
      if (v.replay && !setup.scenario)
        throw new InputError('replay', "needs a scenario or a link (its T sets the app's checkpoint grid)");
      if (v.replay && pde && setup.scenario) replayGrid(T, pde.samples, checkpointInterval(setup.scenario));
      result = runCommand(setup, {
        pde,
        T,
        stopEvery: v.replay && setup.scenario ? checkpointInterval(setup.scenario) : undefined,
        integrator: {
          method: method as 'auto' | 'explicit' | 'stiff',
          rtol: numberFlag(v, 'rtol', setup.scenario?.integrator.rtol ?? 1e-6, 1e-14, 1e-1),
          atol: numberFlag(v, 'atol', setup.scenario?.integrator.atol ?? 1e-9, 1e-16, 1e-1),
        },
      });
      break;
    }
    case 'pde': {
      const T = numberFlag(v, 'T', setup.scenario?.T ?? Number.NaN, 0, 1e3);
      if (!Number.isFinite(T)) throw new InputError('T', 'missing --T (the final time)');
      const { pdeCommand } = await import('./commands/pde');
      result = pdeCommand(setup, { T, grid: gridFlag(v, setup), delta: pdeDelta(v.delta, 'delta', setup) });
      break;
    }
  }
  const json = JSON.stringify(result);
  const out = v.out as string | undefined;
  if (!out || out === '-') process.stdout.write(`${json}\n`);
  else writeFileSync(out, json);
  return result;
}
