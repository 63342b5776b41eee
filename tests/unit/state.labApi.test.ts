import { describe, expect, it } from 'vitest';
import { createAutoPause } from '../../src/state/autoPause';
import { type ApiEnv, type ApiState, createEventGate, EVENT_MS, handleMessage } from '../../src/state/labApi';

const STATE: ApiState = { t: 0.25, particlesT: 0.25, pdeT: 0.25, status: 'paused', link: '#v1', n: 3 };

/** A fake app recording what the API asked of it. */
function fakeEnv(overrides: Partial<ApiEnv> = {}) {
  const calls: string[] = [];
  const env: ApiEnv = {
    state: () => STATE,
    play: async () => void calls.push('play'),
    pause: async () => void calls.push('pause'),
    step: async () => void calls.push('step'),
    reset: async () => void calls.push('reset'),
    load: async (link) => void calls.push(`load ${link}`),
    exportData: async (what) => `data:${what}`,
    ...overrides,
  };
  return { env, calls };
}

describe('the postMessage API', () => {
  it('runs each command once, echoes the id and answers with the state', async () => {
    const { env, calls } = fakeEnv();
    for (const cmd of ['play', 'pause', 'step', 'reset', 'getState']) {
      const r = await handleMessage({ lab: 1, id: { k: cmd }, cmd }, env);
      expect(r).toEqual({ lab: 1, id: { k: cmd }, ok: true, state: STATE });
    }
    expect(calls).toEqual(['play', 'pause', 'step', 'reset']);
    const load = await handleMessage({ lab: 1, id: 3, cmd: 'load', link: '#v1&n=5' }, env);
    expect(load?.ok).toBe(true);
    expect(calls.at(-1)).toBe('load #v1&n=5');
    const ex = await handleMessage({ lab: 1, id: 4, cmd: 'export', what: 'particles' }, env);
    expect(ex).toMatchObject({ ok: true, data: 'data:particles', id: 4 });
  });

  it('ignores what is not a command to the lab (other libraries, its own replies and events)', async () => {
    const { env, calls } = fakeEnv();
    for (const data of [null, 'play', { cmd: 'play' }, { lab: 2, cmd: 'play' }, { lab: 1, ok: true }]) {
      expect(await handleMessage(data, env)).toBeNull();
    }
    expect(await handleMessage({ lab: 1, event: 'checkpoint', state: STATE }, env)).toBeNull();
    expect(calls).toEqual([]);
  });

  it('refuses unknown commands, missing links and exports with one line, never throwing', async () => {
    const { env, calls } = fakeEnv();
    const unknown = await handleMessage({ lab: 1, id: 1, cmd: 'fly' }, env);
    expect(unknown).toMatchObject({ ok: false, id: 1, state: STATE });
    expect(unknown?.error).toBe(
      'unknown command "fly" (one of play, pause, reset, step, getState, load, export)',
    );
    expect((await handleMessage({ lab: 1, cmd: 42 }, env))?.error).toMatch(/^unknown command 42/);
    expect((await handleMessage({ lab: 1, cmd: 'load' }, env))?.error).toMatch(/load needs "link"/);
    expect((await handleMessage({ lab: 1, cmd: 'load', link: '  ' }, env))?.ok).toBe(false);
    const gif = await handleMessage({ lab: 1, cmd: 'export', what: 'gif' }, env);
    expect(gif?.error).toBe('export needs "what": one of csv, json, png, particles');
    expect(calls).toEqual([]);
  });

  it('a failing action becomes ok: false with its message on one line; an unclonable id is null', async () => {
    const { env } = fakeEnv({
      load: async () => {
        throw new Error('This link could not be read:\n  n="abc"   (a number)');
      },
    });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const r = await handleMessage({ lab: 1, id: circular, cmd: 'load', link: '#v1&n=abc' }, env);
    expect(r).toMatchObject({
      ok: false,
      id: null,
      error: 'This link could not be read: n="abc" (a number)',
    });
    const broken = fakeEnv({
      state: () => {
        throw new Error('no state');
      },
    });
    const s = await handleMessage({ lab: 1, cmd: 'getState' }, broken.env);
    expect(s?.state.status).toBe('error');
  });
});

describe('unasked events', () => {
  const at = (t: number, status: ApiState['status'] = 'running'): ApiState => ({ ...STATE, t, status });

  it('a checkpoint event per new checkpoint, at most one per EVENT_MS; finished at once', () => {
    const gate = createEventGate(() => 0.1);
    expect(gate(0, at(0, 'paused'))).toEqual(['checkpoint']);
    expect(gate(10, at(0.05))).toEqual([]); // between checkpoints
    expect(gate(20, at(0.1))).toEqual([]); // a new checkpoint, but too soon
    expect(gate(EVENT_MS, at(0.1))).toEqual(['checkpoint']);
    expect(gate(EVENT_MS + 1, at(0.3))).toEqual([]);
    expect(gate(3 * EVENT_MS, at(1, 'finished'))).toEqual(['checkpoint', 'finished']);
    expect(gate(5 * EVENT_MS, at(1, 'finished'))).toEqual([]); // said once
    // a reset starts counting again
    expect(gate(7 * EVENT_MS, at(0, 'paused'))).toEqual([]);
    expect(gate(9 * EVENT_MS, at(0.1))).toEqual(['checkpoint']);
    expect(gate(11 * EVENT_MS, at(0.1, 'error'))).toEqual(['error']);
  });
});

describe('pausing a run nobody sees', () => {
  function fakeRun(running: boolean) {
    const log: string[] = [];
    const run = {
      running,
      isRunning: () => run.running,
      pause: () => {
        run.running = false;
        log.push('pause');
      },
      play: () => {
        run.running = true;
        log.push('play');
      },
    };
    return { run, log };
  }

  it('pauses when hidden and resumes when every reason is gone', () => {
    const { run, log } = fakeRun(true);
    const a = createAutoPause(run);
    a.set('page', true);
    a.set('offscreen', true);
    a.set('page', false);
    expect(log).toEqual(['pause']);
    a.set('offscreen', false);
    expect(log).toEqual(['pause', 'play']);
  });

  it('a run the user paused stays paused; a user decision while hidden is kept', () => {
    const paused = fakeRun(false);
    const a = createAutoPause(paused.run);
    a.set('page', true);
    a.set('page', false);
    expect(paused.log).toEqual([]);
    const running = fakeRun(true);
    const b = createAutoPause(running.run);
    b.set('page', true);
    b.forget(); // the user pressed pause (or play) meanwhile
    b.set('page', false);
    expect(running.log).toEqual(['pause']);
  });
});
