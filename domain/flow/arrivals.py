"""Arrivals as a Poisson process: the rate, its confidence interval, and a check that
the counts really look Poisson.

References:
- Garwood, F. (1936), "Fiducial limits for the Poisson distribution", Biometrika 28,
  437-442: the exact interval for a Poisson mean from chi-square quantiles.
- Cox, D. R. and Lewis, P. A. W. (1966), The Statistical Analysis of Series of Events,
  Methuen, §6.3 (the index of dispersion test for a Poisson process).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy import stats


@dataclass(frozen=True)
class RateEstimate:
    """Events per unit of time, with a two-sided confidence interval."""

    count: int
    exposure: float
    rate: float
    low: float
    high: float
    confidence: float


def poisson_rate(
    count: int, exposure: float, confidence: float = 0.95, *, exact: bool = True
) -> RateEstimate:
    """Rate λ̂ = n / T of `count` events seen over `exposure` units of time.

    Exact (Garwood 1936): with α = 1 - confidence,
        low  = χ²(α/2;  2n)     / (2T)   (0 when n = 0)
        high = χ²(1-α/2; 2n+2)  / (2T)
    Normal approximation (exact=False): λ̂ ± z(1-α/2)·√n / T, floored at 0.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    if exposure <= 0:
        raise ValueError("exposure must be positive")
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1")
    alpha = 1 - confidence
    rate = count / exposure
    if exact:
        low = 0.0 if count == 0 else float(stats.chi2.ppf(alpha / 2, 2 * count)) / (2 * exposure)
        high = float(stats.chi2.ppf(1 - alpha / 2, 2 * count + 2)) / (2 * exposure)
    else:
        half = float(stats.norm.ppf(1 - alpha / 2)) * math.sqrt(count) / exposure
        low, high = max(rate - half, 0.0), rate + half
    return RateEstimate(count, exposure, rate, low, high, confidence)


def window_counts(times: Sequence[float], start: float, end: float, window: float) -> list[int]:
    """Counts of `times` (same unit as `window`) in consecutive windows [start, end);
    a last window shorter than `window` is dropped, so every count has equal exposure."""
    if window <= 0:
        raise ValueError("window must be positive")
    windows = int((end - start) // window)
    counts = [0] * windows
    for t in times:
        i = int((t - start) // window)
        if 0 <= i < windows:
            counts[i] += 1
    return counts


@dataclass(frozen=True)
class DispersionTest:
    """Index of dispersion D = Σ(xᵢ - x̄)² / x̄ over k windows; under a Poisson process
    D ~ χ²(k-1). `index` is the variance-to-mean ratio D/(k-1), about 1 for Poisson."""

    windows: int
    mean: float
    variance: float
    statistic: float
    index: float
    low: float
    high: float
    p_value: float
    poisson_plausible: bool


def dispersion_test(counts: Sequence[int], significance: float = 0.05) -> DispersionTest:
    """The index-of-dispersion test of Cox & Lewis (1966, §6.3).

    D = Σ(xᵢ - x̄)² / x̄ = (k-1)·s²/x̄ ~ χ²(k-1) under the Poisson hypothesis. The counts
    look Poisson unless D falls outside [χ²(α/2; k-1), χ²(1-α/2; k-1)]: above means
    bunched (overdispersed) arrivals, below means too regular (e.g. appointments).
    `low`/`high` are those bounds; p_value is two-sided.
    """
    k = len(counts)
    if k < 2:
        raise ValueError("the dispersion test needs at least two windows")
    mean = sum(counts) / k
    variance = sum((x - mean) ** 2 for x in counts) / (k - 1)
    low = float(stats.chi2.ppf(significance / 2, k - 1))
    high = float(stats.chi2.ppf(1 - significance / 2, k - 1))
    if mean == 0:
        return DispersionTest(k, 0.0, 0.0, 0.0, 1.0, low, high, 1.0, True)
    statistic = (k - 1) * variance / mean
    cdf = float(stats.chi2.cdf(statistic, k - 1))
    p_value = min(1.0, 2 * min(cdf, 1 - cdf))
    return DispersionTest(
        k, mean, variance, statistic, variance / mean, low, high, p_value, low <= statistic <= high
    )
