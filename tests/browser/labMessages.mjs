// Helpers of the browser tests that drive the lab through its postMessage API.

/** A small, quick scenario: 60 particles, PDE at 32², T = 0.2, fast playback. */
export const SMALL = '#v1&n=60&N=32&T=0.2&rate=2';

/**
 * Post a command and wait for the reply with the same id: to the page itself, or (`frame` ≥ 0)
 * from the page to its iframe number `frame`.
 */
export function ask(page, msg, frame = -1) {
  return page.evaluate(
    ([m, frame]) =>
      new Promise((resolve) => {
        const on = (e) => {
          if (e.data?.lab === 1 && e.data.id === m.id && 'ok' in e.data) {
            window.removeEventListener('message', on);
            resolve(e.data);
          }
        };
        window.addEventListener('message', on);
        const target = frame < 0 ? window : document.querySelectorAll('iframe')[frame].contentWindow;
        target.postMessage(m, '*');
      }),
    [msg, frame],
  );
}
