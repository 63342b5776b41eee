/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import type { StudyJob } from '../model/study/execute';
import { type StudyJobResult, studyJobResult } from './studyJob';

/** A study worker: runs the jobs it is sent, one at a time (a thin comlink shell). */
export interface StudyWorkerApi {
  run(job: StudyJob): Promise<StudyJobResult>;
}

const api: StudyWorkerApi = {
  async run(job) {
    return studyJobResult(job);
  },
};

Comlink.expose(api);
