/**
 * The CLI's failures, each printed as one line by cliMain (report.ts) with its own exit code:
 * InputError 2 (bad command line or input: the user can fix it), WallClockLimit 3 (--max-wall),
 * any other Error 1 (the computation failed, or a bug).
 */

import { Invalid } from '../model/scenario/read';

/** A user error: printed as `error: field: message`. */
export class InputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** The run took longer than --max-wall; nothing was written. */
export class WallClockLimit extends Error {}

export const EXIT = { ok: 0, failed: 1, input: 2, wallClock: 3 } as const;

/** Runs f, turning the model's Invalid (bad input found by a model reader) into an InputError. */
export function asInput<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof Invalid) throw new InputError(e.field, e.message);
    throw e;
  }
}
