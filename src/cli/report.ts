/**
 * The CLI's top level: runs a command and turns every failure into one line on stderr and an exit
 * code (errors.ts), never a stack trace unless --debug is given.
 */

import { Invalid } from '../model/scenario/read';
import { type CliIo, PROCESS_IO, runCli } from './cli';
import { EXIT, InputError, WallClockLimit } from './errors';
import { USAGE } from './help';

/** At most this many characters of an error line are printed (messages echo input). */
const LINE_MAX = 400;

function oneLine(text: string): string {
  const line = text.replace(/\s*\n\s*/g, ' ').trim();
  return line.length > LINE_MAX ? `${line.slice(0, LINE_MAX - 1)}…` : line;
}

/** The stderr line and exit code of a failure. */
export function describeFailure(e: unknown, debug: boolean): { line: string; code: number } {
  const err = e instanceof Error ? e : new Error(String(e));
  if (err instanceof InputError) return { line: oneLine(`error: ${err.message}`), code: EXIT.input };
  // a model reader's verdict on input that reached it unwrapped: still the user's to fix
  if (err instanceof Invalid)
    return { line: oneLine(`error: ${err.field}: ${err.message}`), code: EXIT.input };
  if (err instanceof WallClockLimit) return { line: oneLine(`error: ${err.message}`), code: EXIT.wallClock };
  // a plain Error is a computation that failed (integrator, PDE, result check); a TypeError,
  // RangeError, … is a bug
  if (err.constructor === Error) return { line: oneLine(`error: ${err.message}`), code: EXIT.failed };
  const hint = debug ? '' : ' (rerun with --debug for the stack)';
  return { line: oneLine(`internal error: ${err.name}: ${err.message}${hint}`), code: EXIT.failed };
}

/** Runs the CLI with `argv` (without node and the script); resolves to the exit code. */
export async function cliMain(argv: string[], io: CliIo = PROCESS_IO): Promise<number> {
  if (argv.length === 0 || ['help', '--help', '-h'].includes(argv[0])) {
    (argv.length === 0 ? io.stderr : io.stdout)(USAGE);
    return argv.length === 0 ? EXIT.input : EXIT.ok;
  }
  try {
    await runCli(argv, io);
    return EXIT.ok;
  } catch (e) {
    const debug = argv.includes('--debug');
    const { line, code } = describeFailure(e, debug);
    io.stderr(`${io.stderrIsTerminal ? '\r\x1b[K' : ''}${line}\n`);
    if (debug && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return code;
  }
}
