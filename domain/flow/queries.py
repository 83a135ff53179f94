"""The flow of a business day read from the stored events, as plain data.

- Arrivals: the moment each customer payment was keyed (PaymentCreated; reversals are a
  teller's correction, not a customer, and drawer moves to the vault create no payment).
- Service time per teller: the time between consecutive payments keyed by one teller,
  counting gaps up to `SERVICE_GAP_LIMIT` only. It is a proxy: it includes any idle time
  between customers shorter than the limit, so it overstates service when the counter is
  quiet and is close when a queue is waiting (which is when staffing matters).
- State moves: each payment's path through domain.payments.states, one stored event per move.
- The approvals queue: when each payment was held and when a supervisor decided it.

Times are UTC datetimes; hours of the day are local to the machine reading them.
"""

from __future__ import annotations

import itertools
import json
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import Engine, select

from domain.eventstore.tables import events
from domain.flow import arrivals, markov, queues
from domain.payments import states

SERVICE_GAP_LIMIT = timedelta(minutes=30)

# Which state each stored payment event moves a payment into.
STATE_OF_EVENT = {
    "PaymentCreated": states.CREATED,
    "PaymentRiskChecked": states.RISK_CHECKED,
    "PaymentHeld": states.HELD,
    "PaymentPosted": states.POSTED,
    "PaymentRejected": states.REJECTED,
    "PaymentReserved": states.RESERVED,
    "PaymentDeclined": states.DECLINED,
    "PaymentVoided": states.VOIDED,
    "PaymentSettled": states.SETTLED,
    "PaymentReversed": states.REVERSED,
}
DECISIONS = ("PaymentApproved", "PaymentDeclined")


@dataclass(frozen=True)
class Move:
    payment_id: str
    state: str
    at: datetime
    operator: str


@dataclass
class DayFlow:
    """Everything the flow model reads for one business date."""

    business_date: date | None
    arrivals: list[datetime] = field(default_factory=list)
    keyed_by: dict[str, list[datetime]] = field(default_factory=dict)
    paths: dict[str, list[Move]] = field(default_factory=dict)
    held_at: dict[str, datetime] = field(default_factory=dict)
    decided_at: dict[str, datetime] = field(default_factory=dict)
    deciders: set[str] = field(default_factory=set)


def business_dates(engine: Engine) -> list[date]:
    """Business dates on which payments were keyed, newest first."""
    found: set[date] = set()
    with engine.connect() as conn:
        for payload in conn.execute(
            select(events.c.payload).where(events.c.event_type == "PaymentCreated")
        ).scalars():
            found.add(date.fromisoformat(json.loads(payload)["business_date"]))
    return sorted(found, reverse=True)


def read_day(engine: Engine, business_date: date | None = None) -> DayFlow:
    """The flow of one business date (default: the newest with payments): the payments
    created on it, and every later move of those payments."""
    rows_by_payment: dict[str, list[tuple[int, str, datetime, str, str]]] = defaultdict(list)
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                events.c.seq,
                events.c.event_type,
                events.c.aggregate_id,
                events.c.occurred_at,
                events.c.operator,
                events.c.payload,
            )
            .where(
                events.c.aggregate_type == "payment",
                events.c.event_type.in_([*STATE_OF_EVENT, *DECISIONS]),
            )
            .order_by(events.c.seq)
        ).all()
    for row in rows:
        rows_by_payment[row.aggregate_id].append(
            (row.seq, row.event_type, row.occurred_at, row.operator, row.payload)
        )
    created_on: dict[str, date] = {}
    for payment_id, found in rows_by_payment.items():
        first = found[0]
        if first[1] == "PaymentCreated":
            created_on[payment_id] = date.fromisoformat(json.loads(first[4])["business_date"])
    if business_date is None:
        business_date = max(created_on.values(), default=None)
    day = DayFlow(business_date)
    keyed: dict[str, list[datetime]] = defaultdict(list)
    for payment_id, found in rows_by_payment.items():
        if created_on.get(payment_id) != business_date:
            continue
        created = json.loads(found[0][4])
        path: list[Move] = []
        for _, event_type, at, operator, _payload in found:
            if event_type in STATE_OF_EVENT:
                path.append(Move(payment_id, STATE_OF_EVENT[event_type], at, operator))
            if event_type == "PaymentHeld":
                day.held_at[payment_id] = at
            elif event_type in DECISIONS and payment_id in day.held_at:
                day.decided_at.setdefault(payment_id, at)
                day.deciders.add(operator)
        day.paths[payment_id] = path
        if created["kind"] != "reversal":
            day.arrivals.append(found[0][2])
            keyed[found[0][3]].append(found[0][2])
    day.arrivals.sort()
    day.keyed_by = {teller: sorted(times) for teller, times in sorted(keyed.items())}
    return day


# --- What the screen and the command line show, computed from a DayFlow. ---


@dataclass(frozen=True)
class HourRow:
    hour: int  # local hour of the day
    arrivals: int
    rate_per_min: float
    low_per_min: float
    high_per_min: float


@dataclass(frozen=True)
class ArrivalSummary:
    hours: list[HourRow]
    total: int
    rate_per_min: float
    dispersion: arrivals.DispersionTest | None
    window_minutes: int


def _minutes(moment: datetime, origin: datetime) -> float:
    return (moment - origin).total_seconds() / 60


