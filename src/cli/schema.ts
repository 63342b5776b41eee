/**
 * The JSON Schema (2020-12) of a scenario file, built from the validator's own tables: its ranges
 * (FIELD_RANGES, DENSITY_RANGES), lists (enumerations, list lengths) and defaults. `npm run sim --
 * schema` prints it; docs/scenario.schema.json is its output (a test checks they agree). Rules
 * across fields are stated in the descriptions: the schema cannot check them, the validator does.
 */
import { DENSITY_KINDS } from '../model/init/densities';
import { DIPOLE_ORIENTATIONS } from '../model/init/dipoles';
import {
  DEFAULT_BUMP,
  DEFAULT_MODE,
  DEFAULT_SCENARIO,
  defaultDensity,
  defaultInitial,
} from '../model/scenario/defaults';
import { NOISE_DEFAULTS, TEMPERATURE_RULE_DEFAULTS } from '../model/scenario/noise';
import type { NumberRange } from '../model/scenario/read';
import { INITIAL_KINDS, INTEGRATOR_METHODS, PDE_SCHEMES, SAMPLING_METHODS } from '../model/scenario/types';
import {
  DELTA_MAX,
  DELTA_MIN,
  DELTA_RULE_DEFAULTS,
  MAX_MODES,
  N_MAX,
  PDE_GRIDS,
  FIELD_RANGES as R,
  SCENARIO_VERSION,
} from '../model/scenario/validate';
import { DENSITY_RANGES as DR, MAX_BUMPS, PAINT_GRIDS } from '../model/scenario/validateDensity';
import { CORE_MODELS, GEOMETRIES } from '../model/types';

type Schema = Record<string, unknown>;
const D = DEFAULT_SCENARIO;

function number(range: NumberRange, description: string, dflt?: unknown): Schema {
  const s: Schema = { type: range.integer ? 'integer' : 'number', description };
  if (range.min !== undefined) s.minimum = range.min;
  if (range.above !== undefined) s.exclusiveMinimum = range.above;
  if (range.max !== undefined) s.maximum = range.max;
  if (dflt !== undefined) s.default = dflt;
  return s;
}

const choice = (options: readonly unknown[], description: string, dflt?: unknown): Schema =>
  dflt === undefined
    ? { enum: [...options], description }
    : { enum: [...options], description, default: dflt };

/** An object of exactly these properties (unknown keys are errors, as in the validator). */
const object = (
  properties: Record<string, Schema>,
  description: string,
  required: string[] = [],
): Schema => ({
  type: 'object',
  description,
  properties,
  ...(required.length > 0 ? { required } : {}),
  additionalProperties: false,
});

function densities(): Schema {
  const sine = defaultDensity('sine');
  const stripes = defaultDensity('stripes');
  const kind = (k: string, required: boolean) => ({
    kind: { const: k, description: required ? 'required' : 'optional: the default kind' },
  });
  const bump = object(
    {
      x: number(DR['bumps[].x'], 'centre x₁', DEFAULT_BUMP.x),
      y: number(DR['bumps[].y'], 'centre x₂', DEFAULT_BUMP.y),
      sigma: number(DR['bumps[].sigma'], 'width σ', DEFAULT_BUMP.sigma),
      w: number(DR['bumps[].w'], 'weight', DEFAULT_BUMP.w),
      s: number(DR['bumps[].s'], 'sign: 1 to ρ+, −1 to ρ−, 0 half to each', DEFAULT_BUMP.s),
    },
    'a periodised Gaussian bump',
  );
  return {
    description: `initial density (MATH §7); kinds ${DENSITY_KINDS.join(', ')}; normalised to ∫ρ+ + ∫ρ− = 1`,
    oneOf: [
      object(kind('uniform', false), 'ρ± = ½'),
      object(
        {
          ...kind('sine', true),
          a: number(DR['sine.a'], 'amplitude', sine.kind === 'sine' ? sine.a : undefined),
          p: number(
            DR['sine.p'],
            'wave number along x₁ ((p, q) ≠ (0, 0))',
            sine.kind === 'sine' ? sine.p : undefined,
          ),
          q: number(DR['sine.q'], 'wave number along x₂', sine.kind === 'sine' ? sine.q : undefined),
        },
        'ρ± = ½(1 ± a sin 2π(p x₁ + q x₂))',
        ['kind'],
      ),
      object(
        {
          ...kind('stripes', true),
          a: number(DR['stripes.a'], 'contrast', stripes.kind === 'stripes' ? stripes.a : undefined),
          beta: number(
            DR['stripes.beta'],
            'wall steepness',
            stripes.kind === 'stripes' ? stripes.beta : undefined,
          ),
          m: number(
            DR['stripes.m'],
            'number of stripe pairs',
            stripes.kind === 'stripes' ? stripes.m : undefined,
          ),
        },
        'ρ± = ½(1 ± a·tanh(β sin 2πm x₁)/tanh β): m pairs of stripes',
        ['kind'],
      ),
      object(
        {
          ...kind('bumps', true),
          background: number(DR['bumps.background'], 'uniform part (background + Σw ≥ 1e-300)', 1),
          bumps: { type: 'array', maxItems: MAX_BUMPS, items: bump, default: [] },
        },
        'a background plus Gaussian bumps',
        ['kind'],
      ),
      object(
        {
          ...kind('grid', true),
          G: { ...number(DR['grid.G'], 'side of the painted grid', 16), enum: [...PAINT_GRIDS] },
          plus: {
            type: 'array',
            description: 'G² weights of ρ+, row by row from x₂ = 0, x₁ fastest',
            items: number(DR['grid.plus[]'], 'weight of a cell'),
          },
          minus: {
            type: 'array',
            description: 'G² weights of ρ−, laid out as plus',
            items: number(DR['grid.minus[]'], 'weight of a cell'),
          },
        },
        'a painted G×G piecewise-constant density (Σ weights ≥ 1e-300; each list has exactly G² values)',
        ['kind', 'plus', 'minus'],
      ),
    ],
  };
}

