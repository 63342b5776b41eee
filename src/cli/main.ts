/** Entry point of `npm run sim`: errors become one line on stderr and a non-zero exit code. */
import { runCli } from './cli';
import { InputError } from './input';

// exitCode rather than process.exit(): exiting at once can cut off output still queued on a pipe.
runCli(process.argv.slice(2)).then(
  () => {
    process.exitCode = 0;
  },
  (e: unknown) => {
    if (e instanceof InputError) {
      process.stderr.write(`error: ${e.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
