import { editScenario } from '../../state/actions';
import { withSpace } from '../../state/spaceSwitch';
import { useLab } from '../../state/store';
import { SelectField } from './SelectField';

const SPACE_OPTIONS = [
  { value: '2', label: '2D torus T²' },
  { value: '1', label: '1D circle T¹' },
] as const;

const HELP =
  '2D: the paper’s torus. 1D: particles on a circle (one slip plane, or periodic dislocation walls: Remark 2.7) with V = −log|2 sin πx|; geometry is moot and U has modes in x only. Thm 4.1: short dipoles with n³δ → 0 do not converge.';

/** The space the particles live on (MATH §12); switching keeps what the other space allows (spaceSwitch.ts). */
export function SpaceField() {
  const circle = useLab((s) => s.scenario.dimension === 1);
  return (
    <SelectField
      id="space"
      label="Space"
      value={circle ? '1' : '2'}
      options={SPACE_OPTIONS}
      help={HELP}
      onChange={(v) =>
        editScenario('space', (s) => {
          const next = withSpace(s, v === '1' ? 1 : 2);
          delete s.dimension;
          Object.assign(s, next);
        })
      }
    />
  );
}
