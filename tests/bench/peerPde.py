"""
The peer of issue #3's PDE benchmark: what a researcher writes instead of our solver — a
vectorised numpy/scipy implementation of the same scheme (MUSCL with minmod slopes, upwind
fluxes, SSP-RK3, FFT convolution with the gaussian-core isotropic multiplier), on the same smooth
case as tests/bench/pde.ts. Run by `npm run bench` when python3 with numpy and scipy is present, so
the ratio is measured on the same machine in the same bench run. Prints one JSON line:
{"128": {"stepsPerSec": …, "timeToT": seconds, "stepsToT": n, "T": T}, "256": …, "512": …}
(steps/s best of timed blocks; time to T one run from t = 0 with the last step shortened to land
on T, T = 25.6/N as in pde.ts). Not part of the app; never imported.
"""
import json
import sys
import time

import numpy as np
import scipy.fft as sfft


def multiplier(N, delta):
    k = np.fft.fftfreq(N, 1.0 / N)
    # rfft2 layout: rows k₂ (all N), columns k₁ = 0..N/2
    k1, k2 = np.meshgrid(k[: N // 2 + 1], k, indexing="xy")
    kk = k1**2 + k2**2
    with np.errstate(divide="ignore", invalid="ignore"):
        m = np.where(kk > 0, 1.0 / (4 * np.pi**2 * kk) * np.exp(-2 * np.pi**2 * delta**2 * kk), 0.0)
    return m


def smooth_case(N, a=0.5):
    x = (np.arange(N) + 0.5) / N
    X, Y = np.meshgrid(x, x, indexing="xy")
    rp = 0.5 * (1 + 0.3 * np.sin(2 * np.pi * X) + 0.2 * np.cos(2 * np.pi * (X + Y)))
    rm = 0.5 * (1 - 0.3 * np.sin(2 * np.pi * X) + 0.2 * np.sin(2 * np.pi * (X - Y)))
    U = a * np.cos(2 * np.pi * Y - 0.4)
    return rp, rm, U


def minmod(a, b):
    return np.where(a * b > 0, np.sign(a) * np.minimum(np.abs(a), np.abs(b)), 0.0)


def flux_div(r, vel, axis, N):
    """−∂(r·vel) with upwinded MUSCL face values; vel at faces i+½ along axis."""
    rp1 = np.roll(r, -1, axis)
    s = minmod(rp1 - r, r - np.roll(r, 1, axis))
    east = r + 0.5 * s
    west_next = np.roll(r - 0.5 * s, -1, axis)
    f = np.where(vel > 0, vel * east, vel * west_next)
    return -(f - np.roll(f, 1, axis)) * N


def rates(rp, rm, mult, U, N):
    kap = rp - rm
    xi = sfft.irfft2(sfft.rfft2(kap) * mult, s=(N, N)) + U
    vx = (xi - np.roll(xi, -1, 1)) * N
    vy = (xi - np.roll(xi, -1, 0)) * N
    dp = flux_div(rp, vx, 1, N) + flux_div(rp, vy, 0, N)
    dm = flux_div(rm, -vx, 1, N) + flux_div(rm, -vy, 0, N)
    return dp, dm, vx, vy


def step(rp, rm, mult, U, N, max_dt=np.inf):
    dp, dm, vx, vy = rates(rp, rm, mult, U, N)
    a = np.abs(vx).max() + np.abs(vy).max()
    dt = min(0.25 / (N * max(a, 1e-12)), max_dt)
    p1 = rp + dt * dp
    m1 = rm + dt * dm
    dp, dm, _, _ = rates(p1, m1, mult, U, N)
    p2 = 0.75 * rp + 0.25 * (p1 + dt * dp)
    m2 = 0.75 * rm + 0.25 * (m1 + dt * dm)
    dp, dm, _, _ = rates(p2, m2, mult, U, N)
    return rp / 3 + 2 / 3 * (p2 + dt * dp), rm / 3 + 2 / 3 * (m2 + dt * dm), dt


def bench(N):
    rp, rm, U = smooth_case(N)
    mult = multiplier(N, 0.05)
    for _ in range(3):
        rp, rm, _ = step(rp, rm, mult, U, N)
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        k = 0
        while True:
            rp, rm, _ = step(rp, rm, mult, U, N)
            k += 1
            el = time.perf_counter() - t0
            if el > 0.25:
                break
        best = min(best, el / k)
    return 1 / best


def time_to_T(N, T):
    rp, rm, U = smooth_case(N)
    mult = multiplier(N, 0.05)
    t, n = 0.0, 0
    t0 = time.perf_counter()
    while t < T:
        rp, rm, dt = step(rp, rm, mult, U, N, T - t)
        t += dt
        n += 1
    return time.perf_counter() - t0, n


if __name__ == "__main__":
    sizes = [int(s) for s in sys.argv[1:]] or [128, 256, 512]
    out = {}
    for N in sizes:
        T = 25.6 / N
        wall, n = time_to_T(N, T)
        out[str(N)] = {"stepsPerSec": bench(N), "timeToT": wall, "stepsToT": n, "T": T}
    print(json.dumps(out))
