import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario } from '../../src/model/scenario/codec';
import { defaultScenario } from '../../src/model/scenario/defaults';
import { initialConfiguration } from '../../src/model/scenario/initial';
import { decodeStory, encodeStory } from '../../src/model/scenario/story';
import { validateScenario } from '../../src/model/scenario/validate';
import { dab, hasMass, PAINT_GRID, PAINT_UNIFORM, paintedDensity, withDensity } from '../../src/state/paint';
import {
  addDipole,
  addParticle,
  initialParticles,
  moveParticle,
  nearestParticle,
  placed,
  removeParticle,
  withParticles,
} from '../../src/state/placement';
import { PAPER_STORY } from '../../src/state/presets';

describe('particles placed by hand', () => {
  it('positions wrap onto the torus and round to 1e-5 (never reaching 1)', () => {
    expect(placed(1.25)).toBe(0.25);
    expect(placed(-0.1)).toBeCloseTo(0.9, 15);
    expect(placed(0.9999999)).toBe(0);
    expect(placed(0.123456789)).toBe(0.12346);
  });

  it('the first edit keeps every sampled particle bit for bit; add, move, remove land in the link', () => {
    const s = defaultScenario();
    s.n = 20;
    const { pos, signs } = initialConfiguration(s);
    const list = initialParticles(s);
    list.forEach(([x, y, b], i) => {
      expect([x, y, b]).toEqual([pos[2 * i], pos[2 * i + 1], signs[i]]);
    });
    let edited = addParticle(list, 1.5, -0.25, -1);
    edited = moveParticle(edited, 0, -0.2, 0.3);
    edited = removeParticle(edited, 1);
    const scenario = withParticles(s, edited);
    expect(validateScenario(scenario).ok).toBe(true);
    const back = decodeScenario(encodeScenario(scenario));
    if (!back.ok) throw new Error(back.error.message);
    const P = back.scenario.initial.kind === 'explicit' ? back.scenario.initial.particles : [];
    expect(P).toHaveLength(20);
    expect(P[0]).toEqual([0.8, 0.3, signs[0]]);
    expect(P[1]).toEqual([pos[4], pos[5], signs[2]]);
    expect(P[19]).toEqual([0.5, 0.75, -1]);
    // the configuration the engine starts from is the list
    const cfg = initialConfiguration(back.scenario);
    expect(Array.from(cfg.pos.slice(0, 2))).toEqual([0.8, 0.3]);
  });

  it('a dipole: + then − at the chosen width along the drag, centred, wrapped', () => {
    const [plus, minus] = addDipole([], 0.999, 0.5, 3, 4, 0.002);
    expect(plus[2]).toBe(1);
    expect(minus[2]).toBe(-1);
    const dx = minus[0] - plus[0] - Math.round(minus[0] - plus[0]);
    const dy = minus[1] - plus[1];
    expect(Math.hypot(dx, dy)).toBeCloseTo(0.002, 7);
    expect(dy / dx).toBeCloseTo(4 / 3, 4);
    const [, across] = addDipole([], 0.9995, 0.5, 1, 0, 0.002);
    expect(across[0]).toBeCloseTo(0.0005, 12); // wrapped past 1
    // narrower than the rounding step: rounded finer, the width survives
    const [p2, m2] = addDipole([], 0.3, 0.3, 0, 0, 1e-7);
    expect(m2[0] - p2[0]).toBeCloseTo(1e-7, 12);
    expect(m2[1]).toBe(p2[1]);
  });

  it('the nearest particle is found across the torus seam, within the radius only', () => {
    const list = [
      [0.01, 0.5, 1],
      [0.5, 0.5, -1],
    ] as [number, number, number][];
    expect(nearestParticle(list, 0.99, 0.5, 0.05)).toBe(0);
    expect(nearestParticle(list, 0.48, 0.51, 0.05)).toBe(1);
    expect(nearestParticle(list, 0.25, 0.5, 0.05)).toBe(-1);
  });
});

describe('the brush', () => {
  it('starts from the scenario density (uniform ρ± = ½ → the uniform weight everywhere)', () => {
    const g = paintedDensity(defaultScenario());
    expect(g.G).toBe(PAINT_GRID);
    expect(g.plus.every((v) => v === PAINT_UNIFORM) && g.minus.every((v) => v === PAINT_UNIFORM)).toBe(true);
  });

  it('a dab adds only within its radius, periodically; erase clears both signs', () => {
    const g0 = paintedDensity(defaultScenario());
    const G = g0.G;
    const g = dab(g0, 0.01, 0.01, 0.07, 'plus');
    const changed = g.plus.flatMap((v, c) => (v !== g0.plus[c] ? [c] : []));
    // cells around (0,0) on all four corners of the grid
    expect(changed).toContain(0);
    expect(changed).toContain(G - 1);
    expect(changed).toContain((G - 1) * G);
    expect(changed).toContain(G * G - 1);
    expect(changed.length).toBeLessThan(12);
    expect(g.minus).toEqual(g0.minus);
    const e = dab(g, 0.01, 0.01, 0.07, 'erase');
    for (const c of changed) expect([e.plus[c], e.minus[c]]).toEqual([0, 0]);
    expect(hasMass(e)).toBe(true);
  });

  it('the painted density goes into the link and the particles follow it', () => {
    const s = defaultScenario();
    s.n = 400;
    let g = paintedDensity(s);
    g = { ...g, plus: g.plus.map(() => 0) };
    for (let a = 0; a < 4; a++) g = dab(g, 0.25, 0.1 + 0.25 * a, 0.12, 'plus');
    const painted = withDensity(s, g);
    if (painted.initial.kind === 'sample') painted.initial.sampling = 'iid'; // each + drawn from ρ+ itself
    const back = decodeScenario(encodeScenario(painted));
    if (!back.ok) throw new Error(back.error.message);
    expect(back.scenario.initial).toMatchObject({ kind: 'sample', density: { kind: 'grid', plus: g.plus } });
    const { pos, signs } = initialConfiguration(back.scenario);
    // every + lies in a painted cell
    for (let i = 0; i < signs.length; i++) {
      if (signs[i] !== 1) continue;
      const c = Math.floor(pos[2 * i + 1] * g.G) * g.G + Math.floor(pos[2 * i] * g.G);
      expect(g.plus[c]).toBeGreaterThan(0);
    }
  });
});

describe('the paper story', () => {
  it('has five scenes, each a valid scenario link, and survives its own link', () => {
    expect(PAPER_STORY.scenes).toHaveLength(5);
    for (const scene of PAPER_STORY.scenes) expect(decodeScenario(scene.link).ok).toBe(true);
    const r = decodeStory(encodeStory(PAPER_STORY, 2));
    expect(r).toEqual({ ok: true, story: PAPER_STORY, at: 2 });
  });
});