function initial(): Schema {
  const sample = defaultInitial('sample');
  const dipoles = defaultInitial('dipoles');
  const seed = number(R['initial.seed'], 'seed of the random generator (xoshiro128** via splitmix32)', 1);
  const particle = {
    type: 'array',
    description: '[x₁, x₂, b] with b = 1 or −1 (positions are wrapped into [0,1)²)',
    prefixItems: [
      number(R['initial.particles[][0]'], 'x₁'),
      number(R['initial.particles[][1]'], 'x₂'),
      { enum: [1, -1], description: 'sign b' },
    ],
    items: false,
    minItems: 3,
  };
  return {
    description: `how the particles start (MATH §7); kinds ${INITIAL_KINDS.join(', ')}`,
    default: defaultInitial('sample'),
    oneOf: [
      object(
        {
          kind: { const: 'sample', description: 'optional: the default kind' },
          density: densities(),
          sampling: choice(
            SAMPLING_METHODS,
            'stratified (cells of side ~n^−1/2) or i.i.d.',
            sample.kind === 'sample' ? sample.sampling : undefined,
          ),
          seed,
        },
        'n particles sampled from a density',
      ),
      object(
        {
          kind: { const: 'dipoles' },
          density: densities(),
          gamma: number(
            R['initial.gamma'],
            'half-width factor: ± at distance 2γδ',
            dipoles.kind === 'dipoles' ? dipoles.gamma : undefined,
          ),
          orientation: choice(
            DIPOLE_ORIENTATIONS,
            'dipole direction (slip geometry: not horizontal)',
            dipoles.kind === 'dipoles' ? dipoles.orientation : undefined,
          ),
          seed,
        },
        'n/2 short dipoles (n even) on a lattice adapted to the density (density and seed as for sample)',
        ['kind'],
      ),
      object(
        {
          kind: { const: 'explicit' },
          particles: {
            type: 'array',
            maxItems: N_MAX,
            items: particle,
            description: 'exactly n particles (n defaults to their number)',
          },
        },
        'an explicit list',
        ['kind'],
      ),
    ],
  };
}

