import { defaultScenario } from '/work/main/src/model/scenario/defaults';
import { PRESETS } from '/work/main/src/state/presets';
import { ParticleEngine } from '/work/main/src/worker/particleEngine';
import { PdeEngine } from '/work/main/src/worker/pdeEngine';

const which = process.argv[2] ?? 'default';
const s = which === 'default' ? defaultScenario() : PRESETS.find((p) => p.id === which)!.scenario;
const h = s.T / 200;
let t0 = performance.now();
const pe = new ParticleEngine();
const r0 = pe.init(s, h);
console.log('particle init', (performance.now() - t0).toFixed(0), 'ms n', r0.n, 'lambda', r0.lambda);
t0 = performance.now();
const de = new PdeEngine();
de.init(s, h);
console.log('pde init', (performance.now() - t0).toFixed(0), 'ms');
for (let k = 1; k <= 6; k++) {
  t0 = performance.now();
  const r = pe.advance(k * h, 1e9);
  const t1 = performance.now();
  const d = de.advance(k * h, 1e9);
  console.log(
    `k=${k} particles t=${r.t.toFixed(5)} steps=${r.steps} rej=${r.rejected} ${(t1 - t0).toFixed(0)}ms | pde t=${d.t.toFixed(5)} steps=${d.steps} ${(performance.now() - t1).toFixed(0)}ms | E=${r.checkpoints.at(-1)?.energy} bound=${r.checkpoints.at(-1)?.boundFraction}`,
  );
}
