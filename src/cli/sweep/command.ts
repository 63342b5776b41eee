/**
 * `sweep`: a study's runs in parallel, one CSV row each as it finishes (README "Studies").
 * Invalid combinations and failed runs are rows with their error as status; only a mistake of
 * the command line itself (exit 2) stops the sweep before it starts.
 */

import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { type CsvTable, csvLine } from '../../model/study/csv';
import { formatModes, type StudyDefinition } from '../../model/study/definition';
import {
  expandStudy,
  MAX_RUNS,
  runWeight,
  type StudyRun,
  shardAssignment,
  studySize,
} from '../../model/study/expand';
import { scenarioMeasures } from '../../model/study/measures';
import { studyLayout, studyRow } from '../../model/study/row';
import { summarise } from '../../model/study/summary';
import { type Flags, numberFlag } from '../args';
import { type CliIo, maxWallFlag } from '../cli';
import { asInput, InputError } from '../errors';
import { checkOutput } from '../input';
import type { SweepJob } from './job';
import { mergeCommand } from './merge';
import { runPool } from './pool';
import { SweepProgress } from './progress';
import { checkAxisValues, shardFlag, studyFromFlags } from './study';
import { openTable } from './table';

function writeSummary(path: string | undefined, table: CsvTable, stdout: (t: string) => void): void {
  if (path === undefined) return;
  const json = `${JSON.stringify(summarise(table), null, 1)}\n`;
  if (path === '-') stdout(json);
  else writeFileSync(path, json);
}

/** "run 17 n=4000 seed=2" for progress lines. */
function describeRun(d: StudyDefinition, run: StudyRun): string {
  return [`run ${run.index}`, ...d.axes.map((a, k) => `${a.name}=${run.values[k]}`)].join(' ');
}

export interface SweepOutcome {
  runs: number;
  written: number;
  failed: number;
  table: CsvTable;
}

export async function sweepCommand(flags: Flags, files: readonly string[], io: CliIo): Promise<SweepOutcome> {
  if (flags.merge) {
    const table = mergeCommand(flags, files, io.stderr, io.stdout);
    writeSummary(flags.summary, table, io.stdout);
    return { runs: table.rows.length, written: table.rows.length, failed: 0, table };
  }
  const def = studyFromFlags(flags);
  if (studySize(def) > MAX_RUNS)
    throw new InputError('vary', `${studySize(def)} runs: at most ${MAX_RUNS} per study`);
  const layout = asInput(() => studyLayout(def, flags.fields));
  const shard = shardFlag(flags.shard);
  const jobs = numberFlag(flags.jobs, 'jobs', availableParallelism(), { min: 1, max: 1024, integer: true });
  const maxWall = maxWallFlag(flags);
  checkOutput(flags.summary);
  const all = expandStudy(def);
  checkAxisValues(def, all);
  const mine = shard ? shardAssignment(all, shard[1], def.run.pde) : undefined;
  const runs = all.filter((r) => !mine || mine[r.index] === shard?.[0]);
  if (flags['dry-run']) {
    io.stdout(csvLine(['run', ...layout.axes, 'status', 'link']));
    for (const r of runs) io.stdout(csvLine([r.index, ...r.values, r.error ?? 'valid', r.link]));
    return {
      runs: runs.length,
      written: 0,
      failed: runs.filter((r) => r.error).length,
      table: { header: [], rows: [] },
    };
  }
  const out = openTable(flags.out, layout, flags.resume === true, all, io.stdout);
  const pending = runs.filter((r) => !out.done.has(r.index));
  const progress = new SweepProgress({
    weights: new Map(pending.map((r) => [r.index, runWeight(r, def.run.pde)])),
    already: runs.length - pending.length,
    enabled: flags.progress === true || io.stderrIsTerminal,
    terminal: io.stderrIsTerminal,
    write: io.stderr,
  });
  let failed = 0;
  const byIndex = new Map(all.map((r) => [r.index, r]));
  const record = (
    run: StudyRun,
    status: string,
    measures = run.scenario && scenarioMeasures(run.scenario),
    wall?: number,
  ) => {
    out.write(studyRow(layout, run, measures, status, wall));
    if (status !== 'ok') failed++;
    progress.finished(
      run.index,
      status === 'ok',
      `${describeRun(def, run)}: ${status}${wall === undefined ? '' : `, ${wall.toFixed(1)} s`}`,
    );
  };
  for (const r of pending) if (r.error) record(r, r.error);
  const valid = pending.filter((r) => !r.error);
  // heaviest first: the long runs do not end up alone at the end
  valid.sort((a, b) => runWeight(b, def.run.pde) - runWeight(a, def.run.pde) || a.index - b.index);
  const modes = formatModes(def.run.modes);
  const work: SweepJob[] = valid.map((r) => ({
    index: r.index,
    link: r.link,
    pde: def.run.pde,
    samples: def.run.samples,
    replay: def.run.replay,
    modes,
    maxWall,
  }));
  try {
    await runPool(work, Math.min(jobs, work.length), {
      finished: (res) => {
        // a failed run (no measures) keeps n, δ and T from its scenario
        record(byIndex.get(res.index) as StudyRun, res.status, res.measures, res.wallSeconds);
      },
    });
  } finally {
    io.stderr(`${progress.finish()}\n`);
  }
  const table = out.table();
  writeSummary(flags.summary, table, io.stdout);
  return { runs: runs.length, written: pending.length, failed, table };
}
