/**
 * The CLI's top level: runs a command and turns every failure into one line on stderr and an exit
 * code (errors.ts), never a stack trace unless --debug is given.
 */
import { USAGE } from './args';
import { type CliIo, PROCESS_IO, runCli } from './cli';
import { EXIT, InputError, WallClockLimit } from './errors';

/** At most this many characters of an error message are printed (messages echo input). */
const LINE_MAX = 400;

function oneLine(text: string): string {
  const line = text.replace(/\s*\n\s*/g, ' ').trim();
  return line.length > LINE_MAX ? `${line.slice(0, LINE_MAX - 1)}…` : line;
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
    const clear = io.stderrIsTerminal ? '\r\x1b[K' : '';
    const err = e instanceof Error ? e : new Error(String(e));
    // a plain Error is a computation that failed (integrator, PDE, result check); anything else
    // (TypeError, RangeError, …) is a bug
    const plain = err instanceof InputError || err instanceof WallClockLimit || err.constructor === Error;
    const line = plain
      ? `error: ${err.message}`
      : `internal error: ${err.name}: ${err.message}${argv.includes('--debug') ? '' : ' (rerun with --debug for the stack)'}`;
    io.stderr(`${clear}${oneLine(line)}\n`);
    if (argv.includes('--debug') && err.stack) io.stderr(`${err.stack}\n`);
    if (err instanceof InputError) return EXIT.input;
    if (err instanceof WallClockLimit) return EXIT.wallClock;
    return EXIT.failed;
  }
}