/** The JSON Schema of a scenario file (MATH §9). */
export function scenarioSchema(): Schema {
  const power = DELTA_RULE_DEFAULTS.power;
  const mode = object(
    {
      a: number(R['field.modes[].a'], 'amplitude', DEFAULT_MODE.a),
      p: number(R['field.modes[].p'], 'wave number along x₁', DEFAULT_MODE.p),
      q: number(R['field.modes[].q'], 'wave number along x₂', DEFAULT_MODE.q),
      phi: number(R['field.modes[].phi'], 'phase φ', DEFAULT_MODE.phi),
    },
    'a·cos(2π(p x₁ + q x₂) − φ)',
  );
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Dislocation lab scenario',
    description:
      'Everything that reproduces a run (docs/scenario-format.md). Every field is optional: a missing one takes the default. ' +
      `Checked by the validator but not by this schema: δ evaluated at n lies in [${DELTA_MIN}, ${DELTA_MAX}]; ` +
      'an explicit list has exactly n particles; short dipoles need even n (and in slip geometry an orientation other than horizontal); ' +
      'a sine density has (p, q) ≠ (0, 0); bumps have background + Σw ≥ 1e-300 (a painted grid: Σ weights ≥ 1e-300).',
    type: 'object',
    additionalProperties: false,
    properties: {
      version: { const: SCENARIO_VERSION, description: 'scenario format version', default: SCENARIO_VERSION },
      dimension: number(R.dimension, '1: the circle T¹ (MATH §12: U of x₁ only, n even); 2: the torus T²', 2),
      geometry: choice(
        GEOMETRIES,
        'isotropic (screw, free in the plane) or slip (edge, glide along x₁): MATH §2',
        D.geometry,
      ),
      core: choice(
        CORE_MODELS,
        'core regularisation of the potential (MATH §2); ring is outside the paper’s assumption (V1): m_δ changes sign',
        D.core,
      ),
      delta: {
        description: 'core radius δ, or a rule evaluated at n: power δ = c·n^−p, log δ = c/√(log n)',
        default: D.delta,
        oneOf: [
          number(R.delta, 'δ itself'),
          object(
            {
              rule: { const: 'power' },
              c: number(R['delta.c'], 'prefactor c', power.c),
              p: number(R['delta.p'], 'exponent p', power.p),
            },
            'δ = c·n^−p',
            ['rule'],
          ),
          object(
            { rule: { const: 'log' }, c: number(R['delta.c'], 'prefactor c', DELTA_RULE_DEFAULTS.log.c) },
            'δ = c/√(log n)',
            ['rule'],
          ),
        ],
      },
      n: number(R.n, 'number of particles, both signs', D.n),
      field: object(
        {
          modes: {
            type: 'array',
            maxItems: MAX_MODES,
            items: mode,
            default: D.field.modes,
            description: 'U = Σ modes',
          },
          force: {
            type: 'array',
            description: 'constant applied force F = [F₁, F₂] (MATH §4)',
            prefixItems: [number(R['field.force[]'], 'F₁'), number(R['field.force[]'], 'F₂')],
            items: false,
            minItems: 2,
            default: D.field.force,
          },
        },
        'external potential U and force F (MATH §4)',
      ),
      initial: initial(),
      pde: object(
        {
          enabled: {
            type: 'boolean',
            description: 'run the companion PDE in the app',
            default: D.pde.enabled,
          },
          grid: {
            ...number(R['pde.grid'], 'grid N (N² cells), a power of two', D.pde.grid),
            enum: [...PDE_GRIDS],
          },
          delta: {
            description: 'the PDE’s δ: same (the particles’), limit (δ → 0 at grid resolution) or a number',
            default: D.pde.delta,
            oneOf: [number(R['pde.delta'], 'δ of the PDE'), { enum: ['same', 'limit'] }],
          },
          rk: choice(
            PDE_SCHEMES,
            'time scheme: ssp33 (SSP-RK3) or ssp43 (four-stage SSP-RK3, twice the step; 2D only)',
            'ssp33',
          ),
        },
        'the companion Groma–Balogh PDE (MATH §5)',
      ),
      T: number(R.T, 'time horizon', D.T),
      integrator: object(
        {
          method: choice(
            INTEGRATOR_METHODS,
            'auto switches by a measured near-pair stiffness',
            D.integrator.method,
          ),
          rtol: number(R['integrator.rtol'], 'relative tolerance', D.integrator.rtol),
          atol: number(R['integrator.atol'], 'absolute tolerance', D.integrator.atol),
        },
        'time integrator of the particles',
      ),
      rate: number(R.rate, 'simulated time per wall-clock second in the app', D.rate),
      noise: object(
        {
          temperature: {
            description:
              'temperature θ (dx = v dt + √(2θ) dW; slip: along x₁ only), or θ = c·n^−q; θ at n lies in [0, 1]; 0: no noise',
            default: NOISE_DEFAULTS.temperature,
            oneOf: [
              number(R['noise.temperature'], 'θ itself'),
              object(
                {
                  rule: { const: 'power' },
                  c: number(R['noise.temperature.c'], 'prefactor c', TEMPERATURE_RULE_DEFAULTS.c),
                  q: number(R['noise.temperature.q'], 'exponent q', TEMPERATURE_RULE_DEFAULTS.q),
                },
                'θ = c·n^−q',
                ['rule'],
              ),
            ],
          },
          seed: number(
            R['noise.seed'],
            'seed of the Brownian paths (a virtual Brownian tree)',
            NOISE_DEFAULTS.seed,
          ),
        },
        'thermal noise (MATH §13); on the circle (dimension 1) along x only',
      ),
    },
  };
}
