/**
 * One run of a sweep, in a worker thread or in-process: exactly `run --in <link>` with the
 * sweep's --pde/--samples/--replay/--modes (the same reading of the same flags, the same
 * executeRun), so its row and that command agree bit for bit. Any failure becomes the row's status.
 */
import type { Measures } from '../../model/study/measures';
import type { Flags } from '../args';
import { runRequest } from '../cli';
import { executeRun } from '../commands/run';
import { readInput } from '../input';
import { describeFailure } from '../report';
import { assertFiniteResult } from '../result';
import { setupFrom } from '../setup';
import { Watch } from '../watch';

export interface SweepJob {
  index: number;
  link: string;
  pde: boolean;
  samples: number;
  replay: boolean;
  /** `--modes` text ('' for none). */
  modes: string;
  /** Per-run wall-clock limit in seconds. */
  maxWall?: number;
}

export interface SweepResult {
  index: number;
  /** Absent when the run failed. */
  measures?: Measures;
  /** `ok`, or the run's one-line error. */
  status: string;
  wallSeconds: number;
}

/** The `run` flags that repeat this job (besides --in <link>). */
export function jobFlags(job: SweepJob): Flags {
  const flags: Flags = {};
  if (job.pde) {
    flags.pde = true;
    flags.samples = String(job.samples);
  }
  if (job.replay) flags.replay = true;
  if (job.modes !== '') flags.modes = job.modes;
  return flags;
}

export function runJob(job: SweepJob): SweepResult {
  const started = performance.now();
  try {
    const setup = setupFrom(readInput(job.link));
    const watch = (T: number) =>
      job.maxWall === undefined
        ? undefined
        : new Watch({
            label: 'run',
            T,
            maxWallSeconds: job.maxWall,
            progress: false,
            terminal: false,
            write: () => {},
            limitNote: 'no measures in this row (raise --max-wall to run it)',
          });
    const request = runRequest(jobFlags(job), setup, watch);
    const { measures, wallSeconds } = executeRun(setup, request.opts, false);
    assertFiniteResult(measures);
    return { index: job.index, measures, status: 'ok', wallSeconds };
  } catch (e) {
    return {
      index: job.index,
      status: describeFailure(e, false).line,
      wallSeconds: (performance.now() - started) / 1000,
    };
  }
}
