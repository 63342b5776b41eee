/**
 * A study's runs: the cartesian product of its axes (the first axis varies slowest), each run the
 * base scenario's link with the axis values put in — read by the link's own parser, so a value
 * means exactly what it means in a link, and every run reopens from its link.
 */
import { decodeScenario, encodeScenario } from '../scenario/codec';
import type { Scenario } from '../scenario/types';
import { isLinkKey } from './axes';
import type { StudyDefinition } from './definition';

/** Most runs one study may have. */
export const MAX_RUNS = 100000;

export interface StudyRun {
  /** Position in the full product (the `run` column): the same in every shard. */
  index: number;
  /** The value of each axis, in axis order. */
  values: string[];
  /** The run's share link (canonical when the scenario is valid, else the text that failed). */
  link: string;
  scenario?: Scenario;
  /** Why the combination is no valid scenario, as a status line (`error: field: message`). */
  error?: string;
}

export function studySize(d: Pick<StudyDefinition, 'axes'>): number {
  return d.axes.reduce((m, a) => m * a.values.length, 1);
}

/** The link text of the base with the given key=value tokens in place of its own. */
function withTokens(baseLink: string, tokens: readonly string[]): string {
  const set = new Set(tokens.map((t) => t.slice(0, t.indexOf('='))));
  const kept = baseLink.split('&').filter((t, i) => i === 0 || !set.has(t.slice(0, t.indexOf('='))));
  return [...kept, ...tokens].join('&');
}

export function expandStudy(d: StudyDefinition): StudyRun[] {
  const total = studySize(d);
  if (total > MAX_RUNS) throw new RangeError(`a study of ${total} runs exceeds ${MAX_RUNS}`);
  const baseLink = encodeScenario(d.base);
  const runs: StudyRun[] = [];
  for (let index = 0; index < total; index++) {
    const values: string[] = [];
    const tokens: string[] = [];
    let rest = index;
    for (let a = d.axes.length - 1; a >= 0; a--) {
      const axis = d.axes[a];
      const v = axis.values[rest % axis.values.length];
      rest = Math.floor(rest / axis.values.length);
      values[a] = v;
    }
    d.axes.forEach((axis, a) => {
      const v = values[a];
      if (isLinkKey(axis.name)) tokens.push(`${axis.name}=${v}`);
      else tokens.push(...v.split('&'));
    });
    const text = withTokens(baseLink, tokens);
    const r = decodeScenario(text);
    runs.push(
      r.ok
        ? { index, values, link: encodeScenario(r.scenario), scenario: r.scenario }
        : { index, values, link: text, error: `error: ${r.error.field}: ${r.error.message}` },
    );
  }
  return runs;
}

/**
 * A rough relative cost of a run, for the order of work and the ETA (never for results):
 * T·(n log₂ n) for the particles, plus T·N³/50 for a PDE on N² cells.
 */
export function runWeight(run: StudyRun, pde: boolean): number {
  const s = run.scenario;
  if (!s) return 0;
  const particles = s.T * s.n * Math.log2(Math.max(2, s.n));
  return particles + (pde ? (s.T * s.pde.grid ** 3) / 50 : 0);
}

/**
 * The shard (0 … count−1) of every run: heaviest runs first, each to the shard with the least
 * weight so far (ties: the lower shard), so shards take similar time. A function of the study
 * alone: every shard of a job array computes the same split.
 */
export function shardAssignment(runs: readonly StudyRun[], count: number, pde: boolean): Int32Array {
  const load = new Float64Array(count);
  const shard = new Int32Array(runs.length);
  const order = runs.map((r, i) => ({ i, w: runWeight(r, pde) }));
  order.sort((a, b) => b.w - a.w || a.i - b.i);
  for (const { i, w } of order) {
    let best = 0;
    for (let s = 1; s < count; s++) if (load[s] < load[best]) best = s;
    shard[i] = best;
    // an invalid run (weight 0) still takes a turn, so such runs spread over the shards
    load[best] += w > 0 ? w : 1e-300;
  }
  return shard;
}
