import { Section } from './controls/Section';

/** Short texts on what δ, n and U are and what the paper proves. */
export function InfoPanel() {
  return (
    <Section title="What am I looking at?">
      <div className="info">
        <p>
          <b>Dislocations</b> are line defects of a crystal; seen end-on they are points. Each carries a sign:{' '}
          <span className="plus">⊥ positive</span>, <span className="minus">⊤ negative</span>. Equal signs
          repel, opposite signs attract. Here n of them move on the periodic unit square (a torus) by the
          gradient flow of their interaction energy E_n.
        </p>
        <p>
          <b>δ</b> is the core radius: the interaction ~ −log r is smoothed below distance δ, so two opposite
          particles closer than δ no longer feel an infinite pull. <b>n</b> is the number of particles (each
          has mass 1/n). <b>U</b> is an external potential that pushes + and − in opposite directions.
        </p>
        <h3>What the paper proves</h3>
        <p>
          Garroni, van Meurs, Peletier, Scardia (ARMA 2019). <b>Thm 3.3 (convergence)</b>: if δ shrinks
          slowly, δ ≫ √(3T/log n), the particle densities μ± converge as n → ∞ to the solution ρ± of the
          Groma–Balogh equations. <b>Thm 4.4 (non-convergence)</b>: if δ shrinks fast, n²δ → 0 (n^(5/4)δ → 0
          suffices), particles arranged as short dipoles stay bound and do not move, while the equations do
          move the density under a non-constant U: the limit is not a solution. In between, the question is
          open.
        </p>
        <h3>Keys</h3>
        <p>
          <span className="kbd">space</span> play/pause · <span className="kbd">s</span> step ·{' '}
          <span className="kbd">r</span> reset · <span className="kbd">h</span> hide controls ·{' '}
          <span className="kbd">f</span> full screen · <span className="kbd">t</span> theme. In the view: drag
          to pan, wheel to zoom, double-click to re-centre.
        </p>
      </div>
    </Section>
  );
}
