/**
 * Headless CLI over the same model code the app runs in its workers.
 *   npm run sim -- velocities --in cfg.json --out out.json
 *   npm run sim -- run --in scenario.json --T 0.5 --out out.json [--rtol 1e-8] [--atol 1e-10]
 *        [--integrator auto|explicit|stiff]
 *   npm run sim -- init --in scenario.json --out out.json
 *   npm run sim -- pde --in scenario.json --T 0.2 --grid 128 --out out.json [--delta D|limit]
 * Errors: one line `field: message` on stderr, exit code 2 (1 for internal failures); see main.ts.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { initCommand } from './commands/init';
import { velocitiesCommand } from './commands/velocities';
import { InputError, readInput } from './input';
import { setupFrom } from './setup';

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
      result = runCommand(setup, {
        T,
        integrator: {
          method: method as 'auto' | 'explicit' | 'stiff',
          rtol: numberFlag(v, 'rtol', setup.scenario?.integrator.rtol ?? 1e-6, 1e-14, 1e-1),
          atol: numberFlag(v, 'atol', setup.scenario?.integrator.atol ?? 1e-9, 1e-16, 1e-1),
        },
      });
      break;
    }
    case 'pde':
      throw new InputError('command', 'pde is not available yet');
  }
  const json = JSON.stringify(result);
  const out = v.out as string | undefined;
  if (!out || out === '-') process.stdout.write(`${json}\n`);
  else writeFileSync(out, json);
  return result;
}
