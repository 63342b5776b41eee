/**
 * What the view shows between two accepted steps. The workers step on the checkpoint grid and
 * overshoot the wall-clock target (see CheckpointClock); to keep slow playback smooth, the reply
 * shows the state linearly interpolated at the target between the last two accepted states. Only
 * the picture is interpolated: the run continues from its own states, and diagnostics are taken
 * at checkpoints, where no interpolation happens.
 */
export class DisplayState {
  private prev: Float64Array | null = null;
  private prevT = Number.NaN;

  /** Call just before a step from (t, state). */
  remember(t: number, state: Float64Array): void {
    if (this.prev?.length !== state.length) this.prev = new Float64Array(state.length);
    this.prev.set(state);
    this.prevT = t;
  }

  forget(): void {
    this.prev = null;
    this.prevT = Number.NaN;
  }

  /** The time to show: the target when it lies inside the last step, else the state's own time. */
  timeFor(target: number, t: number): number {
    return this.prev && this.prevT < target && target < t ? target : t;
  }

  /** State at time `shown` (from timeFor): `state` itself, or the interpolation written to out. */
  at(shown: number, t: number, state: Float64Array, out: Float64Array): Float64Array {
    const prev = this.prev;
    if (shown >= t || !prev || prev.length !== state.length) return state;
    const theta = (shown - this.prevT) / (t - this.prevT);
    for (let i = 0; i < out.length; i++) out[i] = prev[i] + theta * (state[i] - prev[i]);
    return out;
  }
}
