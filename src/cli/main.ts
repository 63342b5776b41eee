/** Entry point of `npm run sim`: see report.ts for the exit codes and error lines. */
import { cliMain } from './report';
import { allowHelperThreads } from './threads';

allowHelperThreads();

// exitCode rather than process.exit(): exiting at once can cut off output still queued on a pipe.
cliMain(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
