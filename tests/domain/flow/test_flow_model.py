"""The flow model against textbook values, and its estimators against processes and
chains generated with known parameters."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.flow import arrivals, markov, queues


def test_erlang_c_matches_the_classic_table_value() -> None:
    # 2 Erlangs offered to 3 servers: C = 4/9 (e.g. Gross & Harris, Erlang C tables).
    assert queues.erlang_c(2.0, 1.0, 3) == pytest.approx(4 / 9, abs=1e-12)
    figures = queues.mmc(2.0, 1.0, 3)
    assert figures.utilisation == pytest.approx(2 / 3)
    assert figures.mean_wait == pytest.approx((4 / 9) / (3 - 2))
    assert figures.mean_queue == pytest.approx(8 / 9)
    assert figures.mean_time_in_system == pytest.approx(4 / 9 + 1)


def test_erlang_b_table_values_and_many_servers_stay_finite() -> None:
    assert queues.erlang_b(1.0, 1) == pytest.approx(0.5)
    assert queues.erlang_b(2.0, 2) == pytest.approx(0.4)
    # 10 Erlangs on 10 lines: B = 0.2146 (standard Erlang B table).
    assert queues.erlang_b(10.0, 10) == pytest.approx(0.21458, abs=1e-5)
    # The recursion never forms a^c / c!: 900 Erlangs on 1000 servers is no overflow.
    c = queues.erlang_c(900.0, 1.0, 1000)
    assert 0 <= c < 0.01


@pytest.mark.parametrize("lam, mu", [(0.5, 1.0), (0.8, 1.0), (3.0, 4.0)])
def test_mm1_closed_forms(lam: float, mu: float) -> None:
    rho = lam / mu
    f = queues.mm1(lam, mu)
    assert f.probability_of_waiting == pytest.approx(rho)
    assert f.mean_wait == pytest.approx(rho / (mu - lam))
    assert f.mean_time_in_system == pytest.approx(1 / (mu - lam))
    assert f.mean_queue == pytest.approx(rho**2 / (1 - rho))
    assert f.mean_in_system == pytest.approx(rho / (1 - rho))
    # P(Wq <= t) = 1 - rho e^{-(mu - lam) t}
    assert queues.share_within(lam, mu, 1, 2.0) == pytest.approx(
        1 - rho * math.exp(-(mu - lam) * 2.0)
    )


def test_an_unstable_queue_predicts_no_end_to_waiting() -> None:
    f = queues.mmc(3.0, 1.0, 3)
    assert not f.stable
    assert f.mean_wait == math.inf
    assert queues.share_within(3.0, 1.0, 3, 5.0) == 0.0


def test_wait_quantile_inverts_the_share_within() -> None:
    for share in (0.6, 0.8, 0.95):
        t = queues.wait_quantile(2.0, 1.0, 3, share)
        assert queues.share_within(2.0, 1.0, 3, t) == pytest.approx(share)
    # More than 1 - C never wait at all.
    assert queues.wait_quantile(2.0, 1.0, 3, 0.5) == 0.0


def test_staffing_finds_the_smallest_number_of_tellers() -> None:
    # 1.5 customers a minute, 4 minutes each (6 Erlangs), 80 % within 1 minute.
    c = queues.servers_needed(1.5, 0.25, target_wait=1.0, target_share=0.8)
    assert queues.share_within(1.5, 0.25, c, 1.0) >= 0.8
    assert queues.share_within(1.5, 0.25, c - 1, 1.0) < 0.8
    # C(8, 6) = 0.357 -> 78.3 % within a minute; C(9, 6) = 0.196 -> 90.7 %.
    assert c == 9


@pytest.mark.parametrize("a, c", [(2.0, 3), (6.0, 8), (9.5, 12), (0.5, 1)])
def test_erlang_c_by_recursion_equals_the_direct_sum(a: float, c: int) -> None:
    top = a**c / math.factorial(c) * c / (c - a)
    direct = top / (sum(a**k / math.factorial(k) for k in range(c)) + top)
    assert queues.erlang_c(a, 1.0, c) == pytest.approx(direct, rel=1e-12)


def test_bad_parameters_are_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match="servers"):
        queues.mmc(1.0, 1.0, 0)
    with pytest.raises(ValueError, match="service rate"):
        queues.mmc(1.0, 0.0, 1)
    with pytest.raises(ValueError, match="share"):
        queues.servers_needed(1.0, 1.0, 1.0, 1.5)


def test_garwood_interval_for_known_counts() -> None:
    # 0 events: upper 95 % bound 3.689 (the "rule of three" exact value).
    zero = arrivals.poisson_rate(0, 1.0)
    assert zero.low == 0 and zero.high == pytest.approx(3.6889, abs=1e-3)
    # 10 events: exact interval 4.795 .. 18.39 (Garwood table).
    ten = arrivals.poisson_rate(10, 1.0)
    assert ten.low == pytest.approx(4.7954, abs=1e-3)
    assert ten.high == pytest.approx(18.390, abs=1e-2)
    approx = arrivals.poisson_rate(100, 10.0, exact=False)
    assert approx.rate == 10 and approx.low == pytest.approx(10 - 1.96, abs=0.01)


def _poisson_times(rate: float, horizon: float, rng: random.Random) -> list[float]:
    times, t = [], rng.expovariate(rate)
    while t < horizon:
        times.append(t)
        t += rng.expovariate(rate)
    return times


# Derandomized: any bound on a random estimate fails for some seed, and hypothesis is
# good at finding it; a fixed search keeps the check repeatable at a 5-sigma margin.
@settings(max_examples=25, deadline=None, derandomize=True)
@given(rate=st.floats(0.2, 5.0), seed=st.integers(0, 500))
def test_the_rate_estimate_recovers_a_poisson_process(rate: float, seed: int) -> None:
    rng = random.Random(seed)
    horizon = 2000 / rate  # about 2000 arrivals
    times = _poisson_times(rate, horizon, rng)
    estimate = arrivals.poisson_rate(len(times), horizon)
    assert abs(estimate.rate - rate) / rate < 0.12
    # The 99.9999 % interval (about 5 sigma) holds the true rate.
    wide = arrivals.poisson_rate(len(times), horizon, confidence=0.999999)
    assert wide.low <= rate <= wide.high


@settings(max_examples=20, deadline=None, derandomize=True)
@given(seed=st.integers(0, 500))
def test_the_dispersion_index_is_about_one_for_poisson_and_not_for_bursts(seed: int) -> None:
    rng = random.Random(seed)
    times = _poisson_times(2.0, 600.0, rng)
    poisson = arrivals.dispersion_test(
        arrivals.window_counts(times, 0, 600, 10), significance=0.001
    )
    assert 0.4 < poisson.index < 1.8
    assert poisson.poisson_plausible
    # Customers arriving in coach loads of 10: variance ten times the mean.
    bursts = [t for t in _poisson_times(0.2, 600.0, rng) for _ in range(10)]
    bunched = arrivals.dispersion_test(arrivals.window_counts(bursts, 0, 600, 10))
    assert bunched.index > 3
    assert not bunched.poisson_plausible


def test_perfectly_regular_arrivals_are_too_regular_for_poisson() -> None:
    regular = arrivals.dispersion_test([5] * 30)
    assert regular.statistic == 0
    assert not regular.poisson_plausible


# A chain with the shape of a payment's life and known probabilities.
KNOWN = {
    "created": {"risk_checked": 1.0},
    "risk_checked": {"posted": 0.7, "held": 0.2, "rejected": 0.1},
    "held": {"posted": 0.6, "declined": 0.4},
    "posted": {"reversed": 0.05, markov.ends("posted"): 0.95},
}
HOLD = {"created": 0.1, "risk_checked": 0.2, "held": 5.0, "posted": 30.0}


def _walk(rng: random.Random) -> list[tuple[str, float]]:
    state, t, path = "created", 0.0, [("created", 0.0)]
    while state in KNOWN:
        targets = list(KNOWN[state])
        target = rng.choices(targets, [KNOWN[state][x] for x in targets])[0]
        if target == markov.ends(state):
            break
        t += rng.expovariate(1 / HOLD[state])
        state = target
        path.append((state, t))
    return path


@settings(max_examples=15, deadline=None, derandomize=True)
@given(seed=st.integers(0, 500))
def test_the_estimated_chain_recovers_known_transition_probabilities(seed: int) -> None:
    rng = random.Random(seed)
    chain = markov.estimate_chain([_walk(rng) for _ in range(4000)])
    states = chain.states
    for source, row in KNOWN.items():
        seen = sum(chain.counts[states.index(source)])
        for target, p in row.items():
            sigma = math.sqrt(p * (1 - p) / seen)
            assert chain.probability(source, target) == pytest.approx(p, abs=5 * sigma)
    result = markov.absorb(chain)
    # From created: posted for good = (0.7 + 0.2*0.6) * 0.95 = 0.779.
    ending = result.ending("created")
    assert ending["posted"] == pytest.approx(0.82 * 0.95, abs=0.03)
    assert ending["declined"] == pytest.approx(0.08, abs=0.02)
    assert sum(ending.values()) == pytest.approx(1.0)


def test_absorption_of_a_known_chain_matches_kemeny_and_snell() -> None:
    # Paths chosen so the estimated matrix is exactly KNOWN-like with round numbers:
    # 10 created -> checked; checked: 6 posted, 2 held, 2 rejected; held: 1 posted,
    # 1 declined; posted: 1 reversed, 6 stay.
    paths: list[list[tuple[str, float]]] = []
    for i in range(10):
        p = [("created", 0.0), ("risk_checked", 1.0)]
        if i < 6:
            p.append(("posted", 2.0))
            if i == 0:
                p.append(("reversed", 12.0))
        elif i < 8:
            p.append(("held", 2.0))
            p.append(("posted", 6.0) if i == 6 else ("declined", 8.0))
        else:
            p.append(("rejected", 2.0))
        paths.append(p)
    chain = markov.estimate_chain(paths, order=["created", "risk_checked", "held", "posted"])
    assert chain.transient == ["created", "risk_checked", "held", "posted"]
    assert chain.probability("risk_checked", "held") == pytest.approx(0.2)
    assert chain.probability("posted", "reversed") == pytest.approx(1 / 7)
    result = markov.absorb(chain)
    ending = result.ending("created")
    # posted for good: (0.6 + 0.2*0.5) * 6/7; declined 0.1; rejected 0.2.
    assert ending["posted"] == pytest.approx(0.7 * 6 / 7)
    assert ending["reversed"] == pytest.approx(0.7 / 7)
    assert ending["declined"] == pytest.approx(0.1)
    assert ending["rejected"] == pytest.approx(0.2)
    # Steps from created: created(1) + checked(1) + held(0.2) + posted(0.7) visits.
    assert result.expected_steps[0] == pytest.approx(1 + 1 + 0.2 + 0.7)
    # Time: holding created 1, checked 1, held (4 + 6)/2 = 5, posted 10/7 (one reversal
    # after 10 in seven departures).
    assert result.expected_time[0] == pytest.approx(1 + 1 + 0.2 * 5 + 0.7 * 10 / 7)
