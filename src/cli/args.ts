/**
 * The CLI's command line, read strictly: known options only, each at most once (`--vary` may
 * repeat), numbers in plain decimal (no hex, Infinity or blanks: `--T 0x10` is an error, not 16),
 * and an option's value may be a negative number (`--T -1` is the value −1, reported as out of
 * range, not "ambiguous"). Only `sweep --merge` takes file arguments.
 */
import { parseArgs } from 'node:util';
import { parseNumber } from '../model/scenario/numbers';
import { clip, quote } from '../model/scenario/read';
import { PDE_SCHEMES, type PdeScheme } from '../model/scenario/types';
import { InputError } from './errors';

export const COMMANDS = ['velocities', 'run', 'init', 'pde', 'sweep', 'schema'] as const;
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
  'pde-rk',
  'rk',
  'samples',
  'max-wall',
  'fields',
  'modes',
  'vary',
  'jobs',
  'shard',
  'summary',
] as const;
const BOOLEAN_OPTIONS = ['pde', 'replay', 'progress', 'debug', 'resume', 'merge', 'dry-run', 'help'] as const;
/** Options that may be given more than once (their values are collected in order). */
const REPEATABLE = new Set(['vary']);
const OPTIONS = Object.fromEntries([
  ...STRING_OPTIONS.map((name) => [name, { type: 'string' as const, multiple: REPEATABLE.has(name) }]),
  ...BOOLEAN_OPTIONS.map((name) => [name, { type: 'boolean' as const }]),
]);

const COMMON = ['in', 'out', 'debug', 'help'];
const STEPPING = ['T', 'grid', 'progress', 'max-wall'];
const RUN = [
  'rtol',
  'atol',
  'integrator',
  'pde',
  'pde-delta',
  'pde-rk',
  'samples',
  'replay',
  'modes',
  'fields',
];
/** The options each command takes: any other known option is a mistake (it would be ignored). */
export const COMMAND_OPTIONS: Record<Command, readonly string[]> = {
  velocities: COMMON,
  init: COMMON,
  run: [...COMMON, ...STEPPING, ...RUN],
  pde: [...COMMON, ...STEPPING, 'delta', 'rk'],
  sweep: [...COMMON, ...STEPPING, ...RUN, 'vary', 'jobs', 'shard', 'resume', 'summary', 'merge', 'dry-run'],
  schema: ['out', 'debug', 'help'],
};

export type Flags = Partial<Record<Exclude<(typeof STRING_OPTIONS)[number], 'vary'>, string>> &
  Partial<Record<(typeof BOOLEAN_OPTIONS)[number], boolean>> & { vary?: string[] };

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

export interface CommandLine {
  command: Command;
  flags: Flags;
  /** File arguments (only `sweep --merge` has them). */
  files: string[];
}

/** Splits argv into the command, its flags and files; errors name the option (or `arguments`). */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const [command, ...rest] = argv;
  if (!COMMANDS.includes(command as Command))
    throw new InputError('command', `must be one of ${COMMANDS.join(', ')}, got ${quote(command ?? '')}`);
  const allowed = COMMAND_OPTIONS[command as Command];
  const args = joinDashValues(rest);
  const seen = new Set<string>();
  for (const a of args) {
    const name = a.startsWith('--') ? a.slice(2).split('=')[0] : '';
    if (!Object.hasOwn(OPTIONS, name)) continue;
    if (!allowed.includes(name))
      throw new InputError(
        name,
        `--${name} is not an option of ${command} (it takes ${allowed.map((o) => `--${o}`).join(', ')})`,
      );
    if (seen.has(name) && !REPEATABLE.has(name)) throw new InputError(name, `given twice (--${name})`);
    seen.add(name);
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, strict: true, allowPositionals: command === 'sweep', options: OPTIONS });
  } catch (e) {
    const message = clip(String((e as Error).message).split('\n')[0], 200);
    throw new InputError(optionNamed(message) ?? 'arguments', message);
  }
  const flags = parsed.values as Flags;
  const files = parsed.positionals;
  if (files.length > 0 && !flags.merge)
    throw new InputError(
      'arguments',
      `unexpected argument ${quote(files[0])} (file arguments go with sweep --merge)`,
    );
  return { command: command as Command, flags, files };
}

/** A PDE time scheme from a flag (ssp33 or ssp43); undefined when absent. */
export function schemeFlag(raw: string | undefined, name: string): PdeScheme | undefined {
  if (raw === undefined) return undefined;
  if (!(PDE_SCHEMES as readonly string[]).includes(raw))
    throw new InputError(name, `must be ${PDE_SCHEMES.join(' or ')}, got ${quote(raw)}`);
  return raw as PdeScheme;
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
