import { PRESETS_1D } from '../model/oneD/presets1d';
import { decodeScenario, encodeScenario } from '../model/scenario/codec';
import { defaultScenario } from '../model/scenario/defaults';
import type { Story } from '../model/scenario/story';
import type { Scenario } from '../model/scenario/types';
import { validateScenario } from '../model/scenario/validate';

/** A named scenario for teaching, with one line on what to look for. */
export interface Preset {
  id: string;
  title: string;
  look: string;
  scenario: Scenario;
}

function build(edit: (s: Scenario) => void): Scenario {
  const s = defaultScenario();
  edit(s);
  const r = validateScenario(s);
  if (!r.ok) throw new Error(`invalid preset: ${r.error.field}: ${r.error.message}`);
  return r.scenario;
}

/** A preset the model defines as a share link (the 1D ones, model/oneD/presets1d.ts). */
function fromLink(link: string): Scenario {
  const r = decodeScenario(link);
  if (!r.ok) throw new Error(`invalid preset link: ${r.error.field}: ${r.error.message}`);
  return r.scenario;
}

function noisePreset(id: string, title: string, look: string, c: number): Preset {
  return {
    id,
    title,
    look,
    scenario: build((s) => {
      s.delta = 0.002;
      s.field.modes = [];
      s.initial = {
        kind: 'dipoles',
        density: { kind: 'uniform' },
        gamma: 0.5,
        orientation: 'random',
        seed: 1,
      };
      s.pde = { enabled: false, grid: 128, delta: 'same' };
      s.T = 0.5;
      s.rate = 0.02;
      s.noise = { temperature: { rule: 'power', c, q: 1 }, seed: 1 };
    }),
  };
}

export const PRESETS: Preset[] = [
  {
    id: 'convergence',
    title: 'Convergence with large δ',
    look: 'δ = 0.05, a few particle spacings: the particles follow the PDE and the H⁻² distance stays at the sampling-noise level. (Thm 3.3 asks for δ > √(3T/log n), beyond any n a computer holds: see the regime map.)',
    scenario: build((s) => {
      s.delta = 0.05;
      s.n = 800;
      s.field.modes = [{ a: 0.5, p: 1, q: 0, phi: 0 }];
      s.initial = {
        kind: 'sample',
        density: { kind: 'sine', a: 0.5, p: 0, q: 1 },
        sampling: 'stratified',
        seed: 1,
      };
      s.T = 1;
      s.rate = 0.1;
    }),
  },
  {
    id: 'counterexample',
    title: 'Short-dipole counterexample',
    look: 'n = 1000 particles as 500 dipoles of width δ = 1e-7 under U = cos 2πx₁: the dipoles stay put while the limit density moves, so μ± and ρ± drift apart (Thm 4.4).',
    scenario: build((s) => {
      s.delta = 1e-7;
      s.n = 1000;
      s.field.modes = [{ a: 1, p: 1, q: 0, phi: 0 }];
      s.initial = {
        kind: 'dipoles',
        density: { kind: 'uniform' },
        gamma: 0.5,
        orientation: 'random',
        seed: 1,
      };
      s.pde = { enabled: true, grid: 128, delta: 'limit' };
      s.T = 0.5;
      s.rate = 0.05;
    }),
  },
  {
    id: 'slip-dipoles',
    title: 'Edge dipoles on different slip planes',
    look: 'Slip geometry: each + and − glide only along x₁ on planes a distance ~δ apart, so they cannot annihilate; the dipoles hold while the continuum moves (Thm 4.6).',
    scenario: build((s) => {
      s.geometry = 'slip';
      s.delta = 1e-5;
      s.n = 400;
      s.field.modes = [{ a: 1, p: 1, q: 0, phi: 0 }];
      s.initial = {
        kind: 'dipoles',
        density: { kind: 'uniform' },
        gamma: 0.5,
        orientation: 'vertical',
        seed: 3,
      };
      s.pde = { enabled: true, grid: 128, delta: 'limit' };
      s.T = 0.5;
      s.rate = 0.05;
    }),
  },
  {
    id: 'pairing',
    title: 'Pairing from random data',
    look: 'I.i.d. random ± particles with a small δ and no loading: opposite signs find each other and pair up into short dipoles; watch the bound fraction rise.',
    scenario: build((s) => {
      s.delta = 1e-3;
      s.n = 600;
      s.field.modes = [];
      s.initial = { kind: 'sample', density: { kind: 'uniform' }, sampling: 'iid', seed: 7 };
      s.pde = { enabled: true, grid: 128, delta: 'same' };
      s.T = 0.2;
      s.rate = 0.02;
    }),
  },
  {
    id: 'torn-dipole',
    title: 'A dipole torn apart by a force F',
    look: 'One ± pair 2δ apart and F₁ = 14, above the pair’s largest attraction ≈ 0.45/(nδ) ≈ 11: it separates (and meets again across the torus). Set F₁ below 11 and it holds.',
    scenario: build((s) => {
      s.delta = 0.02;
      s.n = 2;
      s.field = { modes: [], force: [14, 0] };
      s.initial = {
        kind: 'explicit',
        particles: [
          [0.52, 0.5, 1],
          [0.48, 0.5, -1],
        ],
      };
      s.pde = { enabled: false, grid: 128, delta: 'same' };
      s.T = 0.08;
      s.rate = 0.01;
    }),
  },
  {
    id: 'ring',
    title: 'Ring core: outside (V1)',
    look: 'A core whose multiplier changes sign: for δ = 0.1 the uniform state is unstable for 3.8 < |k| < 8.8. A 5% seed at k = (4, 3) grows like e^(0.56t) in the PDE into sharpening stripes; the particles (stratified, 4000) follow the stripes at first, then break them into like-sign clumps. No theorem covers this.',
    scenario: build((s) => {
      s.core = 'ring';
      s.delta = 0.1;
      s.n = 4000;
      s.field.modes = [];
      s.initial = {
        kind: 'sample',
        density: { kind: 'sine', a: 0.05, p: 4, q: 3 },
        sampling: 'stratified',
        seed: 1,
      };
      s.pde = { enabled: true, grid: 128, delta: 'same' };
      s.T = 8;
      s.rate = 0.5;
    }),
  },
  // MATH §13: the same 200 dipoles (δ = 0.002, no U) at two temperatures either side of the
  // dipole-break line (δ/ℓ)^{1/(nθ)}: 2×10⁻⁵ at nθ = 0.3, 0.34 at nθ = 3
  noisePreset(
    'noise-bound',
    'Noise: short dipoles stay bound',
    'θ = 0.3/n: a ± pair’s separation s diffuses (coefficient 2θ) in the potential (2/n)·log s, so escaping from δ to the spacing ℓ = n^−½ has the factor (δ/ℓ)^(1/(nθ)) = 2×10⁻⁵: most dipoles stay bound (watch the bound fraction). Compare “Noise breaks dipoles”.',
    0.3,
  ),
  noisePreset(
    'noise-breaks',
    'Noise breaks dipoles',
    'The same dipoles at θ = 3/n: the factor (δ/ℓ)^(1/(nθ)) is 0.34, the pairs diffuse apart within t ≈ 0.05 and the bound fraction falls to that of unpaired particles.',
    3,
  ),
  ...PRESETS_1D.map((p) => ({ id: p.id, title: p.title, look: p.help, scenario: fromLink(p.link) })),
];

