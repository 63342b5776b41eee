"""Stiff reference trajectories of generic (i.i.d.) data with pairing, by scipy's Radau IIA with the
analytic Jacobian — an implementation independent of src/model (its own kernel, from the closed
form of docs/MATH.md §10, its own Jacobian, its own integrator). Not run by CI (CI has no scipy);
its output is tests/unit/oracle/radau-pairing-*-scipy.json, read by tests/unit/radauOracle.test.ts.

Regenerate from the repository root (numpy + scipy; run with scipy 1.17, numpy 2.4: 8, 27, 20 min):
    python3 tests/unit/oracle/radau_pairing_scipy.py 0.2 0 12 > tests/unit/oracle/radau-pairing-u0-scipy.json
    python3 tests/unit/oracle/radau_pairing_scipy.py 0.1 1 5 > tests/unit/oracle/radau-pairing-u1-scipy.json
    python3 tests/unit/oracle/radau_pairing_scipy.py 0.05 0 3 300 > tests/unit/oracle/radau-pairing-n300-scipy.json
(arguments: T, the amplitude A of U = A cos 2πx₁, the seed, n with δ = 1/n; see tests/unit/oracle/README.md),
then `npx biome format --write` the JSON (the lint checks its layout).
Self-checks (printed to stderr, also stored under "checks"): velocities and energy against the
shared oracle case tests/oracle-cases/pub_vel_iso_gaussian_n12_d0.03_U.json (direct Fourier sums,
a third implementation), the analytic Jacobian against central differences, and the reference
against a second Radau run at 10× looser tolerances and against a 1e-8 perturbation of the data.

Model (MATH §3, isotropic, gaussian core): dx_i/dt = −(1/n) Σ_j b_i b_j ∇V_δ(x_i − x_j) − b_i ∇U(x_i),
V_δ(x) = G(x) + πδ² − ½ Σ_m E₁(|x + m|²/2δ²) (MATH §10), G the exact periodic Green's function
G(x) = π/6 − log 2 − log|sin πz| − Σ_{m≥1} log|1 − 2q^{2m} cos 2πz + q^{4m}| + πx₂², z = x₁ + ix₂,
q = e^{−π}, evaluated on the minimum image. To keep digits when a ± pair collapses far inside the
core (separations ≪ δ), the minimum image is split as [G + log r] (analytic, regular at 0, series
near 0) + [−log r − ½E₁(r²/2δ²)] whose gradient −y(1 − e^{−s})/r² is written with expm1.
"""
import json
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp
from scipy.special import exp1, zeta

Q = np.exp(-np.pi)
M_THETA = 7  # term m of g is ≤ 4π e^{−2πm} e^{π} for |x₂| ≤ ½: m ≤ 7 leaves < 1e-17
ZETA_SERIES = np.array([zeta(2 * k) for k in range(1, 13)])
EULER_GAMMA = 0.57721566490153286061


def wrap(d):
    """Minimum image of differences, componentwise in [−½, ½)."""
    return d - np.round(d)


def theta_part(z):
    """g = d/dz of log[sin(πz)/z · Π_m (1 − 2q^{2m} cos 2πz + q^{4m})] and its derivative g',
    regular at z = 0 (the −1/z of π cot πz removed; its Taylor series for |z| < 0.2)."""
    g = np.empty_like(z)
    dg = np.empty_like(z)
    small = np.abs(z) < 0.2
    zs, zb = z[small], z[~small]
    # π cot πz − 1/z = −2 Σ_k ζ(2k) z^{2k−1}; its derivative −2 Σ_k (2k−1) ζ(2k) z^{2k−2}
    g_s = np.zeros_like(zs)
    dg_s = np.zeros_like(zs)
    z2 = zs * zs
    for k in range(len(ZETA_SERIES), 0, -1):
        g_s = g_s * z2 + ZETA_SERIES[k - 1]
        dg_s = dg_s * z2 + (2 * k - 1) * ZETA_SERIES[k - 1]
    g[small] = -2 * g_s * zs
    dg[small] = -2 * dg_s
    s = np.sin(np.pi * zb)
    g[~small] = np.pi * np.cos(np.pi * zb) / s - 1 / zb
    dg[~small] = -np.pi ** 2 / (s * s) + 1 / (zb * zb)
    c2 = np.cos(2 * np.pi * z)
    s2 = np.sin(2 * np.pi * z)
    for m in range(1, M_THETA + 1):
        a = Q ** (2 * m)
        D = 1 - 2 * a * c2 + a * a
        g += 4 * np.pi * a * s2 / D
        dg += 8 * np.pi ** 2 * a * (c2 * D - 2 * a * s2 * s2) / (D * D)
    return g, dg


