/**
 * The Study panel's state: the study (its link is the truth: `#study1&…~v1&…`), its runs and the
 * results as they stream in from the pool, and the actions (open, run, cancel, open a run).
 * A bad study link gives one line and a safe state: the Dichotomy study, not started.
 */
import { create } from 'zustand';
import { decodeStudy, encodeStudy, type StudyDefinition } from '../model/study/definition';
import type { StudyJob } from '../model/study/execute';
import { expandStudy, runWeight, type StudyRun } from '../model/study/expand';
import type { StudyJobResult } from '../worker/studyJob';
import { spawnStudyWorker, studyPoolSize } from '../worker/studyWorker';
import { currentLink, loadFromHash, openLink } from './actions';
import { readLink } from './linkReading';
import { DICHOTOMY_FORM, studyFromForm } from './studyBuilder';
import { runStudyPool, type StudyPool } from './studyPool';
import { holdHash, markHashRead, setHash } from './urlSync';

export type StudyStatus = 'idle' | 'running' | 'done' | 'cancelled';

export interface StudyState {
  open: boolean;
  /** The study link (without '#'). */
  text: string;
  def: StudyDefinition;
  problem: string | null;
  runs: StudyRun[];
  results: Record<number, StudyJobResult>;
  status: StudyStatus;
  /** Text of the study whose runs/results these are ('' before any run). */
  ranText: string;
  startedAt: number;
  /** Seconds from start to the last result. */
  elapsed: number;
  workers: number;
}

const dichotomy = studyFromForm(DICHOTOMY_FORM);
export const DICHOTOMY_TEXT = encodeStudy(dichotomy);

export const useStudy = create<StudyState>()(() => ({
  open: false,
  text: DICHOTOMY_TEXT,
  def: dichotomy,
  problem: null,
  runs: [],
  results: {},
  status: 'idle',
  ranText: '',
  startedAt: 0,
  elapsed: 0,
  workers: 0,
}));

let pool: StudyPool | undefined;

export const isStudyHash = (hash: string) => /^#?study\d/.test(hash);

/** The study's link in the address bar, held there while the panel is open (view changes keep it). */
function writeStudyHash(text: string, mode: 'push' | 'replace'): void {
  holdHash(`#${text}`);
  setHash(`#${text}`, mode);
}

/** Puts a study in the panel (not run). Returns false (with the one-line problem) if unreadable. */
export function setStudyText(text: string, history: 'push' | 'replace' | 'none'): boolean {
  const r = decodeStudy(text);
  if (!r.ok) {
    cancelStudy();
    useStudy.setState({
      open: true,
      problem: `This study link could not be read (${r.error.field}: ${r.error.message}). The Dichotomy study is shown instead; nothing was run.`,
      text: DICHOTOMY_TEXT,
      def: dichotomy,
      runs: [],
      results: {},
      status: 'idle',
      ranText: '',
    });
    return false;
  }
  const canonical = encodeStudy(r.study);
  useStudy.setState({ open: true, problem: null, text: canonical, def: r.study });
  if (history !== 'none') writeStudyHash(canonical, history);
  return true;
}

export function startStudy(): void {
  cancelStudy();
  const { def, text } = useStudy.getState();
  let runs: StudyRun[];
  try {
    runs = expandStudy(def);
  } catch (e) {
    useStudy.setState({ problem: e instanceof Error ? e.message : String(e) });
    return;
  }
  const results: Record<number, StudyJobResult> = {};
  for (const r of runs) if (r.error) results[r.index] = { index: r.index, status: r.error, wallSeconds: 0 };
  const jobs: StudyJob[] = runs
    .filter((r) => !r.error)
    .sort((a, b) => runWeight(b, def.run.pde) - runWeight(a, def.run.pde) || a.index - b.index)
    .map((r) => ({ index: r.index, link: r.link, run: def.run }));
  const size = studyPoolSize();
  const startedAt = performance.now();
  useStudy.setState({
    runs,
    results,
    status: jobs.length > 0 ? 'running' : 'done',
    ranText: text,
    startedAt,
    elapsed: 0,
    workers: Math.min(size, jobs.length),
    problem: null,
  });
  if (jobs.length === 0) return;
  const mine = runStudyPool(jobs, size, spawnStudyWorker, (r) =>
    useStudy.setState((s) => ({
      results: { ...s.results, [r.index]: r },
      elapsed: (performance.now() - s.startedAt) / 1000,
    })),
  );
  pool = mine;
  void mine.done.then(() => {
    if (pool !== mine) return;
    pool = undefined;
    const s = useStudy.getState();
    if (s.status === 'running') useStudy.setState({ status: 'done' });
  });
}

