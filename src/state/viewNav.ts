/**
 * Navigation of the torus view, outside React: the origin shift (which point of the torus is
 * drawn at the cell's corner; wrapped into [0,1)²), and commands for the camera that keyboard
 * shortcuts and buttons send to whichever view is mounted.
 */
export interface ViewCommands {
  /** Zoom by a factor about the view centre. */
  zoomBy(factor: number): void;
  /** Back to the home view (zoom 1, no pan) and no origin shift. */
  home(): void;
  /** Centre the camera on a world point of the unit cell and zoom to `zoom` (1 = home). */
  focus(x: number, y: number, zoom: number): void;
  /** Pixels per world unit at zoom 1, and the user's zoom factor now. */
  scale(): { fit: number; zoom: number };
}

type Listener = () => void;

const wrap = (x: number) => {
  const w = x - Math.floor(x);
  return w < 1 ? w : 0;
};

let origin: [number, number] = [0, 0];
let commands: ViewCommands | null = null;
const listeners = new Set<Listener>();

export const viewNav = {
  get origin(): readonly [number, number] {
    return origin;
  },
  /** Move the picture by (dx, dy) world units (it wraps around the torus). */
  shiftBy(dx: number, dy: number): void {
    origin = [wrap(origin[0] - dx), wrap(origin[1] - dy)];
    for (const fn of listeners) fn();
  },
  resetOrigin(): void {
    viewNav.setOrigin(0, 0);
  },
  setOrigin(x: number, y: number): void {
    origin = [wrap(x), wrap(y)];
    for (const fn of listeners) fn();
  },
  /** Called when the origin changes (the canvas re-renders). */
  onChange(fn: Listener): () => void {
    listeners.add(fn);
    return () => {
      listeners.delete(fn);
    };
  },
  register(c: ViewCommands | null): void {
    commands = c;
  },
  get commands(): ViewCommands | null {
    return commands;
  },
};

/** Where a torus point is drawn in the cell after the origin shift. */
export function shifted(x: number, o: number): number {
  return wrap(x - o);
}