def log_reg(z):
    """log|sin(πz)/z · Π_m (…)| (for the energy)."""
    small = np.abs(z) < 1e-3
    zb = np.where(small, 0.3, z)
    f = np.where(small, np.pi * (1 - (np.pi * z) ** 2 / 6 + (np.pi * z) ** 4 / 120), np.sin(np.pi * zb) / zb)
    out = np.log(np.abs(f))
    c2 = np.cos(2 * np.pi * z)
    for m in range(1, M_THETA + 1):
        a = Q ** (2 * m)
        out = out + np.log(np.abs(1 - 2 * a * c2 + a * a))
    return out


def core_terms(y1, y2, delta):
    """h = −y(1 − e^{−s})/r² (gradient of −log r − ½E₁(s), s = r²/2δ²) and its Jacobian,
    h = −y φ(q), φ(q) = (1 − e^{−s})/q, q = r²: ∂h_i/∂y_j = −δ_ij φ − 2 y_i y_j φ'(q)."""
    q = y1 * y1 + y2 * y2
    two_d2 = 2 * delta * delta
    s = q / two_d2
    small = s < 0.5
    ss = np.where(small, s, 0.25)
    # φ = (1/2δ²)·(1 − e^{−s})/s and φ' = −(1/4δ⁴)·Σ_{k≥2} (−1)^k (k−1)/k! s^{k−2} for small s
    sp = np.where(ss > 0, ss, 1.0)  # a pair may collapse to exactly equal positions
    phi_s = np.where(ss > 0, -np.expm1(-sp) / sp, 1.0) / two_d2
    ser = np.zeros_like(s)
    fact = 2.0
    terms = []
    for k in range(2, 24):
        terms.append((-1) ** k * (k - 1) / fact)
        fact *= k + 1
    for c in reversed(terms):
        ser = ser * ss + c
    dphi_s = -ser / (two_d2 * two_d2)
    sb = np.where(small, 1.0, s)
    qb = np.where(small, 1.0, q)
    e = np.exp(-sb)
    phi_b = -np.expm1(-sb) / qb
    dphi_b = (sb * e - (1 - e)) / (qb * qb)
    phi = np.where(small, phi_s, phi_b)
    dphi = np.where(small, dphi_s, dphi_b)
    h1, h2 = -y1 * phi, -y2 * phi
    J11 = -phi - 2 * y1 * y1 * dphi
    J22 = -phi - 2 * y2 * y2 * dphi
    J12 = -2 * y1 * y2 * dphi
    return h1, h2, J11, J12, J22


