/**
 * Headless CLI over the same model code the app runs in its workers (`npm run sim -- --help`,
 * and `<command> --help` for each command's options and examples). Errors: one line on stderr and
 * an exit code (report.ts, errors.ts).
 */
import { checkpointInterval } from '../model/checkpoints';
import { decodeScenario, encodeScenario } from '../model/scenario/codec';
import { resolvePdeDelta } from '../model/scenario/delta';
import { parseNumber } from '../model/scenario/numbers';
import { quote } from '../model/scenario/read';
import type { PdeScheme, Scenario } from '../model/scenario/types';
import { ATOL_RANGE, RTOL_RANGE, T_MAX, T_MIN } from '../model/scenario/validate';
import { parseModes } from '../model/study/definition';
import { checkReplaySamples } from '../model/study/execute';
import { type Flags, numberFlag, parseCommandLine, schemeFlag } from './args';
import { initCommand } from './commands/init';
import { pde1dCommand, run1dCommand, velocities1dCommand } from './commands/oneD';
import type { RunOptions } from './commands/run';
import { velocitiesCommand } from './commands/velocities';
import { asInput, InputError } from './errors';
import { commandHelp } from './help';
import { checkOutput, readInput, writeOutput } from './input';
import { assertFiniteResult } from './result';
import { type RunSelection, runSelection } from './runFields';
import { scenarioSchema } from './schema';
import { type RunSetup, setupFrom } from './setup';
import { Watch } from './watch';

/** Where the CLI writes; tests pass their own to run it in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stderr is a terminal: progress is shown without --progress, on one overwritten line. */
  stderrIsTerminal: boolean;
}

export const PROCESS_IO: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTerminal: process.stderr.isTTY === true,
};

/** --grid N: a power of two in [8, 1024]; default the scenario's grid or the cfg's density grid. */
function gridFlag(flags: Flags, setup: RunSetup): number {
  const g = numberFlag(flags.grid, 'grid', setup.densityGrid ?? 128, { min: 8, max: 1024, integer: true });
  if ((g & (g - 1)) !== 0) throw new InputError('grid', `must be a power of two, got ${g}`);
  return g;
}

/** `run --replay --pde` samples both sides at checkpoints: T and T/samples must lie on the grid. */
function replayGrid(T: number, samples: number, h: number): void {
  const K = Math.round(T / h);
  if (K < 1 || Math.abs(T / h - K) > 1e-9 * K)
    throw new InputError('T', `with --replay --pde, T must be a multiple of the scenario's T/200 = ${h}`);
  asInput(() => checkReplaySamples(K, samples));
}

/** δ of the PDE: a flag value D or 'limit', else the scenario's pde.delta, else the particles' δ. */
function pdeDelta(raw: string | undefined, name: string, setup: RunSetup): number | 'limit' {
  if (raw === 'limit') return 'limit';
  if (raw !== undefined) {
    const d = parseNumber(raw.trim());
    if (d === undefined || !(d > 0 && d <= 0.5))
      throw new InputError(name, `must be a decimal number in (0, 0.5] or "limit", got ${quote(raw)}`);
    return d;
  }
  return setup.scenario ? resolvePdeDelta(setup.scenario) : setup.spec.delta;
}

/** The PDE's time scheme: a flag value ssp33|ssp43, else the scenario's pde.rk, else SSP-RK3. */
function pdeScheme(raw: string | undefined, name: string, setup: RunSetup): PdeScheme | undefined {
  const rk = schemeFlag(raw, name) ?? setup.scenario?.pde.rk;
  if (rk === undefined || rk === 'ssp33') return undefined;
  if (setup.dimension === 1)
    throw new InputError(name, "must be ssp33 in 1D (the circle's PDE has SSP-RK3 only)");
  return rk;
}

/** --T: the final time, from the flag or the scenario, in the scenario's range. */
function finalTime(flags: Flags, setup: RunSetup): number {
  const T = numberFlag(flags.T, 'T', setup.scenario?.T ?? Number.NaN, { min: T_MIN, max: T_MAX });
  if (!Number.isFinite(T)) throw new InputError('T', 'missing --T (the final time)');
  return T;
}

/** --max-wall S (undefined: no limit). */
export function maxWallFlag(flags: Flags): number | undefined {
  return flags['max-wall'] === undefined
    ? undefined
    : numberFlag(flags['max-wall'], 'max-wall', 0, { min: 0.001, max: 1e7 });
}

function watchFor(label: string, T: number, flags: Flags, io: CliIo): Watch | undefined {
  const maxWall = maxWallFlag(flags);
  const progress = flags.progress === true || io.stderrIsTerminal;
  if (maxWall === undefined && !progress) return undefined;
  return new Watch({
    label,
    T,
    maxWallSeconds: maxWall,
    progress,
    terminal: io.stderrIsTerminal,
    write: io.stderr,
  });
}

/**
 * The scenario's link with what the flags changed put in (T, PDE grid and δ, integrator), so
 * that `run --in <link>` alone repeats the run; undefined when the flags leave the link's ranges.
 * With --replay the scenario's T stays: it sets the checkpoint grid the steps end on (the app
 * passes through the state at --T; `run --in <link> --T t --replay` repeats it).
 */
