/**
 * What limits the multirate method's macro step H on issue 12's generic-data rows: for every
 * attempt, the particle whose local error sets the error norm, classified as
 * - a cluster member (its own cluster's motion, sub-stepped, or its slow forcing);
 * - a free particle whose nearest neighbour is a cluster member;
 * - a free particle near another free one (nearest within half the mean spacing n^{-1/2});
 * - any other free particle.
 * For the free-near-free class it also reports H/τ, τ = r/|v_i − v_j| the pair's fly-by time:
 * an Adams polynomial through past states follows a force that changes on the time scale τ only
 * while its history (≈ 3H back) is a small part of τ. Counts are exact; no timing is reported.
 * STEPLIMIT_ROWS=0,1 picks rows; STEPLIMIT_LINK=<link> (and STEPLIMIT_T) adds a row of one's own.
 */
import { createSystem } from '../../src/model/dynamics/createSystem';
import { createStepper } from '../../src/model/integrate';
import { limitingParticle } from '../../src/model/integrate/errorNorm';
import type { MultirateAttempt, MultirateStepper } from '../../src/model/integrate/multirate';
import { decodeScenario } from '../../src/model/scenario/codec';
import { resolveDelta } from '../../src/model/scenario/delta';
import { initialConfiguration } from '../../src/model/scenario/initial';
import type { BenchRow } from './table';

const IID = 'samp=iid&rho=sine:0.5,1,0';
const ROWS = [
  { label: 'iid n=1000 δ=1/n U=cos, T=0.2', link: `v1&n=1000&d=0.001&${IID}&U=1,1,0,0`, T: 0.2 },
  { label: 'iid n=400 δ=1e-7 U=½cos (the app case), T=0.2', link: 'v1&n=400&d=1e-7&samp=iid', T: 0.2 },
  { label: 'iid n=1000 δ=1/n U=0, T=0.2', link: `v1&n=1000&d=0.001&${IID}&U=`, T: 0.2 },
  { label: 'iid n=4000 δ=1/n U=0, T=0.02', link: `v1&n=4000&d=0.00025&${IID}&U=`, T: 0.02 },
];
const OWN = process.env.STEPLIMIT_LINK;
if (OWN) ROWS.push({ label: OWN, link: OWN, T: Number(process.env.STEPLIMIT_T ?? 0.2) });

type Tally = Record<'member' | 'nextToMember' | 'nearFree' | 'otherFree', number>;

/** The limiting particle of one attempt and its class; H/τ for the near-free class. */
function classify(a: MultirateAttempt, rtol: number, atol: number, spacing: number) {
  const { err, y, yNew, f, clusterId } = a;
  const n = clusterId.length;
  const w = limitingParticle(err, y, yNew, n, rtol, atol);
  if (w < 0) return { kind: 'otherFree' as const }; // no error anywhere (never seen)
  if (clusterId[w] >= 0) return { kind: 'member' as const };
  let best = Number.POSITIVE_INFINITY;
  let nb = -1;
  for (let j = 0; j < n; j++) {
    if (j === w) continue;
    let dx = y[2 * w] - y[2 * j];
    let dy = y[2 * w + 1] - y[2 * j + 1];
    dx -= Math.round(dx);
    dy -= Math.round(dy);
    const r = Math.hypot(dx, dy);
    if (r < best) {
      best = r;
      nb = j;
    }
  }
  if (clusterId[nb] >= 0) return { kind: 'nextToMember' as const };
  if (best >= 0.5 * spacing) return { kind: 'otherFree' as const };
  const v = Math.hypot(f[2 * w] - f[2 * nb], f[2 * w + 1] - f[2 * nb + 1]);
  return { kind: 'nearFree' as const, ratio: (a.H * v) / best };
}

export async function benchStepLimit(): Promise<BenchRow[]> {
  const pick = process.env.STEPLIMIT_ROWS?.split(',').map(Number);
  const rows: BenchRow[] = [];
  ROWS.forEach((row, k) => {
    if (pick && !pick.includes(k)) return;
    const r = decodeScenario(row.link);
    if (!r.ok) throw new Error(`bench link ${row.link}: ${r.error.message}`);
    const s = r.scenario;
    const cfg = initialConfiguration(s);
    const system = createSystem(
      { geometry: s.geometry, core: s.core, delta: resolveDelta(s) },
      s.field,
      cfg.signs,
    );
    const { rtol, atol } = s.integrator;
    const st = createStepper(system, cfg.pos, {
      method: 'multirate',
      rtol,
      atol,
    }) as unknown as MultirateStepper;
    const spacing = 1 / Math.sqrt(system.n);
    const tally: Tally = { member: 0, nextToMember: 0, nearFree: 0, otherFree: 0 };
    const ratios: number[] = [];
    st.onAttempt = (a) => {
      const c = classify(a, rtol, atol, spacing);
      tally[c.kind]++;
      if (c.kind === 'nearFree') ratios.push(c.ratio);
    };
    st.advanceTo(row.T);
    const attempts = st.steps + st.rejected;
    const share = (x: number) => (100 * x) / attempts;
    rows.push({
      name: `${row.label}: attempts`,
      value: attempts,
      unit: `${st.steps} accepted, ${st.rejected} rejected`,
    });
    rows.push({ name: '  limited by a cluster member', value: share(tally.member), unit: '% of attempts' });
    rows.push({
      name: '  by a free particle next to a member',
      value: share(tally.nextToMember),
      unit: '% of attempts',
    });
    ratios.sort((x, y) => x - y);
    const med = ratios.length ? ratios[ratios.length >> 1] : Number.NaN;
    rows.push({
      name: '  by a free particle within ½ spacing of a free one',
      value: share(tally.nearFree),
      unit: `% of attempts; median H/τ ${med.toPrecision(2)} (τ = r/|v_i − v_j|)`,
    });
    rows.push({ name: '  by another free particle', value: share(tally.otherFree), unit: '% of attempts' });
  });
  return rows;
}