export function cancelStudy(): void {
  const p = pool;
  pool = undefined;
  p?.cancel();
  if (useStudy.getState().status === 'running') useStudy.setState({ status: 'cancelled' });
}

/** The panel from the header: the study shown last (the Dichotomy at first), in the link. */
export function openStudyPanel(): void {
  useStudy.setState({ open: true });
  writeStudyHash(useStudy.getState().text, 'push');
}

/** Back to the live run (as it was); its link returns to the address bar. Results stay for Back. */
export function closeStudyPanel(): void {
  holdHash(null);
  useStudy.setState({ open: false });
  window.history.pushState(null, '', currentLink(false));
  markHashRead();
}

/** Opens a run of the table in the app: its share link (Back returns to the study). */
export function openStudyRun(index: number): void {
  const run = useStudy.getState().runs.find((r) => r.index === index);
  if (!run) return;
  holdHash(null);
  useStudy.setState({ open: false });
  window.history.pushState(null, '', `${window.location.pathname}${window.location.search}#${run.link}`);
  markHashRead();
  openLink(`#${run.link}`);
}

let liveLoaded = false;

/**
 * What the address bar asks for: a study link opens the panel and runs it (unless these are its
 * results already), anything else is a scenario link for the live run.
 */
export function routeHash(hash: string): void {
  if (!isStudyHash(hash)) {
    if (useStudy.getState().open) holdHash(null);
    useStudy.setState({ open: false });
    liveLoaded = true;
    openLink(hash);
    return;
  }
  markHashRead();
  const ok = setStudyText(hash.slice(1), 'none');
  if (ok) holdHash(`#${useStudy.getState().text}`);
  if (!liveLoaded) {
    liveLoaded = true;
    loadFromHash(readLink(encodeStudyBase(useStudy.getState().def)));
  }
  const s = useStudy.getState();
  if (ok && s.ranText !== s.text) startStudy();
}

function encodeStudyBase(d: StudyDefinition): string {
  const text = encodeStudy(d);
  return text.slice(text.indexOf('~') + 1);
}

/** Read-only view for the browser tests (`window.__study`): wait on it, never on fps. */
export interface StudyTestHook {
  readonly open: boolean;
  readonly status: StudyStatus;
  readonly problem: string | null;
  readonly text: string;
  readonly total: number;
  readonly done: number;
  readonly workers: number;
  readonly elapsed: number;
  /** Finished runs: index, status and link. */
  rows(): { index: number; status: string; link: string }[];
}

if (typeof window !== 'undefined' && !('__study' in window)) {
  const get = () => useStudy.getState();
  const hook: StudyTestHook = {
    get open() {
      return get().open;
    },
    get status() {
      return get().status;
    },
    get problem() {
      return get().problem;
    },
    get text() {
      return get().text;
    },
    get total() {
      return get().runs.length;
    },
    get done() {
      return Object.keys(get().results).length;
    },
    get workers() {
      return get().workers;
    },
    get elapsed() {
      return get().elapsed;
    },
    rows: () =>
      get()
        .runs.filter((r) => get().results[r.index])
        .map((r) => ({ index: r.index, status: get().results[r.index].status, link: r.link })),
  };
  Object.defineProperty(window, '__study', {
    value: Object.freeze(hook),
    configurable: false,
    writable: false,
  });
}
