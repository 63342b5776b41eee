import { toCanvas } from 'html-to-image';
import { cssVar } from './download';
import { FIGURE_SCALE, viewFigure } from './figure';

/**
 * The whole page as a PNG: the DOM drawn by html-to-image (an SVG foreignObject, no network),
 * with the WebGL view, which it cannot read, drawn in from the view's own capture at its place.
 */
export async function pageCanvas(scale = FIGURE_SCALE): Promise<HTMLCanvasElement> {
  const root = document.querySelector('.app');
  const gl = document.querySelector('[data-testid=canvas-box] canvas');
  if (!(root instanceof HTMLElement)) throw new Error('the page is not ready');
  const page = await toCanvas(root, {
    pixelRatio: scale,
    backgroundColor: cssVar('--bg') || '#ffffff',
    filter: (node) => node !== gl,
    // the page's fonts are the system's: nothing to fetch or embed
    skipFonts: true,
  });
  if (gl instanceof HTMLCanvasElement) {
    const r = gl.getBoundingClientRect();
    const o = root.getBoundingClientRect();
    const view = viewFigure(null, scale);
    page
      .getContext('2d')
      ?.drawImage(
        view,
        (r.left - o.left) * scale,
        (r.top - o.top) * scale,
        r.width * scale,
        r.height * scale,
      );
  }
  return page;
}
