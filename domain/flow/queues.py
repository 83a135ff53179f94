"""M/M/1 and M/M/c queues: Poisson arrivals at rate λ, c servers each serving at
exponential rate μ, first come first served, room for everyone.

Units are the caller's: rates per minute give waits in minutes.

References:
- Kleinrock, L. (1975), Queueing Systems, Vol. 1: Theory, Wiley, §3.2 (M/M/1) and
  §3.5 (M/M/m, Erlang's C formula).
- Gross, D., Shortle, J. F., Thompson, J. M. and Harris, C. M. (2008), Fundamentals of
  Queueing Theory, 4th ed., Wiley, §2.2-2.3 (M/M/1, M/M/c; waiting-time distribution).
- Erlang B recursion for a numerically stable Erlang C: e.g. Gross & Harris §2.5, or
  Jagerman, D. L. (1974), "Some properties of the Erlang loss function", Bell System
  Technical Journal 53, 525-551.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


def _check(arrival_rate: float, service_rate: float, servers: int) -> None:
    if isinstance(servers, bool) or not isinstance(servers, int) or servers < 1:
        raise ValueError("servers must be a whole number of at least 1")
    if arrival_rate < 0:
        raise ValueError("the arrival rate must not be negative")
    if service_rate <= 0:
        raise ValueError("the service rate must be positive")


def offered_load(arrival_rate: float, service_rate: float) -> float:
    """a = λ/μ, in Erlangs: how many servers the work would keep busy on average."""
    return arrival_rate / service_rate


def utilisation(arrival_rate: float, service_rate: float, servers: int = 1) -> float:
    """ρ = λ / (c·μ): the share of time each server is busy (Kleinrock eq. 3.5.x).
    The queue is stable only when ρ < 1."""
    _check(arrival_rate, service_rate, servers)
    return arrival_rate / (servers * service_rate)


def erlang_b(load: float, servers: int) -> float:
    """Erlang's loss formula B(c, a) = (aᶜ/c!) / Σₖ₌₀ᶜ aᵏ/k!, by the recursion
        B(0, a) = 1,  B(k, a) = a·B(k-1, a) / (k + a·B(k-1, a)),
    which never forms aᶜ or c! and so stays exact for hundreds of servers."""
    if servers < 0:
        raise ValueError("servers must not be negative")
    if load < 0:
        raise ValueError("the load must not be negative")
    b = 1.0
    for k in range(1, servers + 1):
        b = load * b / (k + load * b)
    return b


def erlang_c(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Probability that an arriving customer must wait, Erlang's C formula
    (Kleinrock eq. 3.40; Gross & Harris eq. 2.32):
        C(c, a) = c·B(c, a) / (c - a·(1 - B(c, a))),   a = λ/μ,
    equal to ρ for c = 1. Is 1 when the queue is unstable (ρ ≥ 1)."""
    _check(arrival_rate, service_rate, servers)
    a = offered_load(arrival_rate, service_rate)
    if a >= servers:
        return 1.0
    b = erlang_b(a, servers)
    return servers * b / (servers - a * (1 - b))


@dataclass(frozen=True)
class QueueFigures:
    """What an M/M/c queue predicts. Times in the unit of 1/rate; inf when unstable."""

    servers: int
    arrival_rate: float
    service_rate: float
    utilisation: float
    probability_of_waiting: float
    mean_wait: float  # Wq
    mean_time_in_system: float  # W
    mean_queue: float  # Lq
    mean_in_system: float  # L

    @property
    def stable(self) -> bool:
        return self.utilisation < 1


def mmc(arrival_rate: float, service_rate: float, servers: int = 1) -> QueueFigures:
    """The M/M/c figures (Kleinrock §3.5; Gross & Harris §2.3):
        ρ  = λ/(cμ)
        Wq = C(c, a) / (cμ - λ)
        W  = Wq + 1/μ
        Lq = λ·Wq = C(c, a)·ρ/(1 - ρ)      (Little's law)
        L  = Lq + a
    For c = 1 these are the M/M/1 closed forms Wq = ρ/(μ - λ), Lq = ρ²/(1 - ρ)."""
    rho = utilisation(arrival_rate, service_rate, servers)
    if rho >= 1:
        inf = math.inf
        return QueueFigures(servers, arrival_rate, service_rate, rho, 1.0, inf, inf, inf, inf)
    c = erlang_c(arrival_rate, service_rate, servers)
    wq = c / (servers * service_rate - arrival_rate)
    return QueueFigures(
        servers=servers,
        arrival_rate=arrival_rate,
        service_rate=service_rate,
        utilisation=rho,
        probability_of_waiting=c,
        mean_wait=wq,
        mean_time_in_system=wq + 1 / service_rate,
        mean_queue=arrival_rate * wq,
        mean_in_system=arrival_rate * wq + offered_load(arrival_rate, service_rate),
    )


def mm1(arrival_rate: float, service_rate: float) -> QueueFigures:
    """M/M/1 (Kleinrock §3.2): ρ = λ/μ, Wq = ρ/(μ - λ), W = 1/(μ - λ), Lq = ρ²/(1 - ρ)."""
    return mmc(arrival_rate, service_rate, 1)


def share_within(arrival_rate: float, service_rate: float, servers: int, wait: float) -> float:
    """P(Wq ≤ t) = 1 - C(c, a)·e^{-(cμ - λ)t} (Gross & Harris eq. 2.36): the share of
    customers who wait no longer than `wait`. 0 when the queue is unstable."""
    if wait < 0:
        raise ValueError("the wait must not be negative")
    _check(arrival_rate, service_rate, servers)
    if arrival_rate >= servers * service_rate:
        return 0.0
    c = erlang_c(arrival_rate, service_rate, servers)
    return 1 - c * math.exp(-(servers * service_rate - arrival_rate) * wait)


def wait_quantile(arrival_rate: float, service_rate: float, servers: int, share: float) -> float:
    """The wait not exceeded by `share` of customers, the inverse of `share_within`:
    t_q = 0                                 if q ≤ 1 - C
    t_q = ln(C / (1 - q)) / (cμ - λ)        otherwise."""
    if not 0 <= share < 1:
        raise ValueError("the share must be at least 0 and below 1")
    _check(arrival_rate, service_rate, servers)
    if arrival_rate >= servers * service_rate:
        return math.inf
    c = erlang_c(arrival_rate, service_rate, servers)
    if share <= 1 - c:
        return 0.0
    return math.log(c / (1 - share)) / (servers * service_rate - arrival_rate)


def servers_needed(
    arrival_rate: float,
    service_rate: float,
    target_wait: float,
    target_share: float,
    max_servers: int = 1000,
) -> int:
    """The smallest c with ρ < 1 and P(Wq ≤ target_wait) ≥ target_share — the Erlang C
    staffing rule (e.g. 80 % of customers served within 5 minutes). Since P(Wq ≤ t)
    grows with c, the search starts at the smallest stable c and walks up."""
    if not 0 < target_share < 1:
        raise ValueError("the target share must be between 0 and 1")
    if target_wait < 0:
        raise ValueError("the target wait must not be negative")
    _check(arrival_rate, service_rate, 1)
    if arrival_rate == 0:
        return 1
    c = max(1, math.floor(offered_load(arrival_rate, service_rate)) + 1)
    while c <= max_servers:
        if share_within(arrival_rate, service_rate, c, target_wait) >= target_share:
            return c
        c += 1
    raise ValueError(f"more than {max_servers} servers would be needed")
