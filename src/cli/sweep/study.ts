/**
 * The study a `sweep` command line defines: the base scenario from --in with the flags that go
 * into its link (--T, --grid, --pde-delta, --integrator, --rtol, --atol), the --vary axes, and how
 * each run is done (--pde, --samples, --replay, --modes).
 */
import { CHECKPOINTS_PER_T } from '../../model/checkpoints';
import { parseNumber } from '../../model/scenario/numbers';
import { quote } from '../../model/scenario/read';
import type { Scenario } from '../../model/scenario/types';
import { DELTA_MAX, DELTA_MIN, FIELD_RANGES, PDE_GRIDS } from '../../model/scenario/validate';
import { type Axis, axisKeys, parseAxis } from '../../model/study/axes';
import {
  checkAxes,
  DEFAULT_SAMPLES,
  MAX_SAMPLES,
  parseModes,
  type StudyDefinition,
} from '../../model/study/definition';
import type { StudyRun } from '../../model/study/expand';
import { type Flags, numberFlag, schemeFlag } from '../args';
import { asInput, InputError } from '../errors';
import { readInput } from '../input';

/** Link keys the flags set in the base, by flag. */
const FLAG_KEYS: Record<string, string> = {
  T: 'T',
  grid: 'N',
  'pde-delta': 'pd',
  'pde-rk': 'prk',
  integrator: 'int',
  rtol: 'rtol',
  atol: 'atol',
};

function baseFrom(flags: Flags): Scenario {
  const input = readInput(flags.in);
  if (input.kind !== 'scenario')
    throw new InputError(
      'in',
      'sweep needs a scenario, a share link or its hash (an engine cfg has no link keys)',
    );
  const s = input.scenario;
  const range = FIELD_RANGES;
  s.T = numberFlag(flags.T, 'T', s.T, range.T);
  s.integrator.rtol = numberFlag(flags.rtol, 'rtol', s.integrator.rtol, range['integrator.rtol']);
  s.integrator.atol = numberFlag(flags.atol, 'atol', s.integrator.atol, range['integrator.atol']);
  const method = flags.integrator ?? s.integrator.method;
  if (method !== 'auto' && method !== 'explicit' && method !== 'stiff')
    throw new InputError('integrator', `must be auto, explicit or stiff, got ${quote(method)}`);
  s.integrator.method = method;
  const grid = numberFlag(flags.grid, 'grid', s.pde.grid, { min: 32, max: 512, integer: true });
  if (!PDE_GRIDS.includes(grid))
    throw new InputError('grid', `must be a power of two in [32, 512], got ${grid}`);
  s.pde.grid = grid;
  const pd = flags['pde-delta'];
  if (pd === 'same' || pd === 'limit') s.pde.delta = pd;
  else if (pd !== undefined) {
    const d = parseNumber(pd.trim());
    if (d === undefined || !(d >= DELTA_MIN && d <= DELTA_MAX))
      throw new InputError(
        'pde-delta',
        `must be same, limit or a number in [${DELTA_MIN}, ${DELTA_MAX}], got ${quote(pd)}`,
      );
    s.pde.delta = d;
  }
  const rk = schemeFlag(flags['pde-rk'], 'pde-rk');
  if (rk === 'ssp43') s.pde.rk = rk;
  else if (rk === 'ssp33') delete s.pde.rk;
  return s;
}

export function studyFromFlags(flags: Flags): StudyDefinition {
  const base = baseFrom(flags);
  const axes: Axis[] = asInput(() => (flags.vary ?? []).map((text) => parseAxis(text)));
  asInput(() => checkAxes(axes));
  for (const [flag, key] of Object.entries(FLAG_KEYS)) {
    const axis = axes.find((a) => a.values.some((v) => axisKeys(a, v).includes(key)));
    if (flags[flag as keyof Flags] !== undefined && axis)
      throw new InputError(flag, `--${flag} sets the link key ${key}, which --vary ${axis.name} varies`);
  }
  const samples = numberFlag(flags.samples, 'samples', DEFAULT_SAMPLES, {
    min: 1,
    max: MAX_SAMPLES,
    integer: true,
  });
  if (flags.samples !== undefined && !flags.pde) throw new InputError('samples', 'goes with --pde');
  if (flags.replay && flags.pde && CHECKPOINTS_PER_T % samples !== 0)
    throw new InputError(
      'samples',
      `with --replay --pde, samples must divide ${CHECKPOINTS_PER_T} (sample times on the checkpoint grid)`,
    );
  const modes = flags.modes === undefined ? [] : asInput(() => parseModes(flags.modes as string));
  return { base, axes, run: { pde: flags.pde === true, samples, replay: flags.replay === true, modes } };
}

/**
 * An axis value that makes every run it is in an invalid scenario is a mistake of the command
 * line (exit 2), not a row: e.g. d=abc, or n=1.
 */
export function checkAxisValues(d: StudyDefinition, runs: readonly StudyRun[]): void {
  d.axes.forEach((axis, a) => {
    for (const v of axis.values) {
      const those = runs.filter((r) => r.values[a] === v);
      if (those.length > 0 && those.every((r) => r.error))
        throw new InputError(
          'vary',
          `${axis.name}=${v} gives no valid scenario: ${(those[0].error as string).replace(/^error: /, '')}`,
        );
    }
  });
}

/** `--shard i/N`: [i, N] with 0 ≤ i < N (undefined: the whole study). */
export function shardFlag(raw: string | undefined): [number, number] | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const [i, n] = m ? [Number(m[1]), Number(m[2])] : [Number.NaN, Number.NaN];
  if (!(n >= 1 && n <= 100000 && i >= 0 && i < n))
    throw new InputError('shard', `must be i/N with 0 ≤ i < N (e.g. 0/4 … 3/4), got ${quote(raw)}`);
  return [i, n];
}
