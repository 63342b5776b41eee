/**
 * The PDE thread of `run --pde` (pdeThread.ts): runs the continuum alone through the sample times
 * and sends its views and final state; then makes the comparison samples of the particle snapshots
 * it is sent, from its own views. Thin: the work is model code the serial run uses too.
 */
import { parentPort } from 'node:worker_threads';
import { comparisonSample, type PdeView, pdeView } from '../model/compare/sideBySide';
import { createPdeSolver } from '../model/pde/solver';
import { assertPdeReached, observedPde } from '../model/study/observe';
import type { PdeSampleJob, PdeSampleReply, PdeThreadJob, PdeThreadReply } from './pdeThread';

const port = parentPort;
if (!port) throw new Error('pdeThread.worker: not a worker thread');

port.once('message', (job: PdeThreadJob) => {
  try {
    const bare = createPdeSolver(job.options);
    const clock = new Float64Array(job.clock);
    const solver = observedPde(bare, (t) => {
      clock[0] = t;
    });
    const rho0 = { rhoPlus: Float64Array.from(bare.rhoPlus), rhoMinus: Float64Array.from(bare.rhoMinus) };
    const energy0 = bare.energy();
    const views: PdeView[] = job.sampled ? [pdeView(bare)] : [];
    for (const t of job.times) {
      solver.advanceTo(t);
      assertPdeReached(bare, t);
      if (job.sampled) views.push(pdeView(bare));
    }
    const final = {
      N: bare.N,
      label: bare.label,
      steps: bare.steps,
      rejected: bare.rejected,
      delta: bare.delta,
      rhoPlus: Float64Array.from(bare.rhoPlus),
      rhoMinus: Float64Array.from(bare.rhoMinus),
      energy: bare.energy(),
    };
    const reply: PdeThreadReply = { ok: true, views, final, rho0, energy0 };
    port.once('message', (sj: PdeSampleJob) => makeSamples(sj, views));
    port.postMessage(reply, [
      final.rhoPlus.buffer,
      final.rhoMinus.buffer,
      rho0.rhoPlus.buffer,
      rho0.rhoMinus.buffer,
    ]);
  } catch (e) {
    const reply: PdeThreadReply = { ok: false, message: e instanceof Error ? e.message : String(e) };
    port.postMessage(reply);
  }
});

function makeSamples(job: PdeSampleJob, views: PdeView[]): void {
  let reply: PdeSampleReply;
  try {
    const samples = job.snaps.map((s, k) =>
      comparisonSample(s.t, s.pos, job.signs, job.delta, s.energy, views[k]),
    );
    reply = { ok: true, samples };
  } catch (e) {
    reply = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  port?.postMessage(reply);
}
