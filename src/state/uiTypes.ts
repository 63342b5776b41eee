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

export interface UiState {
  mode: ViewMode;
  field: DensityField;
  tiled: boolean;
  theme: ThemeName;
  controlsHidden: boolean;
}
