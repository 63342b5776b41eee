import { claimCommand, releaseBlock, type Served, serveBlock } from '../helperThread';
import { makeKernel } from '../kernels';
import {
  CCTRL,
  type ClusterAttach,
  type ClusterViews,
  CPARAM,
  claimClusters,
  clusterViews,
} from './clusterShare';
import { ClusterSolver } from './clusterSolver';

/**
 * The helper thread's side of the cluster solves (clusterShare.ts): for the block it was last
 * given it builds the clusters' ODE (the kernel from its spec: the same bits as the owner's) and
 * claims clusters of each command with the main thread, blocking in Atomics.wait between
 * commands. After 20 ms without one it returns to its event loop for a moment, so that a new block
 * can reach it as a message. DOM-free: the node entry point only passes messages in.
 */
export class ClusterHelper {
  private current: Block | null = null;

  attach(m: ClusterAttach): void {
    if (this.current) this.release(this.current);
    const v = clusterViews(m.buffer, m.n);
    // the block's particles are the members by slot, with their signs
    const system = { n: m.n, signs: v.signs, kernel: makeKernel(m.spec), field: m.field };
    const served: Block = {
      v,
      ctrl: v.ctrl,
      solver: new ClusterSolver(system, m.dim, v.layout, v.memory),
      seen: Atomics.load(v.ctrl, CCTRL.SEQ),
    };
    this.current = served;
    Atomics.store(v.ctrl, CCTRL.READY, 1);
    serveBlock(
      served,
      CCTRL.SEQ,
      () => this.current === served,
      () => this.serve(served),
    );
  }

  private release(s: Block): void {
    const slots = { ready: CCTRL.READY, seq: CCTRL.SEQ, detached: CCTRL.DETACHED, done: CCTRL.DONE };
    releaseBlock(s, slots, () => this.serve(s));
  }

  /** Solve the clusters the main thread has not claimed, then report the command done. */
  private serve(s: Block): void {
    const { ctrl, params, coef, y, out, message } = s.v;
    const seq = claimCommand(s, CCTRL.SEQ, CCTRL.CLAIM);
    if (seq === 0) return;
    const solver = s.solver;
    solver.use(s.v.layout, ctrl[CCTRL.LARGEST]);
    solver.resetCounts();
    const views = coef.slice(0, ctrl[CCTRL.DEG] + 1);
    const H = params[CPARAM.H];
    const rtol = params[CPARAM.RTOL];
    const atol = params[CPARAM.ATOL];
    const count = ctrl[CCTRL.COUNT];
    try {
      claimClusters(ctrl, count, (c) => solver.solveCluster(c, y, views, H, rtol, atol, out));
    } catch (e) {
      const text = (e instanceof Error ? e.message : String(e)).slice(0, message.length);
      for (let k = 0; k < text.length; k++) message[k] = text.charCodeAt(k);
      ctrl[CCTRL.ERROR] = Math.max(1, text.length);
      Atomics.store(ctrl, CCTRL.TASK_CLAIM, count);
    }
    params[CPARAM.SUB_STEPS] = solver.subSteps;
    params[CPARAM.SUB_REJECTED] = solver.subRejected;
    params[CPARAM.STAGE_UNKNOWNS] = solver.stageUnknowns;
    params[CPARAM.EXPLICIT] = solver.explicitSolves;
    Atomics.store(ctrl, CCTRL.DONE, seq);
    Atomics.notify(ctrl, CCTRL.DONE);
  }
}

interface Block extends Served {
  v: ClusterViews;
  solver: ClusterSolver;
}
