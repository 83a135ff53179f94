"""Wiring: one place that builds the engine, the bus, the handlers and the worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from sqlalchemy import Engine

import domain.catalog  # noqa: F401  every event type and projection
from app.database import is_initialised, make_engine, upgrade
from app.settings import security_policy
from bus import BusWorker, MessageBus
from bus.messages import utc_now
from domain import drawers, handlers, operators
from domain.audit_trail import AuditQueries
from domain.commands import ChangeAccountStatus, OpenAccount, SubmitPayment
from domain.queries import LedgerQueries
from domain.unit_of_work import CommitGroup, UnitOfWork, local_today


@dataclass
class Desk:
    """Everything one running desk needs, built once."""

    engine: Engine
    bus: MessageBus
    worker: BusWorker
    queries: LedgerQueries
    policy: operators.SecurityPolicy
    operators: operators.OperatorQueries
    drawers: drawers.DrawerQueries
    audit: AuditQueries

    def close(self) -> None:
        self.worker.stop()
        self.engine.dispose()


def wire_handlers(bus: MessageBus, engine: Engine,
                  today: Callable[[], date] = local_today,
                  policy: operators.SecurityPolicy | None = None,
                  clock: Callable[[], datetime] = utc_now) -> None:
    policy = policy or security_policy()

    def new_uow() -> UnitOfWork:
        return UnitOfWork(engine, today)

    def checks_passwords(handler: Callable[..., Any], **extra: Any) -> operators.Handler:
        """A handler that may verify a password: refused ones count towards lockout."""
        return operators.counts_failed_passwords(
            partial(handler, new_uow=new_uow, policy=policy, **extra), new_uow, policy, clock)

    bus.handle_command(OpenAccount, partial(handlers.open_account, new_uow=new_uow))
    bus.handle_command(ChangeAccountStatus,
                       partial(handlers.change_account_status, new_uow=new_uow))
    bus.handle_command(SubmitPayment, checks_passwords(handlers.submit_payment, clock=clock))

    bus.handle_command(operators.CreateOperator,
                       partial(operators.create_operator, new_uow=new_uow, policy=policy,
                               clock=clock))
    bus.handle_command(operators.DisableOperator,
                       partial(operators.disable_operator, new_uow=new_uow))
    bus.handle_command(operators.ResetPassword,
                       partial(operators.reset_password, new_uow=new_uow, policy=policy,
                               clock=clock))
    bus.handle_command(operators.LogIn, checks_passwords(operators.log_in, clock=clock))
    bus.handle_command(operators.LogOut, partial(operators.log_out, new_uow=new_uow))
    bus.handle_command(operators.UnlockDesk,
                       checks_passwords(operators.unlock_desk, clock=clock))

    bus.handle_command(drawers.StartDrawerSession,
                       partial(drawers.start_drawer_session, new_uow=new_uow, policy=policy))
    bus.handle_command(drawers.CountOpeningCash,
                       checks_passwords(drawers.count_opening_cash, clock=clock))
    bus.handle_command(drawers.CountClosingCash,
                       partial(drawers.count_closing_cash, new_uow=new_uow, policy=policy))
    bus.handle_command(drawers.CloseDrawer, checks_passwords(drawers.close_drawer, clock=clock))
    bus.handle_command(drawers.MoveCash, checks_passwords(drawers.move_cash, clock=clock))


def bootstrap(url: str, *, migrate: bool = True, start_worker: bool = True,
              today: Callable[[], date] = local_today,
              policy: operators.SecurityPolicy | None = None,
              clock: Callable[[], datetime] = utc_now) -> Desk:
    engine = make_engine(url)
    if migrate:
        upgrade(engine)
    elif not is_initialised(engine):
        raise RuntimeError("The database has no schema yet: run `python main.py init`")
    bus = MessageBus()
    policy = policy or security_policy()
    wire_handlers(bus, engine, today, policy, clock)
    worker = BusWorker(bus, group_scope=lambda: CommitGroup(engine))
    if start_worker:
        worker.start()
    return Desk(engine=engine, bus=bus, worker=worker, queries=LedgerQueries(engine),
                policy=policy, operators=operators.OperatorQueries(engine),
                drawers=drawers.DrawerQueries(engine, policy), audit=AuditQueries(engine))