class Model:
    def __init__(self, delta, signs, modes):
        self.delta = delta
        self.b = np.asarray(signs, float)
        self.n = len(signs)
        self.modes = modes  # list of (a, p, q, phi)
        self.upper = np.triu_indices(self.n, 1)

    def pair(self, x):
        """∇V_δ(x_i − x_j) and D²V_δ(x_i − x_j) for all i, j (zero on the diagonal), computed on
        i < j (∇V_δ is odd, D²V_δ even)."""
        n = self.n
        P = x.reshape(n, 2)
        iu, ju = self.upper
        y1 = wrap(P[iu, 0] - P[ju, 0])
        y2 = wrap(P[iu, 1] - P[ju, 1])
        g, dg = theta_part(y1 + 1j * y2)
        # ∇(G + log r) = (−Re g, Im g + 2πx₂); Hessian −[[Re g', −Im g'], [−Im g', −Re g']] + 2π e₂e₂
        h1, h2, J11, J12, J22 = core_terms(y1, y2, self.delta)
        G1, G2 = -g.real + h1, g.imag + 2 * np.pi * y2 + h2
        H11, H12, H22 = -dg.real + J11, dg.imag + J12, dg.real + 2 * np.pi + J22
        # further images of the gaussian term −½E₁ (gradient e^{−s} y/r²); every image is ≥ ½ away,
        # so for 0.25/2δ² > 746 (δ < 0.0183) they all underflow to exactly 0 and are skipped
        if 0.25 / (2 * self.delta ** 2) < 746:
            for m1 in (-1, 0, 1):
                for m2 in (-1, 0, 1):
                    if m1 == 0 and m2 == 0:
                        continue
                    w1, w2 = y1 + m1, y2 + m2
                    r2 = w1 * w1 + w2 * w2
                    e = np.exp(-r2 / (2 * self.delta ** 2))
                    G1, G2 = G1 + e * w1 / r2, G2 + e * w2 / r2
                    # Hessian of e^{−s} w/r²: e/r² (I − 2ww/r²) − e ww/(δ² r²)
                    a = e / r2
                    c = e * (2 / r2 + 1 / self.delta ** 2) / r2
                    H11, H12, H22 = H11 + a - c * w1 * w1, H12 - c * w1 * w2, H22 + a - c * w2 * w2
        out = []
        for A, sign in ((G1, -1), (G2, -1), (H11, 1), (H12, 1), (H22, 1)):
            M = np.zeros((n, n))
            M[iu, ju] = A
            M[ju, iu] = sign * A
            out.append(M)
        return out

    def ext(self, x):
        """∇U and D²U at every particle."""
        P = x.reshape(self.n, 2)
        g1 = np.zeros(self.n)
        g2 = np.zeros(self.n)
        h11 = np.zeros(self.n)
        h12 = np.zeros(self.n)
        h22 = np.zeros(self.n)
        for a, p, q, ph in self.modes:
            arg = 2 * np.pi * (p * P[:, 0] + q * P[:, 1]) - ph
            s, c = np.sin(arg), np.cos(arg)
            w = 2 * np.pi
            g1 -= a * w * p * s
            g2 -= a * w * q * s
            h11 -= a * w * w * p * p * c
            h12 -= a * w * w * p * q * c
            h22 -= a * w * w * q * q * c
        return g1, g2, h11, h12, h22

    def velocity(self, t, x):
        G1, G2, *_ = self.pair(x)
        b, n = self.b, self.n
        u1, u2, *_ = self.ext(x)
        v1 = -(b * (G1 @ b)) / n - b * u1
        v2 = -(b * (G2 @ b)) / n - b * u2
        return np.column_stack([v1, v2]).ravel()

    def jacobian(self, t, x):
        _, _, H11, H12, H22 = self.pair(x)
        b, n = self.b, self.n
        _, _, u11, u12, u22 = self.ext(x)
        bb = np.outer(b, b) / n
        J = np.zeros((2 * n, 2 * n))
        for (a, c, H) in ((0, 0, H11), (0, 1, H12), (1, 0, H12), (1, 1, H22)):
            off = bb * H  # ∂v_i/∂x_k = +(1/n) b_i b_k H(x_i − x_k), k ≠ i
            J[a::2, c::2] = off
            diag = -off.sum(axis=1)
            J[a + 2 * np.arange(n), c + 2 * np.arange(n)] = diag
        J[0::2, 0::2][np.diag_indices(n)] -= b * u11
        J[0::2, 1::2][np.diag_indices(n)] -= b * u12
        J[1::2, 0::2][np.diag_indices(n)] -= b * u12
        J[1::2, 1::2][np.diag_indices(n)] -= b * u22
        return J

    def energy(self, x):
        n, d = self.n, self.delta
        P = x.reshape(n, 2)
        y1 = wrap(P[:, 0][:, None] - P[:, 0][None, :])
        y2 = wrap(P[:, 1][:, None] - P[:, 1][None, :])
        z = y1 + 1j * y2
        s = (y1 * y1 + y2 * y2) / (2 * d * d)
        # −log r − ½E₁(s) = γ/2 − ½ log 2δ² − ½ Ein(s), Ein(s) = E₁(s) + γ + log s
        ss = np.where(s < 1, s, 0.5)
        ein_s = np.zeros_like(s)
        for k in range(30, 0, -1):
            ein_s = ein_s * ss + (-1) ** (k + 1) / (k * float(np.prod(np.arange(1, k + 1))))
        ein_s = ein_s * ss
        sb = np.where(s < 1, 1.0, s)
        ein_b = exp1(sb) + EULER_GAMMA + np.log(sb)
        ein = np.where(s < 1, ein_s, ein_b)
        V = (np.pi / 6 - np.log(2) - log_reg(z) + np.pi * y2 * y2 + np.pi * d * d
             + EULER_GAMMA / 2 - 0.5 * np.log(2 * d * d) - 0.5 * ein)
        for m1 in (-1, 0, 1):
            for m2 in (-1, 0, 1):
                if m1 or m2:
                    V -= 0.5 * exp1(((y1 + m1) ** 2 + (y2 + m2) ** 2) / (2 * d * d))
        E = self.b @ V @ self.b / (2 * n * n)
        U = np.zeros(n)
        for a, p, q, ph in self.modes:
            U += a * np.cos(2 * np.pi * (p * P[:, 0] + q * P[:, 1]) - ph)
        return E + (self.b @ U) / n


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def check_against_shared_case():
    c = json.load(open("tests/oracle-cases/pub_vel_iso_gaussian_n12_d0.03_U.json"))
    assert c["geometry"] == "isotropic" and c["core"] == "gaussian"
    modes = [(m["a"], m["p"], m["q"], m["phi"]) for m in c["U"]["modes"]]
    signs = [p[2] for p in c["particles"]]
    x = np.array([[p[0], p[1]] for p in c["particles"]]).ravel()
    m = Model(c["delta"], signs, modes)
    v = m.velocity(0, x).reshape(-1, 2)
    ref = np.array(c["expected"]["velocities"])
    rms = np.sqrt(np.mean(np.sum(ref ** 2, axis=1)))
    err = np.max(np.linalg.norm(v - ref, axis=1)) / rms
    e_err = abs(m.energy(x) - c["expected"]["energy"])
    log(f"shared case {c['name']}: velocity error {err:.2e} (relative to RMS), energy error {e_err:.2e}")
    return {"case": c["name"], "velocityRelError": err, "energyAbsError": e_err}


