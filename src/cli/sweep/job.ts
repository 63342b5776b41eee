/**
 * One run of a sweep, in a worker thread or in-process: model/study's runStudyJob (the function
 * the app's Study panel runs too), whose executeRun is `run`'s, so a row and `run --in <link>` with
 * the sweep's --pde/--samples/--replay/--modes agree bit for bit (tested). Any failure becomes the
 * row's status.
 */
import { parseModes } from '../../model/study/definition';
import { runStudyJob } from '../../model/study/execute';
import type { Measures } from '../../model/study/measures';
import { describeFailure } from '../report';
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

export function runJob(job: SweepJob): SweepResult {
  const started = performance.now();
  try {
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
    const run = { pde: job.pde, samples: job.samples, replay: job.replay, modes: parseModes(job.modes) };
    const measures = runStudyJob({ index: job.index, link: job.link, run }, watch);
    return { index: job.index, measures, status: 'ok', wallSeconds: measures.wall_s as number };
  } catch (e) {
    return {
      index: job.index,
      status: describeFailure(e, false).line,
      wallSeconds: (performance.now() - started) / 1000,
    };
  }
}
