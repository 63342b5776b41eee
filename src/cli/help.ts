/** The CLI's help texts: `npm run sim -- --help` and `npm run sim -- <command> --help`. */
import { availableFields } from '../model/study/fields';
import type { Command } from './args';
import { RUN_GROUPS } from './runFields';

export const USAGE = `usage: npm run sim -- <command> --in <file|link> [--out file] [options]
  velocities      velocities and energy of a cfg or scenario
  init            the particles a scenario starts from
  run --T t       the particles (and with --pde the PDE) at t, with the study measures
  pde --T t       the densities at t
  sweep           a study: runs over axes of link keys, one CSV row per run (parallel)
  schema          the JSON Schema of scenario files (docs/scenario.schema.json)
  <command> --help shows its options and examples
  any: --debug (stack traces)    exit codes: 0 ok, 1 computation failed, 2 bad input, 3 --max-wall
`;

function fieldTable(pde: boolean): string {
  return availableFields(pde, [[1, 0]])
    .map((f) => `    ${f.name.padEnd(24)}${f.default ? '*' : ' '} ${f.what}`)
    .join('\n');
}

const HELP: Record<Command, string> = {
  velocities: `usage: npm run sim -- velocities --in <cfg.json|scenario|link> [--out out.json]
  dx/dt of every particle and E_n at the input configuration.
example:
  npm run sim -- velocities --in 'v1&n=10&d=0.05'
`,
  init: `usage: npm run sim -- init --in <scenario|link> [--out out.json]
  The particles a scenario starts from (bit-identical to the app's).
example:
  npm run sim -- init --in 'v1&n=1000&i=dipoles&d=pow:1,1.5' --out p.json
`,
  pde: `usage: npm run sim -- pde --in <cfg|scenario|link> --T t [--grid N] [--delta D|limit] [--rk ssp33|ssp43] [--out out.json]
  The Groma–Balogh densities at T (both grids), the energy at every step.
  --rk ssp43            four-stage SSP-RK3: twice the step for 4 potential solves (default ssp33, SSP-RK3)
  --progress, --max-wall S as for run.
example:
  npm run sim -- pde --in 'v1&U=1,1,0,0' --T 0.2 --grid 128 --out rho.json
`,
  run: `usage: npm run sim -- run --in <cfg|scenario|link> [--T t] [--out out.json] [options]
  --T t                 final time (default: the scenario's T)
  --rtol r --atol a     tolerances; --integrator auto|explicit|stiff
  --pde                 co-evolve the PDE: --grid N, --pde-delta D|limit, --pde-rk ssp33|ssp43 (time
                        scheme, default ssp33 = SSP-RK3), --samples K (default 50:
                        both sides end a step at K equispaced times, where the series are sampled)
  --replay              step as the app does (checkpoints T_scenario/200): the app's state bit for bit
  --modes "p,q;p,q"     also report κ̂ at these wave vectors
  --fields LIST         what to write: measure names and groups (${RUN_GROUPS.map((g) => g.name).join(', ')});
                        "+a,+b" adds to the defaults, "-a" drops one; grids and initial particles only on request
  --progress, --max-wall S (exit 3, nothing written)
  Noise (MATH §13): a cfg's "temperature": θ (in [0, 1]) and "seed": s, a link's th=θ|pow:c,q and ns=s.
  With θ > 0 the particles step on a fixed dyadic grid through one Brownian path per (seed, particle),
  so the same input gives the same path bit for bit whatever the stops (--replay, --pde, --samples);
  with --pde the PDE gains θΔρ± and the series add pdeFreeEnergy F = E + θ∫ρ±logρ± (non-increasing);
  the result adds noise: {temperature, seed, dt (the noise grid step), dipoleBreakFactor (δ/ℓ)^(1/(nθ)−2), 1 for nθ ≥ ½}.
  The result holds T, steps, rejected, regime, wallSeconds, threads (how the particles' sums and the PDE
  shared the cores: a speed is read with it; and grid, pdeDelta, pdeSteps) always, then
  "measures" (the study row at T, below; * = default) and the groups asked for.
groups:
${RUN_GROUPS.map((g) => `    ${g.name.padEnd(24)}${g.default ? '*' : ' '} ${g.what}`).join('\n')}
measures (with --pde; --modes 1,0 shown):
${fieldTable(true)}
examples:
  npm run sim -- run --in 'v1&n=1000&U=1,1,0,0&T=0.2' --pde --out r.json
  npm run sim -- run --in r-link.txt --pde --fields +grids,+initial_particles --out full.json
  npm run sim -- run --in 'v1&n=400' --T 0.5 --fields d_plus,particles_moved,bound_fraction
  npm run sim -- run --in 'v1&n=1000&d=0.01&th=0.001&ns=7' --pde --out noisy.json
`,
  sweep: `usage: npm run sim -- sweep --in <scenario|link> --vary KEY=V1;V2;… [--vary …] [options] --out results.csv
  Runs the base scenario at every combination of the axes; one CSV row per run, written as it finishes.
  --vary KEY=V1;V2      KEY is a key of the share link (n, d, seed, g, c, U, i, rho, samp, gamma, o, T, N, pd, th, ns, …),
                        each V written as in the link: d=pow:1,2;0.05 is δ = n^-2 and δ = 0.05.
                        Ranges: seed=1..5; ladders n=250..64000*2 (250, 500, …, 64000).
                        V1|V2 when a value holds ';' (U modes). LABEL=piece;piece varies settings
                        together: data=samp=iid&d=0.05;i=dipoles&d=pow:1,1.5
  --T, --grid, --pde-delta same|limit|D, --pde-rk, --rtol, --atol, --integrator: set in the base link
  --pde, --samples K, --replay, --modes "p,q;…": how each run is done and measured (as for run)
  --jobs N              runs in parallel (default: all cores; 1: in this process)
  --shard i/N           only the runs of shard i (0 ≤ i < N), shards balanced by estimated cost
  --resume              skip the runs already in --out (the file must have the same columns)
  --max-wall S          per run: a run over S seconds becomes a row with status "error: max-wall: …"
  --fields LIST         columns (measure names; "+a" adds to the defaults, "-a" drops one)
  --summary s.json      slope of ln(measure) against ln(n) per group (all other axes but seed),
                        ordinary least squares, with the slope's standard error
  --progress            progress and ETA on stderr (on by default on a terminal)
  --dry-run             list the runs and their links, compute nothing
  sweep --merge a.csv b.csv … --out all.csv [--summary s.json]   joins shards, sorted by run
  Every row has run, the axis values, status (ok or the one-line error) and, by default, link:
  "npm run sim -- run --in <link>" with the sweep's --pde/--samples/--replay gives the same numbers.
columns (with --pde; --modes 1,0 shown; * = default):
${fieldTable(true)}
examples:
  npm run sim -- sweep --in 'v1&U=1,1,0,0&T=0.2' --vary n=250..4000*2 --vary seed=1..3 --pde --out a.csv --summary a.json
  npm run sim -- sweep --in 'v1&U=1,1,0,0' --T 0.2 --pde --vary 'data=i=sample&samp=iid&d=0.05;i=dipoles&d=pow:1,1.5' \\
      --vary n=250..64000*2 --vary seed=1..3 --modes '1,0' --out dichotomy.csv --summary dichotomy.json
  npm run sim -- sweep --in 'v1&n=500' --vary 'd=0.01;0.02;0.05' --shard 0/4 --out part0.csv
  npm run sim -- sweep --merge part0.csv part1.csv part2.csv part3.csv --out all.csv --summary all.json
`,
  schema: `usage: npm run sim -- schema [--out scenario.schema.json]
  The JSON Schema (2020-12) of scenario files, generated from the validator's tables
  (docs/scenario-format.md explains the format).
example:
  npm run sim -- schema --out docs/scenario.schema.json
`,
};

export function commandHelp(command: Command): string {
  return HELP[command];
}