def check_jacobian(m, x):
    J = m.jacobian(0, x)
    rng = np.random.default_rng(7)
    worst = 0.0
    h = 1e-6
    for col in rng.choice(len(x), 12, replace=False):
        e = np.zeros_like(x)
        e[col] = h
        fd = (m.velocity(0, x + e) - m.velocity(0, x - e)) / (2 * h)
        worst = max(worst, np.max(np.abs(fd - J[:, col])) / max(1.0, np.max(np.abs(J[:, col]))))
    log(f"Jacobian vs central differences (12 columns, h = 1e-6): {worst:.2e} relative")
    return worst


def radau(m, x0, times, rtol, atol):
    t0 = time.time()
    sol = solve_ivp(m.velocity, (0, times[-1]), x0, method="Radau", jac=m.jacobian, t_eval=times,
                    rtol=rtol, atol=atol, dense_output=False)
    assert sol.success, sol.message
    log(f"  Radau rtol {rtol:g} atol {atol:g}: {sol.nfev} f-evals, {sol.njev} J-evals, {sol.nlu} LU, "
        f"{time.time() - t0:.1f} s")
    return sol.y.T  # (len(times), 2n)


def min_image_err(a, b):
    d = wrap(a - b).reshape(-1, 2)
    return float(np.max(np.hypot(d[:, 0], d[:, 1])))


