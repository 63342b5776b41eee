// Helpers of the browser tests that drive the lab through its postMessage API.

/** A small, quick scenario: 60 particles, PDE at 32², T = 0.2, fast playback. */
export const SMALL = '#v1&n=60&N=32&T=0.2&rate=2';

/** Post a command to the page itself and wait for the reply with the same id. */
export function ask(page, msg) {
  return page.evaluate(
    (m) =>
      new Promise((resolve) => {
        const on = (e) => {
          if (e.data?.lab === 1 && e.data.id === m.id && 'ok' in e.data) {
            window.removeEventListener('message', on);
            resolve(e.data);
          }
        };
        window.addEventListener('message', on);
        window.postMessage(m, '*');
      }),
    msg,
  );
}
