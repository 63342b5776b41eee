import { isStoryLink } from '../model/scenario/story';
import { currentLink, openLink } from '../state/actions';
import { createAutoPause } from '../state/autoPause';
import { whenSettled } from '../state/capture';
import { frames, runner } from '../state/lab';
import {
  type ApiEnv,
  type ApiEvent,
  type ApiState,
  type ApiStatus,
  createEventGate,
  EVENT_MS,
  handleMessage,
} from '../state/labApi';
import { readLink } from '../state/linkReading';
import type { RunStatus } from '../state/store';
import { useLab } from '../state/store';
import { markHashRead, setHash } from '../state/urlSync';
import { exportData } from './export/exportActions';

/**
 * The page's connections to the world outside it: the postMessage API (commands from a host page,
 * a notebook, a test, or the page itself; unasked events to the embedding page and to whoever sent
 * a command), pausing while nobody can see the view, and the service worker that keeps the lab
 * working offline.
 */

const STATUS: Record<RunStatus, ApiStatus> = {
  starting: 'paused',
  paused: 'paused',
  pausing: 'running',
  playing: 'running',
  stepping: 'running',
  done: 'finished',
  error: 'error',
};

/** What is on screen (the display clock's times), for replies and events. */
export function apiState(): ApiState {
  const d = frames.drawn;
  const run = useLab.getState().run;
  return {
    t: d?.t ?? 0,
    particlesT: d?.particles?.t ?? 0,
    pdeT: d?.density ? d.density.t : null,
    // the run is over when its last picture is on screen, not when the workers got there
    status: run.status === 'done' && frames.current !== d ? 'running' : STATUS[run.status],
    link: currentLink(false),
    n: d?.particles?.n ?? run.n,
  };
}

const autoPause = createAutoPause({
  isRunning: () => useLab.getState().run.status === 'playing',
  pause: () => runner.pause(),
  play: () => runner.play(),
});

/** Resolves once a first picture of the current run is on screen. */
function whenDrawn(timeoutMs = 120_000): Promise<void> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      const { status, message } = useLab.getState().run;
      if (status === 'error') reject(new Error(`the simulation stopped: ${message ?? 'unknown error'}`));
      else if (status !== 'starting' && frames.drawn && frames.current === frames.drawn) resolve();
      else if (performance.now() - start > timeoutMs) reject(new Error('no picture within the time limit'));
      else window.setTimeout(check, 20);
    };
    check();
  });
}

/** Open a link for the API: bad links are refused whole (the page keeps what it shows). */
async function loadLink(link: string): Promise<void> {
  const hash = link.includes('#') ? link.slice(link.indexOf('#')) : `#${link}`;
  if (!isStoryLink(hash)) {
    const reading = readLink(hash);
    if (reading.problem) throw new Error(reading.problem);
  }
  const before = useLab.getState().linkProblem;
  openLink(hash);
  const problem = useLab.getState().linkProblem;
  if (problem && problem !== before) throw new Error(problem);
  if (!isStoryLink(hash)) setHash(hash, 'replace');
  markHashRead();
  await runner.whenReady();
  await whenDrawn();
}

const env: ApiEnv = {
  state: apiState,
  async play() {
    autoPause.forget();
    await runner.whenReady();
    runner.play();
  },
  async pause() {
    autoPause.forget();
    runner.pause();
    await whenSettled();
  },
  async step() {
    await runner.whenReady();
    await whenSettled();
    runner.step();
    await whenSettled();
  },
  async reset() {
    await runner.reset();
    await whenSettled();
  },
  load: loadLink,
  exportData,
};

type Peer = { target: MessageEventSource; origin: string };

function post(peer: Peer, message: unknown): void {
  const origin = peer.origin && peer.origin !== 'null' ? peer.origin : '*';
  try {
    if (
      peer.target instanceof MessagePort ||
      (typeof ServiceWorker !== 'undefined' && peer.target instanceof ServiceWorker)
    )
      peer.target.postMessage(message);
    else (peer.target as Window).postMessage(message, origin);
  } catch {
    // a closed window or a detached frame: nothing to tell
  }
}

function installApi(): void {
  const peers = new Map<MessageEventSource, Peer>();
  if (window.parent !== window) peers.set(window.parent, { target: window.parent, origin: '*' });
  window.addEventListener('message', (e: MessageEvent) => {
    void handleMessage(e.data, env).then((reply) => {
      if (!reply) return;
      const peer: Peer = { target: e.source ?? window, origin: e.origin };
      peers.set(peer.target, peer);
      post(peer, reply);
    });
  });
  const gate = createEventGate(() => useLab.getState().run.h);
  window.setInterval(() => {
    if (peers.size === 0) return;
    const state = apiState();
    for (const event of gate(performance.now(), state)) {
      const message: ApiEvent = { lab: 1, event, state };
      for (const peer of peers.values()) post(peer, message);
    }
  }, EVENT_MS / 2);
}

function installAutoPause(): void {
  document.addEventListener('visibilitychange', () =>
    autoPause.set('page', document.visibilityState === 'hidden'),
  );
  const root = document.getElementById('root');
  // an embed scrolled out of its page, or on a slide not shown, is out of sight
  if (window.parent !== window && root && typeof IntersectionObserver === 'function') {
    new IntersectionObserver((entries) => {
      const e = entries[entries.length - 1];
      if (e) autoPause.set('offscreen', !e.isIntersecting);
    }).observe(root);
  }
}

function installServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    void navigator.serviceWorker.register('./sw.js').catch(() => {
      // offline use is a bonus: a browser that refuses (private mode, file://) runs the lab online
    });
  });
}

export function installOutside(): void {
  installApi();
  installAutoPause();
  installServiceWorker();
}
