"""Wiring: one place that builds the engine, the bus, the handlers and the worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

from sqlalchemy import Engine

import domain.catalog  # noqa: F401  every event type and projection
from app.database import is_initialised, make_engine, upgrade
from bus import BusWorker, MessageBus
from domain import handlers
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

    def close(self) -> None:
        self.worker.stop()
        self.engine.dispose()


def wire_handlers(bus: MessageBus, engine: Engine,
                  today: Callable[[], date] = local_today) -> None:
    def new_uow() -> UnitOfWork:
        return UnitOfWork(engine, today)

    bus.handle_command(OpenAccount, partial(handlers.open_account, new_uow=new_uow))
    bus.handle_command(ChangeAccountStatus,
                       partial(handlers.change_account_status, new_uow=new_uow))
    bus.handle_command(SubmitPayment, partial(handlers.submit_payment, new_uow=new_uow))


def bootstrap(url: str, *, migrate: bool = True, start_worker: bool = True,
              today: Callable[[], date] = local_today) -> Desk:
    engine = make_engine(url)
    if migrate:
        upgrade(engine)
    elif not is_initialised(engine):
        raise RuntimeError("The database has no schema yet: run `python main.py init`")
    bus = MessageBus()
    wire_handlers(bus, engine, today)
    worker = BusWorker(bus, group_scope=lambda: CommitGroup(engine))
    if start_worker:
        worker.start()
    return Desk(engine=engine, bus=bus, worker=worker, queries=LedgerQueries(engine))
