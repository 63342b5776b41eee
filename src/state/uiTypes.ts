/** Vocabulary of the presentation state (shared by state, view and ui). */

export type ThemeName = 'light' | 'dark';

/** Which density the map shows: κ = ρ+ − ρ− (diverging) or one of ρ± (sequential). */
export type DensityField = 'kappa' | 'rhoPlus' | 'rhoMinus';

export const DENSITY_FIELDS: { value: DensityField; label: string }[] = [
  { value: 'kappa', label: 'κ = ρ+ − ρ−' },
  { value: 'rhoPlus', label: 'ρ+' },
  { value: 'rhoMinus', label: 'ρ−' },
];

export type ViewMode = 'particles' | 'density' | 'overlay' | 'side';

export const VIEW_MODES: { value: ViewMode; label: string }[] = [
  { value: 'particles', label: 'Particles' },
  { value: 'density', label: 'Density' },
  { value: 'overlay', label: 'Overlay' },
  { value: 'side', label: 'Side by side' },
];

/** How the density colour range is chosen: per picture, the largest so far this run, or typed in. */
export type ColorScaleMode = 'auto' | 'held' | 'fixed';

export const COLOR_SCALES: { value: ColorScaleMode; label: string }[] = [
  { value: 'auto', label: 'auto' },
  { value: 'held', label: 'held (max so far)' },
  { value: 'fixed', label: 'fixed' },
];

/** Text sizes offered (1.5× and more for projectors); plot fonts follow. */
export const TEXT_SCALES = [1, 1.25, 1.5, 1.75, 2] as const;

/** 0: everything; 1: controls hidden; 2: the picture alone with a small time overlay (h cycles). */
export type Chrome = 0 | 1 | 2;

/** How much of the page shows: everything, the view with the transport bar, or the view alone. */
export type EmbedUi = 'full' | 'min' | 'none';
export const EMBED_UIS: readonly EmbedUi[] = ['full', 'min', 'none'];

/**
 * What a press on the view does: move the picture, place (+ click, − shift-click, drag one to
 * move it), draw a dipole, or paint the initial ρ+ / ρ− (erase takes both away).
 */
export type ViewTool = 'view' | 'place' | 'dipole' | 'paintPlus' | 'paintMinus' | 'erase';

export const VIEW_TOOLS: { value: ViewTool; label: string; title: string }[] = [
  { value: 'view', label: 'Move', title: 'Drag moves the picture around the torus, the wheel zooms' },
  {
    value: 'place',
    label: 'Place ±',
    title: 'Click adds a +, shift-click a −; drag one to move it (wrapped); Delete removes the one picked',
  },
  { value: 'dipole', label: 'Dipole', title: 'Drag draws a ± dipole of the chosen width along the drag' },
  {
    value: 'paintPlus',
    label: 'Paint ρ+',
    title: 'Paint the initial ρ+ (particles are sampled from it; the PDE starts from it)',
  },
  { value: 'paintMinus', label: 'Paint ρ−', title: 'Paint the initial ρ−' },
  { value: 'erase', label: 'Erase', title: 'Take ρ+ and ρ− away where you paint' },
];

export interface UiState {
  mode: ViewMode;
  field: DensityField;
  tiled: boolean;
  theme: ThemeName;
  chrome: Chrome;
  /** The controls drawer (layouts too narrow for a controls column). */
  drawer: boolean;
  /** The '?' overlay: shortcuts and what am I looking at. */
  help: boolean;
  textScale: number;
  colorScale: ColorScaleMode;
  /** The fixed range's end: max |κ| or max ρ± (used when colorScale is 'fixed'). */
  colorMax: number;
  /** The particle whose dipole the lens shows (null: no lens). */
  lens: number | null;
  embed: EmbedUi;
  tool: ViewTool;
  /** Width of a hand-drawn dipole, in units of δ. */
  dipoleWidth: number;
  /** The Embed dialog (iframe snippet) is open. */
  embedDialog: boolean;
  /** The hand-placed particle picked last (Delete removes it), as an index of the explicit list. */
  picked: number | null;
}

export const DEFAULT_UI: UiState = {
  mode: 'side',
  field: 'kappa',
  tiled: false,
  theme: 'light',
  chrome: 0,
  drawer: false,
  help: false,
  textScale: 1,
  colorScale: 'auto',
  colorMax: 1,
  lens: null,
  embed: 'full',
  tool: 'view',
  dipoleWidth: 2,
  embedDialog: false,
  picked: null,
};
