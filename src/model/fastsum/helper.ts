import { claimCommand, releaseBlock, type Served, serveBlock } from '../helperThread';
import type { SortedParticles } from './cells';
import { FarField } from './farField';
import { GridStage } from './gridShare';
import { NearField } from './nearField';
import {
  COMMAND,
  CTRL,
  farMemory,
  GATHER_TASK,
  gatherTasks,
  readFarConfig,
  readNearConfig,
  runTasks,
  type SharedViews,
  sharedViews,
} from './shared';

/**
 * The helper thread's side of a parallel fast sum: for the shared block it was last given
 * (shared.ts) it takes tasks of each command with the main thread — the near field's chunks
 * (nearField.ts), the far field's grid stage when asked (gridShare.ts) and, once the FFT is done,
 * the far gather's tasks (from the convolved grid in the block) — blocking in Atomics.wait between commands. After 20 ms without
 * a command it returns to its event loop for a moment, so that a new block (a new fast sum) can
 * reach it as a message. DOM-free: the node and browser entry points only pass messages in.
 */
export class NearHelper {
  private current: Block | null = null;

  /** Serve this block from now on (the previous one is released: its owner computes alone). */
  attach(buffer: SharedArrayBuffer, n: number): void {
    if (this.current) this.release(this.current);
    const v = sharedViews(buffer, n);
    const particles: SortedParticles = {
      n,
      sx: v.sx,
      sy: v.sy,
      sb: v.sb,
      order: new Int32Array(0),
      cellStart: v.cellStart,
    };
    const served: Block = {
      v,
      ctrl: v.ctrl,
      particles,
      near: null,
      config: -1,
      far: null,
      stage: null,
      farConfig: -1,
      seen: Atomics.load(v.ctrl, CTRL.SEQ),
    };
    this.current = served;
    Atomics.store(v.ctrl, CTRL.READY, 1);
    serveBlock(
      served,
      CTRL.SEQ,
      () => this.current === served,
      () => this.serve(served),
    );
  }

  private release(s: Block): void {
    releaseBlock(s, { ready: CTRL.READY, seq: CTRL.SEQ, detached: CTRL.DETACHED, done: CTRL.DONE }, () =>
      this.serve(s),
    );
  }

  private farView(s: Block): FarField {
    const config = Atomics.load(s.v.ctrl, CTRL.FAR_CONFIG);
    if (config !== s.farConfig || !s.far) {
      const { M, K, w, beta, kept } = readFarConfig(s.v);
      // the block's weights only when the main thread keeps them there (its spread may not: farWasm.ts)
      const { wx, wy, ix, iy, ...mem } = farMemory(s.v, M, K);
      s.far = new FarField(s.v.n, M, K, { w, beta }, null, kept ? { wx, wy, ix, iy, ...mem } : mem);
      s.stage = s.far.conv ? new GridStage(s.far, s.v.ctrl) : null;
      s.farConfig = config;
    }
    return s.far;
  }

  /** Run the pending command's tasks (those the main thread has not claimed) and report it done. */
  private serve(s: Block): void {
    const { ctrl } = s.v;
    const seq = claimCommand(s, CTRL.SEQ, CTRL.CLAIM);
    if (seq === 0) return;
    const kind = ctrl[CTRL.KIND];
    const near = () => {
      if (!(kind & COMMAND.NEAR)) return;
      const config = Atomics.load(ctrl, CTRL.CONFIG);
      if (config !== s.config || !s.near) {
        s.near = new NearField(readNearConfig(s.v), s.particles, s.v.near);
        s.config = config;
      }
      const field = s.near;
      const gradient = (kind & COMMAND.GRADIENT) !== 0;
      const energy = (kind & COMMAND.ENERGY) !== 0;
      runTasks(ctrl, CTRL.NEAR_CLAIM, CTRL.NEAR_DONE, field.chunks, (k) =>
        field.runChunk(gradient, energy, k),
      );
    };
    const gather = () => {
      if (!(kind & COMMAND.GATHER)) return;
      const far = this.farView(s);
      // the main thread publishes the grid of this command after its FFT (it always does)
      for (let g = Atomics.load(ctrl, CTRL.GRID); g !== seq; g = Atomics.load(ctrl, CTRL.GRID))
        Atomics.wait(ctrl, CTRL.GRID, g, 100);
      far.gridChanged();
      const { sx, sy, sb, ffx, ffy, n } = s.v;
      runTasks(ctrl, CTRL.GATHER_CLAIM, CTRL.GATHER_DONE, gatherTasks(n), (t) =>
        far.gatherRange(sx, sy, sb, ffx, ffy, t * GATHER_TASK, Math.min(n, (t + 1) * GATHER_TASK)),
      );
    };
    if (kind & COMMAND.GRID) {
      // with the main thread from the start: the grid stage's tasks (gridShare.ts), the gather, the near field
      this.farView(s);
      const stage = s.stage;
      if (stage && stage.kept === (ctrl[CTRL.GRID_KEPT] === 1))
        stage.run(s.particles, ctrl[CTRL.GRID_CELLS], (kind & COMMAND.GRADIENT) !== 0);
      gather();
      near();
    } else {
      // the near field while the main thread spreads and transforms, then what is left of the gather
      near();
      gather();
    }
    Atomics.store(ctrl, CTRL.DONE, seq);
    Atomics.notify(ctrl, CTRL.DONE);
  }
}

interface Block extends Served {
  v: SharedViews;
  particles: SortedParticles;
  near: NearField | null;
  config: number;
  /** A gather-only view of the far field on the block's grid. */
  far: FarField | null;
  /** The grid stage's tasks on that view (when the spectrum is in the block). */
  stage: GridStage | null;
  farConfig: number;
}