def arrival_summary(day: DayFlow, window_minutes: int = 10) -> ArrivalSummary:
    """Arrivals per local hour with Garwood intervals, and the Poisson check: counts
    in `window_minutes` windows over the open span of the day."""
    if not day.arrivals:
        return ArrivalSummary([], 0, 0.0, None, window_minutes)
    by_hour: dict[int, int] = defaultdict(int)
    for moment in day.arrivals:
        by_hour[moment.astimezone().hour] += 1
    hours = []
    for hour in range(min(by_hour), max(by_hour) + 1):
        estimate = arrivals.poisson_rate(by_hour.get(hour, 0), 60.0)
        hours.append(
            HourRow(hour, by_hour.get(hour, 0), estimate.rate, estimate.low, estimate.high)
        )
    first, last = day.arrivals[0], day.arrivals[-1]
    span = max(_minutes(last, first), 1e-9)
    counts = arrivals.window_counts(
        [_minutes(t, first) for t in day.arrivals], 0.0, span, window_minutes
    )
    dispersion = arrivals.dispersion_test(counts) if len(counts) >= 2 else None
    return ArrivalSummary(
        hours,
        len(day.arrivals),
        len(day.arrivals) / span if span > 1e-6 else 0.0,
        dispersion,
        window_minutes,
    )


@dataclass(frozen=True)
class TellerService:
    teller: str
    payments: int
    mean_service_min: float  # from gaps up to SERVICE_GAP_LIMIT; 0 when none
    busy_share: float  # payments x mean service over the teller's span of the day


def service_by_teller(day: DayFlow) -> list[TellerService]:
    rows = []
    for teller, times in day.keyed_by.items():
        gaps = [_minutes(b, a) for a, b in itertools.pairwise(times) if b - a <= SERVICE_GAP_LIMIT]
        mean = statistics.fmean(gaps) if gaps else 0.0
        span = _minutes(times[-1], times[0]) if len(times) > 1 else 0.0
        busy = min(1.0, len(gaps) * mean / span) if span > 0 else 0.0
        rows.append(TellerService(teller, len(times), mean, busy))
    return rows


def mean_service_minutes(day: DayFlow) -> float:
    """All tellers' gaps together: the day's service-time estimate for staffing."""
    gaps = [
        _minutes(b, a)
        for times in day.keyed_by.values()
        for a, b in itertools.pairwise(times)
        if b - a <= SERVICE_GAP_LIMIT
    ]
    return statistics.fmean(gaps) if gaps else 0.0


@dataclass(frozen=True)
class ApprovalsQueue:
    held: int
    waiting: int
    decided: int
    supervisors: int
    measured_mean_wait_min: float
    mean_decision_min: float
    predicted_mean_wait_min: float  # M/M/c with c = supervisors who decided


def approvals_queue(day: DayFlow) -> ApprovalsQueue:
    """Held payments as a queue for supervisors. Measured wait: held -> decided. The
    prediction treats the decision time as service: arrivals at the day's hold rate, c
    the supervisors who decided, μ = 1 / mean gap between one supervisor's decisions
    (as for tellers) or, with too few decisions, 1 / mean measured wait."""
    waits = [
        _minutes(day.decided_at[p], at) for p, at in day.held_at.items() if p in day.decided_at
    ]
    held, decided = len(day.held_at), len(waits)
    measured = statistics.fmean(waits) if waits else 0.0
    predicted = 0.0
    if day.arrivals and held >= 2 and decided:
        span = max(_minutes(day.arrivals[-1], day.arrivals[0]), 1e-9)
        rate = held / span
        decisions = sorted(day.decided_at.values())
        gaps = [
            _minutes(b, a) for a, b in itertools.pairwise(decisions) if b - a <= SERVICE_GAP_LIMIT
        ]
        service = statistics.fmean(gaps) if gaps else measured
        servers = max(1, len(day.deciders))
        if service > 0:
            predicted = queues.mmc(rate, 1 / service, servers).mean_wait
    else:
        service = 0.0
    return ApprovalsQueue(
        held, held - decided, decided, len(day.deciders), measured, service, predicted
    )


def payment_chain(day: DayFlow) -> tuple[markov.Chain, markov.Absorption] | None:
    """The day's payments as an absorbing chain, times in minutes from creation."""
    paths = []
    for path in day.paths.values():
        if path and path[0].state == states.CREATED:
            origin = path[0].at
            paths.append([(m.state, _minutes(m.at, origin)) for m in path])
    if not paths:
        return None
    chain = markov.estimate_chain(paths, order=states.STATES)
    if not chain.transient:
        return None
    return chain, markov.absorb(chain)


@dataclass(frozen=True)
class StaffingRow:
    hour: int
    arrival_rate_per_min: float
    tellers_needed: int
    probability_of_waiting: float
    mean_wait_min: float
    share_within_target: float


def staffing_plan(
    day: DayFlow, target_wait: float, target_share: float, service_minutes: float | None = None
) -> list[StaffingRow]:
    """Tellers needed in each hour of the day (Erlang C), from that hour's arrival rate
    and the day's mean service time."""
    service = service_minutes or mean_service_minutes(day)
    if service <= 0:
        return []
    rows = []
    for hour in arrival_summary(day).hours:
        rate = hour.rate_per_min
        if rate <= 0:
            rows.append(StaffingRow(hour.hour, 0.0, 0, 0.0, 0.0, 1.0))
            continue
        c = queues.servers_needed(rate, 1 / service, target_wait, target_share)
        figures = queues.mmc(rate, 1 / service, c)
        rows.append(
            StaffingRow(
                hour.hour,
                rate,
                c,
                figures.probability_of_waiting,
                figures.mean_wait,
                queues.share_within(rate, 1 / service, c, target_wait),
            )
        )
    return rows
