/** A sweep worker thread: runs the jobs it is sent, one at a time, and answers each with its row. */
import { parentPort } from 'node:worker_threads';
import { runJob, type SweepJob } from './job';

parentPort?.on('message', (job: SweepJob) => {
  parentPort?.postMessage(runJob(job));
});