function runLink(s: Scenario, o: RunOptions): string | undefined {
  const t: Scenario = structuredClone(s);
  if (!o.stopEvery) t.T = o.T;
  // the CLI accepts auto, explicit, stiff only (checked below), all of them scenario methods
  const method = o.integrator.method as Scenario['integrator']['method'];
  t.integrator = { method, rtol: o.integrator.rtol, atol: o.integrator.atol };
  if (o.pde) {
    t.pde.grid = o.pde.grid;
    if (o.pde.delta !== resolvePdeDelta(s)) t.pde.delta = o.pde.delta;
    if (o.pde.rk) t.pde.rk = o.pde.rk;
    else delete t.pde.rk;
  }
  const link = encodeScenario(t);
  return decodeScenario(link).ok ? link : undefined;
}

export interface RunRequest {
  opts: RunOptions;
  selection: RunSelection;
  /** Scenario inputs: the link that repeats this run. */
  link?: string;
}

/** The options of `run` (and of each run of a sweep: the same reading of the same flags). */
export function runRequest(
  flags: Flags,
  setup: RunSetup,
  watch?: (T: number) => Watch | undefined,
): RunRequest {
  const method = flags.integrator ?? setup.scenario?.integrator.method ?? 'auto';
  if (method !== 'auto' && method !== 'explicit' && method !== 'stiff')
    throw new InputError('integrator', `must be auto, explicit or stiff, got ${quote(method)}`);
  const T = finalTime(flags, setup);
  const pde = flags.pde
    ? {
        T,
        grid: gridFlag(flags, setup),
        delta: pdeDelta(flags['pde-delta'], 'pde-delta', setup),
        rk: pdeScheme(flags['pde-rk'], 'pde-rk', setup),
        samples: numberFlag(flags.samples, 'samples', 50, { min: 1, max: 10000, integer: true }),
      }
    : undefined;
  if (flags.replay && !setup.scenario)
    throw new InputError('replay', "needs a scenario or a link (its T sets the app's checkpoint grid)");
  if (flags.replay && pde && setup.scenario) replayGrid(T, pde.samples, checkpointInterval(setup.scenario));
  const modes = flags.modes === undefined ? [] : asInput(() => parseModes(flags.modes as string));
  const opts: RunOptions = {
    pde,
    T,
    stopEvery: flags.replay && setup.scenario ? checkpointInterval(setup.scenario) : undefined,
    integrator: {
      method,
      rtol: numberFlag(flags.rtol, 'rtol', setup.scenario?.integrator.rtol ?? 1e-6, RTOL_RANGE),
      atol: numberFlag(flags.atol, 'atol', setup.scenario?.integrator.atol ?? 1e-9, ATOL_RANGE),
    },
    modes,
    watch: watch?.(T),
  };
  const selection = asInput(() => runSelection(flags.fields, pde !== undefined, modes));
  return { opts, selection, link: setup.scenario && runLink(setup.scenario, opts) };
}

/** Runs one CLI command; returns the JSON result (also written to --out or stdout). */
export async function runCli(argv: string[], io: CliIo = PROCESS_IO): Promise<unknown> {
  const { command, flags, files } = parseCommandLine(argv);
  if (flags.help) {
    io.stdout(commandHelp(command));
    return undefined;
  }
  if (command === 'sweep') {
    const { sweepCommand } = await import('./sweep/command');
    return sweepCommand(flags, files, io);
  }
  checkOutput(flags.out);
  if (command === 'schema') {
    const schema = scenarioSchema();
    writeOutput(flags.out, `${JSON.stringify(schema, null, 2)}\n`, io.stdout);
    return schema;
  }
  const setup = setupFrom(readInput(flags.in, command !== 'pde'));
  let result: unknown;
  let watch: Watch | undefined;
  switch (command) {
    case 'velocities':
      result = setup.dimension === 1 ? velocities1dCommand(setup) : velocitiesCommand(setup);
      break;
    case 'init':
      result = initCommand(setup);
      break;
    case 'run': {
      const { runCommand } = await import('./commands/run');
      const request = runRequest(flags, setup, (T) => {
        watch = watchFor('run', T, flags, io);
        return watch;
      });
      result =
        setup.dimension === 1
          ? run1dCommand(setup, request.opts)
          : await runCommand(setup, request.opts, request.selection, request.link);
      break;
    }
    case 'pde': {
      const T = finalTime(flags, setup);
      const { pdeCommand } = await import('./commands/pde');
      const opts = {
        T,
        grid: gridFlag(flags, setup),
        delta: pdeDelta(flags.delta, 'delta', setup),
        rk: pdeScheme(flags.rk, 'rk', setup),
      };
      watch = watchFor('pde', T, flags, io);
      result = setup.dimension === 1 ? pde1dCommand(setup, opts) : pdeCommand(setup, opts, watch);
      break;
    }
  }
  watch?.finish();
  assertFiniteResult(result);
  writeOutput(flags.out, JSON.stringify(result), io.stdout);
  return result;
}
