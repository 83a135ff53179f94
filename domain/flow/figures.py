"""Every figure of the Flow screen for one business date, read in one call.

The composition root hands the screen `partial(day_figures, engine)`; the screen calls it
off the GUI thread (the database may be across a network) and gets plain data back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine

from domain.flow import markov
from domain.flow.queries import (
    ApprovalsQueue,
    ArrivalSummary,
    StaffingRow,
    TellerService,
    approvals_queue,
    arrival_summary,
    mean_service_minutes,
    payment_chain,
    read_day,
    service_by_teller,
    staffing_plan,
)
from domain.payments import states

# The branch manager's usual target: 80 % of customers served within 5 minutes.
TARGET_WAIT_MIN = 5.0
TARGET_SHARE = 0.8


@dataclass(frozen=True)
class FlowFigures:
    business_date: date
    payments: int  # every payment created on the date, reversals included
    arrivals: ArrivalSummary
    tellers: list[TellerService]
    service_min: float
    # Offered load per teller on duty: λ·s / c over the open span of the day.
    utilisation: float
    approvals: ApprovalsQueue
    chain: markov.Chain | None
    absorption: markov.Absorption | None
    # P(a new payment ends in each outcome), from `created`; and how many did.
    ending: dict[str, float] = field(default_factory=dict)
    ended: dict[str, int] = field(default_factory=dict)
    staffing: list[StaffingRow] = field(default_factory=list)
    target_wait_min: float = TARGET_WAIT_MIN
    target_share: float = TARGET_SHARE


def day_figures(
    engine: Engine,
    business_date: date,
    target_wait: float = TARGET_WAIT_MIN,
    target_share: float = TARGET_SHARE,
) -> FlowFigures:
    day = read_day(engine, business_date)
    summary = arrival_summary(day)
    service = mean_service_minutes(day)
    tellers = service_by_teller(day)
    on_duty = len(tellers)
    utilisation = summary.rate_per_min * service / on_duty if on_duty else 0.0
    found = payment_chain(day)
    chain, absorption = found if found is not None else (None, None)
    ending = (
        absorption.ending(states.CREATED)
        if absorption is not None and states.CREATED in absorption.transient
        else {}
    )
    ended: dict[str, int] = {}
    for path in day.paths.values():
        if path:
            ended[path[-1].state] = ended.get(path[-1].state, 0) + 1
    return FlowFigures(
        business_date=business_date,
        payments=len(day.paths),
        arrivals=summary,
        tellers=tellers,
        service_min=service,
        utilisation=utilisation,
        approvals=approvals_queue(day),
        chain=chain,
        absorption=absorption,
        ending=ending,
        ended=ended,
        staffing=staffing_plan(day, target_wait, target_share, service or None),
        target_wait_min=target_wait,
        target_share=target_share,
    )
