import type { CosMode } from '../../model/types';

/** Shapes of U offered in the mode-preset menu (the amplitude is kept when switching). */
export const U_PRESETS: { value: string; label: string; modes: (a: number) => CosMode[] }[] = [
  { value: 'none', label: 'U = 0', modes: () => [] },
  { value: 'x1', label: 'a·cos 2πx₁', modes: (a) => [{ a, p: 1, q: 0, phi: 0 }] },
  { value: 'x2', label: 'a·cos 2πx₂', modes: (a) => [{ a, p: 0, q: 1, phi: 0 }] },
  { value: 'diag', label: 'a·cos 2π(x₁ + x₂)', modes: (a) => [{ a, p: 1, q: 1, phi: 0 }] },
  {
    value: 'x1x2',
    label: 'a·(cos 2πx₁ + cos 2πx₂)',
    modes: (a) => [
      { a, p: 1, q: 0, phi: 0 },
      { a, p: 0, q: 1, phi: 0 },
    ],
  },
];

/** Which preset the modes are (any amplitude), or 'custom'. */
export function presetOf(modes: CosMode[]): string {
  const a = modes[0]?.a ?? 1;
  for (const p of U_PRESETS) {
    const m = p.modes(a);
    if (
      m.length === modes.length &&
      m.every(
        (x, i) => x.p === modes[i].p && x.q === modes[i].q && x.phi === modes[i].phi && x.a === modes[i].a,
      )
    ) {
      return p.value;
    }
  }
  return 'custom';
}
