import { viewCapture } from '../../state/capture';
import { cssVar } from './download';

/** Pixels per CSS pixel of an exported view picture (print quality on any screen). */
export const FIGURE_SCALE = 2;

/**
 * The view as a figure: its pixels at `scale`, and optionally a caption strip under it (one line:
 * the scenario link and t), in the theme's colours. Throws when no view is mounted.
 */
export function viewFigure(caption: string | null, scale = FIGURE_SCALE): HTMLCanvasElement {
  const view = viewCapture.take(scale);
  if (!view) throw new Error('there is no view to take a picture of');
  if (!caption) return view;
  const font = 13 * scale;
  const pad = 8 * scale;
  const out = document.createElement('canvas');
  out.width = view.width;
  out.height = view.height + font + 2 * pad;
  const g = out.getContext('2d');
  if (!g) return view;
  g.fillStyle = cssVar('--bg') || '#ffffff';
  g.fillRect(0, 0, out.width, out.height);
  g.drawImage(view, 0, 0);
  g.fillStyle = cssVar('--ink') || '#111418';
  g.font = `${font}px system-ui, "DejaVu Sans", sans-serif`;
  g.textBaseline = 'middle';
  let text = caption;
  // one line: a long link is cut with an ellipsis rather than wrapped
  while (text.length > 8 && g.measureText(text).width > out.width - 2 * pad) text = `${text.slice(0, -9)}…`;
  g.fillText(text, pad, view.height + pad + font / 2);
  return out;
}
