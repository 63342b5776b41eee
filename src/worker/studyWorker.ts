import * as Comlink from 'comlink';
import type { StudyJob } from '../model/study/execute';
import type { StudyWorkerApi } from './study.worker';
import type { StudyJobResult } from './studyJob';

export type { StudyJobResult };

/** One background worker of the Study panel's pool. */
export interface StudyWorker {
  run(job: StudyJob): Promise<StudyJobResult>;
  terminate(): void;
}

/**
 * A study worker. A crash (out of memory, an uncaught error) rejects the job it was running
 * with a one-line reason; terminate() rejects it too (cancel).
 */
export function spawnStudyWorker(): StudyWorker {
  const worker = new Worker(new URL('./study.worker.ts', import.meta.url), { type: 'module', name: 'study' });
  const api = Comlink.wrap<StudyWorkerApi>(worker);
  let fail: ((why: Error) => void) | undefined;
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    fail?.(new Error(`error: worker: the study worker crashed${e.message ? `: ${e.message}` : ''}`));
  });
  return {
    run(job) {
      return new Promise<StudyJobResult>((resolve, reject) => {
        fail = reject;
        api.run(job).then(resolve, (e) => reject(e instanceof Error ? e : new Error(String(e))));
      });
    },
    terminate() {
      fail?.(new Error('cancelled'));
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

/** Workers for studies: hardwareConcurrency − 1 (the live run keeps one), at least 1. */
export function studyPoolSize(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, cores - 1);
}
