/**
 * The CLI's command line, read strictly: known options only, each at most once, numbers in plain
 * decimal (no hex, Infinity or blanks: `--T 0x10` is an error, not 16), and an option's value may
 * be a negative number (`--T -1` is the value −1, reported as out of range, not "ambiguous").
 */
import { parseArgs } from 'node:util';
import { parseNumber } from '../model/scenario/numbers';
import { clip, quote } from '../model/scenario/read';
import { InputError } from './errors';

export const COMMANDS = ['velocities', 'run', 'init', 'pde'] as const;
export type Command = (typeof COMMANDS)[number];

const STRING_OPTIONS = [
  'in',
  'out',
  'T',
  'rtol',
  'atol',
  'integrator',
  'grid',
  'delta',
  'pde-delta',
  'samples',
  'max-wall',
] as const;
const BOOLEAN_OPTIONS = ['pde', 'replay', 'progress', 'debug'] as const;
const OPTIONS = Object.fromEntries([
  ...STRING_OPTIONS.map((name) => [name, { type: 'string' as const }]),
  ...BOOLEAN_OPTIONS.map((name) => [name, { type: 'boolean' as const }]),
]);

const COMMON = ['in', 'out', 'debug'];
const STEPPING = ['T', 'grid', 'progress', 'max-wall'];
/** The options each command takes: any other known option is a mistake (it would be ignored). */
const COMMAND_OPTIONS: Record<Command, readonly string[]> = {
  velocities: COMMON,
  init: COMMON,
  run: [...COMMON, ...STEPPING, 'rtol', 'atol', 'integrator', 'pde', 'pde-delta', 'samples', 'replay'],
  pde: [...COMMON, ...STEPPING, 'delta'],
};

export const USAGE = `usage: npm run sim -- <command> --in <file|link> [--out file.json] [options]
  velocities                     velocities and energy of a cfg or scenario
  init                           the particles a scenario starts from
  run --T t                      the particles at t  [--rtol r] [--atol a] [--integrator auto|explicit|stiff]
                                 [--replay] [--pde [--grid N] [--pde-delta D|limit] [--samples K]]
  pde --T t                      the densities at t  [--grid N] [--delta D|limit]
  run, pde: --progress (on by default on a terminal), --max-wall SECONDS (exit 3, nothing written)
  any: --debug (stack traces)    exit codes: 0 ok, 1 computation failed, 2 bad input, 3 --max-wall
`;

export type Flags = Partial<Record<(typeof STRING_OPTIONS)[number], string>> &
  Partial<Record<(typeof BOOLEAN_OPTIONS)[number], boolean>>;

/** `--name value` with a value that starts with '-' (a negative number, or '-') as `--name=value`. */
function joinDashValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = args[i + 1];
    const name = a.startsWith('--') ? a.slice(2) : '';
    const takesValue = (STRING_OPTIONS as readonly string[]).includes(name);
    const dashValue = next?.startsWith('-') && (next === '-' || parseNumber(next) !== undefined);
    if (takesValue && next !== undefined && dashValue) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** The option a parseArgs message is about, if it names one we know. */
function optionNamed(message: string): string | undefined {
  const m = /'--([A-Za-z][\w-]*)/.exec(message);
  return m && Object.hasOwn(OPTIONS, m[1]) ? m[1] : undefined;
}

/** Splits argv into the command and its flags; errors name the option (or `arguments`). */
export function parseCommandLine(argv: readonly string[]): { command: Command; flags: Flags } {
  const [command, ...rest] = argv;
  if (!COMMANDS.includes(command as Command))
    throw new InputError('command', `must be one of ${COMMANDS.join(', ')}, got ${quote(command ?? '')}`);
  const args = joinDashValues(rest);
  const seen = new Set<string>();
  for (const a of args) {
    const name = a.startsWith('--') ? a.slice(2).split('=')[0] : '';
    if (!Object.hasOwn(OPTIONS, name)) continue;
    if (!COMMAND_OPTIONS[command as Command].includes(name))
      throw new InputError(
        name,
        `--${name} is not an option of ${command} (it takes ${COMMAND_OPTIONS[command as Command].map((o) => `--${o}`).join(', ')})`,
      );
    if (seen.has(name)) throw new InputError(name, `given twice (--${name})`);
    seen.add(name);
  }
  try {
    const { values } = parseArgs({ args, strict: true, allowPositionals: false, options: OPTIONS });
    return { command: command as Command, flags: values as Flags };
  } catch (e) {
    const message = clip(String((e as Error).message).split('\n')[0], 200);
    throw new InputError(optionNamed(message) ?? 'arguments', message);
  }
}

/** A plain decimal number in [min, max] (whole if `integer`) from a flag; `dflt` when absent. */
export function numberFlag(
  raw: string | undefined,
  name: string,
  dflt: number,
  range: { min: number; max: number; integer?: boolean },
): number {
  if (raw === undefined) return dflt;
  const x = parseNumber(raw.trim());
  const what = range.integer ? 'a whole number' : 'a decimal number';
  if (x === undefined || !(x >= range.min && x <= range.max) || (range.integer && !Number.isInteger(x)))
    throw new InputError(name, `must be ${what} in [${range.min}, ${range.max}], got ${quote(raw)}`);
  return x;
}
