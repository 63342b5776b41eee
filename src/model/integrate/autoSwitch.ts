import type { MethodInUse } from './types';

/** The two methods 'auto' switches between. */
type Switched = Exclude<MethodInUse, 'multirate'>;

/**
 * Automatic method choice ('auto'), in time units of the dynamics (velocities O(1), T ≈ 1):
 * - λ is a Gershgorin bound of the spectral radius of the near-pair Jacobian (pairs within the
 *   radius where b_i b_j D²V_δ/n can exceed LAMBDA_SWITCH/20, plus D²U), from a cell list.
 * - Start stiff iff λ > LAMBDA_SWITCH, i.e. an explicit method would need steps < ~3/λ = 3e-3
 *   for stability alone (a ± pair within a few δ has λ ≈ 1/(nδ²)).
 * - explicit → stiff when λ > LAMBDA_SWITCH and the accepted explicit steps sit at the stability
 *   limit (h·λ ≥ 2) for 3 consecutive steps, or when Hairer's DOPRI5 stiffness detector
 *   (h·ρ > 3.25, ρ from the last two stages) fires for 15 consecutive steps.
 * - stiff → explicit when the stiff steps are so short that the explicit method would be
 *   comfortably stable at them (h·λ < 0.3) for 5 consecutive steps: this happens while pairs
 *   collapse (accuracy, not stability, limits the step; the 5th-order method is cheaper there).
 * - Back-off against ping-pong: a stiff stint that never reached twice the explicit step it
 *   started from did not pay off; the next explicit → stiff switch then waits for a number of
 *   explicit steps that doubles after each such stint (from 25 up to 6400) and is reset by a
 *   stint that paid off.
 */
export const LAMBDA_SWITCH = 1e3;
const STIFF_ENTER_STEPS = 3;
const HAIRER_STEPS = 15;
const STIFF_LEAVE_STEPS = 5;
const BACKOFF_MIN = 25;
const BACKOFF_MAX = 6400;

/** The state machine of the rule above; the stepper feeds it accepted steps and obeys it. */
export class AutoSwitch {
  private enterCount = 0;
  private hairerCount = 0;
  private leaveCount = 0;
  private backoff = 0;
  private explicitSinceLeave = 0;
  /** Explicit step size at the last switch to stiff (0: the run started stiff). */
  private hEnter = 0;
  private stintMaxH = 0;

  /** The method to start with, from the stiffness bound at t = 0. */
  static initial(stiffness: number): Switched {
    return stiffness > LAMBDA_SWITCH ? 'stiff' : 'explicit';
  }

  /**
   * The method for the next step after an accepted step of size h made by `method`: λ is the
   * stiffness bound at the new state (explicit) or at the start of the step (stiff), ρ Hairer's
   * estimate (explicit only), `proposal` the next step size.
   */
  next(method: Switched, h: number, rho: number, lambda: number, proposal: number): Switched {
    if (method === 'explicit') return this.afterExplicit(h, rho, lambda) ? 'stiff' : 'explicit';
    return this.afterStiff(h, proposal, lambda) ? 'explicit' : 'stiff';
  }

  /**
   * After an accepted explicit step of size h with Hairer's estimate ρ and the stiffness bound λ
   * at the new state: true when the stepper should go stiff now.
   */
  afterExplicit(h: number, rho: number, lambda: number): boolean {
    this.enterCount = lambda > LAMBDA_SWITCH && h * lambda >= 2 ? this.enterCount + 1 : 0;
    this.hairerCount = h * rho > 3.25 ? this.hairerCount + 1 : 0;
    this.explicitSinceLeave++;
    const detected = this.enterCount >= STIFF_ENTER_STEPS || this.hairerCount >= HAIRER_STEPS;
    if (!detected || this.explicitSinceLeave <= this.backoff) return false;
    this.enterCount = 0;
    this.hairerCount = 0;
    this.leaveCount = 0;
    this.hEnter = h;
    this.stintMaxH = 0;
    return true;
  }

  /**
   * After an accepted stiff step of size h, with the next proposal and the stiffness bound at
   * the start of the step: true when the stepper should go explicit now.
   */
  afterStiff(h: number, proposal: number, stiffness: number): boolean {
    this.stintMaxH = Math.max(this.stintMaxH, h);
    this.leaveCount = stiffness * proposal < 0.3 ? this.leaveCount + 1 : 0;
    if (this.leaveCount < STIFF_LEAVE_STEPS) return false;
    this.leaveCount = 0;
    this.explicitSinceLeave = 0;
    const paidOff = this.hEnter === 0 || this.stintMaxH > 2 * this.hEnter;
    this.backoff = paidOff ? BACKOFF_MIN : Math.min(BACKOFF_MAX, Math.max(BACKOFF_MIN, 2 * this.backoff));
    return true;
  }
}