def pairs_within(m, x, radius):
    """Disjoint ± pairs closer than radius (greedy by distance), and the nearest-opposite list."""
    n = m.n
    P = x.reshape(n, 2)
    d = np.hypot(wrap(P[:, 0][:, None] - P[:, 0][None, :]), wrap(P[:, 1][:, None] - P[:, 1][None, :]))
    opp = np.outer(m.b, m.b) < 0
    cand = sorted((d[i, j], i, j) for i in range(n) for j in range(i + 1, n) if opp[i, j] and d[i, j] < radius)
    used, count = set(), 0
    for _, i, j in cand:
        if i not in used and j not in used:
            used |= {i, j}
            count += 1
    return count


def main():
    np.seterr(divide="ignore", invalid="ignore")  # the diagonal's 0/0, discarded by np.where
    wall0 = time.time()
    checks = {"sharedVelocityCase": check_against_shared_case()}
    # argv: T, amplitude A of U = A cos 2πx₁ (0: no field), seed, n (δ = 1/n)
    T = float(sys.argv[1]) if len(sys.argv) > 1 else 0.2
    amp_u = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 12
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    delta = 1 / n
    rng = np.random.default_rng(seed)
    signs = np.array([1] * (n // 2) + [-1] * (n // 2))
    x0 = rng.random(2 * n)
    modes = [(amp_u, 1, 0, 0.0)] if amp_u else []
    times = np.array([T / 4, T / 2, 3 * T / 4, T])
    m = Model(delta, signs, modes)
    checks["jacobianRelError"] = check_jacobian(m, x0)
    tight = (1e-12, 1e-13)
    log(f"n = {n}, δ = {delta}, seed {seed}, U = {amp_u} cos 2πx₁, T = {T}")
    ref = radau(m, x0, times, *tight)
    loose = radau(m, x0, times, 1e-11, 1e-12)
    self_err = [min_image_err(a, b) for a, b in zip(ref, loose)]
    log(f"reference vs 10× looser Radau at the output times: {self_err}")
    pert = x0 + 1e-8 * rng.standard_normal(2 * n)
    dp = radau(m, pert, times, *tight)
    amp = [min_image_err(a, b) / min_image_err(pert, x0) for a, b in zip(dp, ref)]
    log(f"amplification of a 1e-8 perturbation at the output times: {amp}")
    E = [m.energy(x0)] + [m.energy(x) for x in ref]
    pairs = {f"{k}delta": [pairs_within(m, x, k * delta) for x in [x0, *ref]] for k in (1, 3)}
    log(f"energies {E}; disjoint ± pairs within δ, 3δ at t = 0, outputs: {pairs}")
    checks.update({"looserRadauDiff": max(self_err), "looserRadauDiffAtOutputs": self_err,
                   "perturbationAmplification": max(amp), "perturbationAmplificationAtOutputs": amp})
    out = {
        "description": f"n = {n} i.i.d. uniform (half +1, half −1, numpy default_rng({seed}).random), "
                       f"δ = 1/n, U = {amp_u} cos 2πx₁, isotropic gaussian, T = {T}; positions "
                       "unwrapped (compare modulo 1, minimum image)",
        "geometry": "isotropic", "core": "gaussian", "delta": delta,
        "U": {"modes": [{"a": a, "p": p, "q": q, "phi": ph} for a, p, q, ph in modes], "force": [0.0, 0.0]},
        "particles": [[float(x0[2 * i]), float(x0[2 * i + 1]), int(signs[i])] for i in range(n)],
        "reference": {"method": "scipy Radau IIA (order 5), analytic Jacobian", "rtol": tight[0], "atol": tight[1],
                      "seed": seed},
        "outputs": [{"t": float(t), "energy": float(e), "positions": [[float(x[2 * i]), float(x[2 * i + 1])]
                                                                      for i in range(n)]}
                    for t, e, x in zip(times, E[1:], ref)],
        "energy0": float(E[0]),
        "pairs": pairs,
        "checks": checks,
        "wallSeconds": time.time() - wall0,
    }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
