/**
 * The particle stepper on the rows of issue 12 (particles only: the wall times are whole
 * CLI runs with --pde). Each row runs the scenario with this tree's engine and with the engine of
 * BASELINE (this branch's start, main's fast sums included) in the same process, so the ratio is
 * what holds on a shared machine. The "before" and target are in the row's name.
 * STEPPER_ROWS=0,3 runs a subset (the large rows take minutes each). Each row also runs this
 * tree with method 'multirate' and reports how far its final positions are from auto's.
 */

import { importBaseline } from './baseline';
import type { BenchRow } from './table';

const BASELINE = '3e347d6';

interface Row {
  label: string;
  link: string;
  T: number;
}

const IID = 'samp=iid&rho=sine:0.5,1,0';
const ROWS: Row[] = [
  {
    label: 'iid n=1000 δ=1/n U=cos T=0.2 (issue: 29 s with PDE; target ≤ 3 s)',
    link: `v1&n=1000&d=0.001&${IID}&U=1,1,0,0`,
    T: 0.2,
  },
  {
    label: 'iid n=4000 δ=1/n U=cos T=0.2 (issue: 435 s; target ≤ 20 s)',
    link: `v1&n=4000&d=0.00025&${IID}&U=1,1,0,0`,
    T: 0.2,
  },
  {
    label: 'iid n=4000 δ=1/n U=0 T=0.2 (issue: 221–378 s; target ≤ 20 s)',
    link: `v1&n=4000&d=0.00025&${IID}&U=`,
    T: 0.2,
  },
  {
    label: 'iid n=16000 δ=1/n U=cos T=0.2 (target ≤ 90 s)',
    link: `v1&n=16000&d=0.0000625&${IID}&U=1,1,0,0`,
    T: 0.2,
  },
  {
    label: 'dipoles n=1000 δ=1e-7 U=cos T=1 (target ≤ 0.3 s)',
    link: 'v1&n=1000&d=1e-7&i=dipoles&o=horizontal&U=1,1,0,0',
    T: 1,
  },
  {
    label: 'dipoles n=10000 δ=1e-9 U=cos T=1 (target ≤ 5 s)',
    link: 'v1&n=10000&d=1e-9&i=dipoles&o=horizontal&U=1,1,0,0',
    T: 1,
  },
  {
    label: 'slip relaxation N=256 δ=1e-7 rtol=1e-9 U=0 T=0.5 (issue: 174 s; target ≤ 17 s)',
    link: 'v1&g=slip&n=256&d=1e-7&samp=iid&U=&rtol=1e-9&atol=1e-9',
    T: 0.5,
  },
  {
    label: 'slip relaxation N=1024 δ=1e-7 rtol=1e-9 U=0 T=0.5 (issue: 464 s; target ≤ 45 s)',
    link: 'v1&g=slip&n=1024&d=1e-7&samp=iid&U=&rtol=1e-9&atol=1e-9',
    T: 0.5,
  },
];

type Engine = (
  link: string,
  T: number,
  method?: string,
) => { wall: number; steps: number; rejected: number; evaluations: number; pos: Float64Array };

async function engineFrom(
  load: (file: string) => Promise<Record<string, unknown> | null>,
): Promise<Engine | null> {
  const [cs, it, codec, dl, ini] = await Promise.all(
    [
      'dynamics/createSystem.ts',
      'integrate/index.ts',
      'scenario/codec.ts',
      'scenario/delta.ts',
      'scenario/initial.ts',
    ].map(load),
  );
  if (!cs || !it || !codec || !dl || !ini) return null;
  // biome-ignore lint/suspicious/noExplicitAny: modules of two trees with the same API
  const m = { ...cs, ...it, ...codec, ...dl, ...ini } as any;
  return (link, T, method) => {
    const r = m.decodeScenario(link);
    if (!r.ok) throw new Error(`bench link ${link}: ${JSON.stringify(r)}`);
    const s = r.scenario;
    const started = performance.now();
    const cfg = m.initialConfiguration(s);
    const sys = m.createSystem(
      { geometry: s.geometry, core: s.core, delta: m.resolveDelta(s) },
      s.field,
      cfg.signs,
    );
    const st = m.createStepper(sys, cfg.pos, {
      method: method ?? s.integrator.method,
      rtol: s.integrator.rtol,
      atol: s.integrator.atol,
    });
    st.advanceTo(T);
    return {
      wall: (performance.now() - started) / 1000,
      steps: st.steps,
      rejected: st.rejected,
      evaluations: st.evaluations,
      pos: Float64Array.from(st.unwrapped),
    };
  };
}

export async function benchStepper(): Promise<BenchRow[]> {
  const now = await engineFrom((f) => import(`../../src/model/${f}`));
  const before = await engineFrom((f) => importBaseline(BASELINE, f));
  if (!now) throw new Error('engine modules not found');
  const pick = process.env.STEPPER_ROWS?.split(',').map(Number);
  // STEPPER_MULTIRATE=0 leaves out the row of the multirate method (src/model/integrate/multirate.ts)
  const multirate = process.env.STEPPER_MULTIRATE !== '0';
  const rows: BenchRow[] = [];
  ROWS.forEach((row, k) => {
    if (pick && !pick.includes(k)) return;
    const b = before?.(row.link, row.T);
    const a = now(row.link, row.T);
    rows.push({ name: row.label, value: a.wall, unit: 's (this tree, particles only)' });
    rows.push({
      name: '  steps / rejected / evaluations',
      value: a.steps,
      unit: `${a.rejected} rej, ${a.evaluations} ev`,
    });
    if (multirate) {
      const m = now(row.link, row.T, 'multirate');
      let d = 0;
      for (let i = 0; i < m.pos.length; i++) d = Math.max(d, Math.abs(m.pos[i] - a.pos[i]));
      rows.push({
        name: "  method 'multirate' (this tree)",
        value: m.wall,
        unit: `s; ${m.steps} steps, ${m.rejected} rej, ${m.evaluations} ev; max |Δx| vs auto ${d.toExponential(1)}`,
      });
    }
    if (b) {
      rows.push({
        name: `  before (${BASELINE}), same process`,
        value: b.wall,
        unit: `s; ${b.steps} steps, ${b.rejected} rej, ${b.evaluations} ev`,
      });
      rows.push({ name: '  after / before', value: a.wall / b.wall, unit: '' });
    }
  });
  return rows;
}
