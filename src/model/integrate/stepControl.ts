/**
 * Step-size control shared by every method: a controller per method turns the error norm of an
 * attempt into the next step size (Hairer–Nørsett–Wanner I §II.4, Hairer–Wanner II §IV.8), and
 * StepSizer applies the rules common to all of them (no growth right after a rejection, the cap
 * left by an energy rejection, hmax, and targets that clip a step without shrinking the proposal).
 */
const SAFETY = 0.9;
const FAC_MIN = 0.2;
/** A step-size proposal below MIN_RELATIVE_STEP·|t| no longer resolves t: an underflow. */
export const MIN_RELATIVE_STEP = 1e-14;
/** A step that would leave less than this share of itself before a target lands on it. */
const LANDING_STRETCH = 0.01;

export interface StepController {
  /** Next trial size after an attempt of size h rejected with error norm en > 1. */
  shrink(h: number, en: number): number;
  /** Next step size after an attempt of size h accepted with error norm en ≤ 1. */
  grow(h: number, en: number): number;
  /** Forget the history (after a method switch). */
  reset(): void;
}

/** Gustafsson's PI controller for Dormand–Prince 5(4), β = 0.04, growth ≤ 10 (HNW I, II.4). */
export class PiController implements StepController {
  private static readonly BETA = 0.04;
  private static readonly FAC_MAX = 10;
  private readonly expo: number;
  private errOld = 1e-4;

  constructor(order: number) {
    this.expo = 1 / order - 0.75 * PiController.BETA;
  }

  shrink(h: number, en: number): number {
    return h * Math.min(1, Math.max(FAC_MIN, SAFETY * en ** -this.expo));
  }

  grow(h: number, en: number): number {
    const beta = PiController.BETA;
    let fac = en ** this.expo / this.errOld ** beta / SAFETY;
    fac = Math.min(1 / FAC_MIN, Math.max(1 / PiController.FAC_MAX, fac));
    this.errOld = Math.max(en, 1e-4);
    return h / fac;
  }

  reset(): void {
    this.errOld = 1e-4;
  }
}

/** The classical I controller h·(1/en)^(1/(q+1)), q the lower of the two orders, growth ≤ 6. */
export class IController implements StepController {
  private static readonly FAC_MAX = 6;

  constructor(private readonly expo: number) {}

  shrink(h: number, en: number): number {
    return h * Math.min(1, Math.max(FAC_MIN, SAFETY * en ** -this.expo));
  }

  grow(h: number, en: number): number {
    return h * Math.min(IController.FAC_MAX, Math.max(FAC_MIN, SAFETY * Math.max(en, 1e-10) ** -this.expo));
  }

  reset(): void {}
}

/**
 * The proposal for the next attempt, the rules that every method's controller obeys, and the
 * tally of accepted and rejected attempts.
 */
export class StepSizer {
  /** Size of the next attempt (before clipping at a target). */
  proposal: number;
  /** Accepted steps so far. */
  steps = 0;
  /** Rejected attempts so far (error and energy test). */
  rejected = 0;
  /** Energy-test rejections so far (subset of `rejected`). */
  energyRejected = 0;
  /** Whether the last trial() was cut to land exactly on its target. */
  lands = false;
  private lastRejected = false;
  /** Cap from the last energy rejection, released by 5% per accepted step. */
  private energyCap = Number.POSITIVE_INFINITY;

  constructor(
    readonly hmax: number,
    h0: number,
  ) {
    this.proposal = h0;
  }

  /** The proposal within hmax: what the next attempt tries before a target clips it. */
  get next(): number {
    return Math.min(this.proposal, this.hmax);
  }

  /** The proposal itself (not a step clipped at a target) no longer resolves t. */
  underflows(t: number): boolean {
    const h = this.next;
    return !(h > 0 && h >= MIN_RELATIVE_STEP * Math.abs(t));
  }

  /**
   * Size of the next attempt from t toward tEnd. It lands on tEnd (sets `lands`) when the step
   * would leave less than 1% of itself before it, so no sliver of round-off size is left for
   * the next step (a clipped step is never an underflow).
   */
  trial(t: number, tEnd: number): number {
    const h = this.next;
    const rest = tEnd - t;
    this.lands = h * (1 + LANDING_STRETCH) >= rest;
    return this.lands ? rest : h;
  }

  /** The error test failed. */
  errorRejected(h: number, en: number, ctl: StepController): void {
    this.proposal = ctl.shrink(h, en);
    this.lastRejected = true;
    this.rejected++;
  }

  /** The energy test failed: halve, and do not grow beyond 0.9·h for a while. */
  rejectedByEnergy(h: number): void {
    this.proposal = h * 0.5;
    this.energyCap = 0.9 * h;
    this.lastRejected = true;
    this.rejected++;
    this.energyRejected++;
  }

  /** 'auto' went explicit: start within the explicit stability limit 2/λ. */
  enterExplicit(stiffness: number): void {
    if (stiffness > 0) this.proposal = Math.min(this.proposal, 2 / stiffness);
  }

  /** Accepted with error norm en; `clipped`: h was cut to land on a target. */
  accepted(h: number, en: number, ctl: StepController, clipped: boolean): void {
    this.steps++;
    let hNew = ctl.grow(h, en);
    if (this.lastRejected) hNew = Math.min(hNew, h);
    this.lastRejected = false;
    hNew = Math.min(hNew, this.energyCap);
    this.energyCap *= 1.05;
    // A step clipped to land on a target must not shrink the controller's proposal.
    this.proposal = clipped ? Math.max(hNew, Math.min(this.proposal, this.hmax)) : Math.min(hNew, this.hmax);
  }
}
