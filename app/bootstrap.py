"""Wiring: one place that builds the engine, the bus, the handlers and the worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path

from sqlalchemy import Engine

import domain.catalog  # noqa: F401  every event type and projection
from app.database import is_initialised, make_engine, upgrade
from app.settings import risk_file_from_env
from bus import BusWorker, Event, MessageBus
from bus.messages import utc_now
from domain import business_day, handlers, lifecycle
from domain.commands import ChangeAccountStatus, OpenAccount, SubmitPayment
from domain.lifecycle import Lifecycle, OpenDrawers, no_drawer_sessions_yet
from domain.lifecycle_commands import (
    ApprovePayment,
    CloseBusinessDate,
    DeclinePayment,
    ExpireReservations,
    OpenBusinessDate,
    ReversePayment,
    VoidPayment,
)
from domain.lifecycle_queries import LifecycleQueries
from domain.queries import LedgerQueries
from domain.risk import RiskPolicy
from domain.roles import RoleOf
from domain.unit_of_work import CommitGroup, UnitOfWork, local_today


@dataclass
class Desk:
    """Everything one running desk needs, built once."""

    engine: Engine
    bus: MessageBus
    worker: BusWorker
    queries: LedgerQueries
    policy: RiskPolicy = field(default_factory=RiskPolicy.load)
    lifecycle: LifecycleQueries | None = None
    # What the start-up recovery did (first business date, expired reservations voided).
    recovered: list[Event] = field(default_factory=list)

    def close(self) -> None:
        self.worker.stop()
        self.engine.dispose()


def wire_handlers(bus: MessageBus, engine: Engine,
                  today: Callable[[], date] = local_today, *,
                  policy: RiskPolicy | None = None, role_of: RoleOf | None = None,
                  open_drawers: OpenDrawers = no_drawer_sessions_yet,
                  clock: Callable[[], datetime] = utc_now) -> None:
    """`role_of` and `open_drawers` are the seams to operators and drawer sessions
    (issue 3); by default the risk file's [roles] table and "no drawer is open"."""
    def new_uow() -> UnitOfWork:
        return UnitOfWork(engine, today)

    policy = policy or RiskPolicy.load()
    lc = Lifecycle(new_uow=new_uow, policy=policy, role_of=role_of or policy.role_table(),
                   open_drawers=open_drawers, clock=clock)
    bus.handle_command(OpenAccount, partial(handlers.open_account, new_uow=new_uow))
    bus.handle_command(ChangeAccountStatus,
                       partial(handlers.change_account_status, new_uow=new_uow))
    bus.handle_command(SubmitPayment, partial(lifecycle.submit_payment, lc=lc))
    bus.handle_command(ApprovePayment, partial(lifecycle.approve_payment, lc=lc))
    bus.handle_command(DeclinePayment, partial(lifecycle.decline_payment, lc=lc))
    bus.handle_command(VoidPayment, partial(lifecycle.void_payment, lc=lc))
    bus.handle_command(ExpireReservations, partial(lifecycle.expire_reservations, lc=lc))
    bus.handle_command(ReversePayment, partial(lifecycle.reverse_payment, lc=lc))
    bus.handle_command(OpenBusinessDate, partial(business_day.open_business_date, lc=lc))
    bus.handle_command(CloseBusinessDate, partial(business_day.close_business_date, lc=lc))


def bootstrap(url: str, *, migrate: bool = True, start_worker: bool = True,
              today: Callable[[], date] = local_today, risk_file: Path | None = None,
              policy: RiskPolicy | None = None, role_of: RoleOf | None = None,
              open_drawers: OpenDrawers = no_drawer_sessions_yet,
              clock: Callable[[], datetime] = utc_now) -> Desk:
    engine = make_engine(url)
    if migrate:
        upgrade(engine)
    elif not is_initialised(engine):
        raise RuntimeError("The database has no schema yet: run `python main.py init`")
    policy = policy or RiskPolicy.load(risk_file or risk_file_from_env())
    bus = MessageBus()
    wire_handlers(bus, engine, today, policy=policy, role_of=role_of,
                  open_drawers=open_drawers, clock=clock)
    lifecycle_queries = LifecycleQueries(engine)
    # Recovery at start: the first business date, and reservations that expired while
    # the desk was down are voided before anyone keys anything.
    recovered: list[Event] = []
    if lifecycle_queries.business_date() is None:
        recovered += bus.dispatch(OpenBusinessDate(business_date=today().isoformat()))
    recovered += bus.dispatch(ExpireReservations())
    worker = BusWorker(bus, group_scope=lambda: CommitGroup(engine))
    if start_worker:
        worker.start()
    return Desk(engine=engine, bus=bus, worker=worker, queries=LedgerQueries(engine),
                policy=policy, lifecycle=lifecycle_queries, recovered=recovered)