const preset = (id: string): Scenario => {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return structuredClone(p.scenario);
};

/** The same scenario with another δ (and playback rate). */
function withDelta(s: Scenario, delta: number): Scenario {
  return build((d) => Object.assign(d, s, { delta }));
}

/**
 * The story that walks through the paper, one scene per idea: a share link each (scenario and view)
 * and what to look at. ←/→ step through it like slides; every scene loads and plays.
 */
export const PAPER_STORY: Story = {
  title: 'Particles vs the Groma–Balogh equations: the paper in five scenes',
  scenes: [
    {
      link: encodeScenario(preset('convergence')),
      caption:
        '1/5 Convergence with large δ (Thm 3.3): 800 particles under U = ½cos 2πx₁ follow the PDE; the H⁻² distance stays at the sampling-noise level.',
    },
    {
      link: encodeScenario(withDelta(preset('convergence'), 0.002)),
      caption:
        '2/5 Shrink δ to 0.002, same data: the particles feel each other’s cores and start to pair; the distance to the PDE grows.',
    },
    {
      link: `${encodeScenario(preset('counterexample'))}&view=side`,
      caption:
        '3/5 The counterexample (Thm 4.4): short dipoles of width δ = 1e-7 stay put while the limit density moves: μ± and ρ± drift apart.',
    },
    {
      link: encodeScenario(preset('pairing')),
      caption:
        '4/5 Pairing from random data: i.i.d. ± particles with small δ and no loading find partners; the bound fraction rises.',
    },
    {
      link: encodeScenario(preset('slip-dipoles')),
      caption:
        '5/5 Slip geometry (Thm 4.6): + and − glide only along x₁ on planes δ apart, so the dipoles cannot annihilate; they hold while the continuum moves.',
    },
  ],
};
