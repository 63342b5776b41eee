/**
 * A study job in a Web Worker: model/study's runStudyJob (the CLI sweep's own function) with any
 * failure turned into the row's one-line status, as the CLI writes it.
 */
import { Invalid } from '../model/scenario/read';
import { runStudyJob, type StudyJob } from '../model/study/execute';
import type { Measures } from '../model/study/measures';

export interface StudyJobResult {
  index: number;
  /** Absent when the run failed. */
  measures?: Measures;
  /** `ok`, or the run's one-line error. */
  status: string;
  wallSeconds: number;
}

/** At most this many characters of a status line (messages echo input). */
const LINE_MAX = 400;

/** The status line of a failure: `error: field: message` for bad input, `error: …` else. */
export function failureLine(e: unknown): string {
  const text =
    e instanceof Invalid
      ? `error: ${e.field}: ${e.message}`
      : e instanceof Error && e.constructor === Error
        ? `error: ${e.message}`
        : `internal error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  const line = text.replace(/\s*\n\s*/g, ' ').trim();
  return line.length > LINE_MAX ? `${line.slice(0, LINE_MAX - 1)}…` : line;
}

export function studyJobResult(job: StudyJob): StudyJobResult {
  const started = performance.now();
  try {
    const measures = runStudyJob(job);
    return { index: job.index, measures, status: 'ok', wallSeconds: measures.wall_s as number };
  } catch (e) {
    return { index: job.index, status: failureLine(e), wallSeconds: (performance.now() - started) / 1000 };
  }
}
