"""Reference values of the ring core's radial profile (MATH §2a), by scipy — an implementation
independent of src/model/kernels/cores/ringProfile.ts. Not run by CI; its output is
tests/unit/oracle/ring-profile-scipy.json (scipy 1.17, numpy 2.4, 2026-12-02).

With δ = 1, σ = δ/2, x = 2r²/δ²: M(x) = P(|Y|² ≤ r²) for Y = δ·(unit vector) + N(0, σ²I), i.e. the
noncentral χ² distribution function with 2 degrees of freedom and noncentrality δ²/σ² = 4 at
r²/σ² = 2x = 4r². Φ(r) = (−log|·|) ∗ g at radius r = −log r − ∫_r^∞ (1 − M(s))/s ds (Gauss's law).
"""
import json
import numpy as np
from scipy import integrate
from scipy.stats import ncx2


def mass(x):
    return ncx2.cdf(2 * x, 2, 4)


def phi(x):
    r = np.sqrt(x / 2)
    # split where the integrand changes (the ring at s = 1, its gaussian tail to s ≈ 12)
    edges = sorted({r, *[e for e in (0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 7.0) if e > r]})
    tail = sum(integrate.quad(lambda s: ncx2.sf(4 * s * s, 2, 4) / s, a, b, limit=200,
                              epsabs=1e-17, epsrel=1e-14)[0] for a, b in zip(edges, edges[1:]))
    return -np.log(r) - tail


xs = [0.02, 0.5, 2.0, 4.5, 8.0, 18.0, 30.0]
out = {"x": xs, "mass": [float(mass(x)) for x in xs], "phi": [float(phi(x)) for x in xs]}
print(json.dumps(out, indent=1))
