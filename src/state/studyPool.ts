/**
 * The Study panel's pool: jobs heaviest first (model/study's runWeight, as `sweep` orders them) on
 * `size` workers, each result reported as it arrives. A worker that dies fails its job with a
 * status line and is replaced; cancel() stops every worker at once (runs cannot be interrupted).
 */
import type { StudyJob } from '../model/study/execute';
import type { StudyJobResult, StudyWorker } from '../worker/studyWorker';

export interface StudyPool {
  cancel(): void;
  /** Resolves when every job has a result or the pool was cancelled. */
  done: Promise<void>;
}

export function runStudyPool(
  jobs: readonly StudyJob[],
  size: number,
  spawn: () => StudyWorker,
  onResult: (r: StudyJobResult) => void,
): StudyPool {
  const queue = [...jobs];
  const live = new Set<StudyWorker>();
  let cancelled = false;
  let finish = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const settle = () => {
    if (live.size === 0) finish();
  };
  const work = (w: StudyWorker) => {
    const job = queue.shift();
    if (!job || cancelled) {
      live.delete(w);
      w.terminate();
      settle();
      return;
    }
    const started = performance.now();
    w.run(job).then(
      (r) => {
        if (cancelled) return;
        onResult(r);
        work(w);
      },
      (e: unknown) => {
        if (cancelled) return;
        live.delete(w);
        w.terminate();
        onResult({
          index: job.index,
          status: String(e instanceof Error ? e.message : e).split('\n')[0],
          wallSeconds: (performance.now() - started) / 1000,
        });
        if (queue.length > 0) start();
        else settle();
      },
    );
  };
  const start = () => {
    const w = spawn();
    live.add(w);
    work(w);
  };
  const count = Math.min(Math.max(1, size), queue.length);
  for (let k = 0; k < count; k++) start();
  if (count === 0) finish();
  return {
    done,
    cancel() {
      cancelled = true;
      for (const w of live) w.terminate();
      live.clear();
      finish();
    },
  };
}
