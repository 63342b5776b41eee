import { setUi } from '../state/actions';
import { useLab } from '../state/store';
import { Dialog } from './Dialog';

const KEYS: [string, string][] = [
  ['Space', 'play / pause (pausing stops at the next checkpoint)'],
  ['s', 'one step of h = T/200'],
  ['r', 'back to t = 0, same particles'],
  ['h', 'hide the controls; again: the picture alone; again: everything back'],
  ['c', 'open or close the controls drawer (narrow screens)'],
  ['← ↑ → ↓', 'move the picture around the torus (it wraps); drag does the same'],
  ['+ / −', 'zoom in / out (the wheel zooms at the cursor)'],
  ['0', 'home view: no zoom, origin back at the corner (double-click too)'],
  ['t', 'light / dark theme'],
  ['e', 'the Export menu: PNG, SVG, CSV/JSON, particles, video, embed (↑/↓, Enter)'],
  ['← / → (story)', 'previous / next scene of a story (also PageUp / PageDown: presenter clickers)'],
  ['Delete', 'remove the particle picked with the Place tool'],
  ['f', 'full screen'],
  ['?', 'this help'],
  ['Enter', 'in a field: apply the value and give the keys back to the page'],
  ['Esc', 'close this help or the drawer; in a field: undo the typing'],
];

/** The '?' overlay: keyboard shortcuts and what the picture shows (a modal dialog). */
export function HelpOverlay() {
  const open = useLab((s) => s.ui.help);
  if (!open) return null;
  return (
    <Dialog
      id="help"
      title="What am I looking at?"
      testId="help-overlay"
      onClose={() => setUi({ help: false })}
    >
      <div className="info">
        <p>
          <b>Dislocations</b> are line defects of a crystal; seen end-on they are points. Each carries a sign:{' '}
          <span className="plus">⊥ positive</span>, <span className="minus">⊤ negative</span>. Equal signs
          repel, opposite signs attract. Here n of them move on the periodic unit square (a torus) by the
          gradient flow of their interaction energy E_n. A <span className="bound">◎</span> marks a bound
          dipole: a + and a − closer than min(3δ, ¼n^−½), too close to tell apart at this zoom (“Zoom to a
          dipole” shows its two ends).
        </p>
        <p>
          <b>The two panels</b> (side by side): left the particles μ±, right the continuum densities ρ± of the
          Groma–Balogh equations, coloured by κ = ρ+ − ρ− (red: more +, blue: more −) or by one of ρ±. Both
          always show the same simulated time t (the header); the side that computes faster waits.
        </p>
        <p>
          <b>δ</b> is the core radius: the interaction ~ −log r is smoothed below distance δ. <b>n</b> is the
          number of particles (each has mass 1/n). <b>U</b> is an external potential that pushes + and − in
          opposite directions; <b>F</b> a constant force (outside the theorems).
        </p>
        <p>
          <b>The circle</b> (Space: 1D): the particles live on one slip plane, T¹ = [0,1), drawn as a ring
          with x = 0 at the top and x growing clockwise; the PDE’s ρ+ is a band outside the ring, ρ− one
          inside, and the dark curves are the particles’ μ± binned on the same scale. <b>Thm 4.1</b>: there,
          short dipoles with n³δ → 0 do not converge either.
        </p>
        <h3>What the paper proves</h3>
        <p>
          Garroni, van Meurs, Peletier, Scardia (ARMA 2019). <b>Thm 3.3 (convergence)</b>: if δ shrinks
          slowly, δ ≫ √(3T/log n), and the initial particles approximate ρ±◦, then μ± converge as n → ∞ to the
          solution ρ± of the Groma–Balogh equations. <b>Thm 4.4 (non-convergence)</b>: if δ shrinks fast (n²δ
          → 0; n^(5/4)δ → 0 suffices), initial data made of short dipoles stay bound and do not move, while
          the equations move the density under a non-constant U: the limit is not a solution. The theorems are
          about n → ∞ and about the data they assume; the regime map says where (n, δ) sits.
        </p>
        <h3>Keys</h3>
        <table className="keys">
          <tbody>
            {KEYS.map(([k, what]) => (
              <tr key={k}>
                <td>
                  <span className="kbd">{k}</span>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Dialog>
  );
}
