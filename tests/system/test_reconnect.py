"""The database cuts a desk's connections mid-day (pg_terminate_backend, as a server
restart or a network cut would): the desk's next payment posts, the live feed of another
desk catches up by seq, nothing is lost or doubled."""

from __future__ import annotations

import threading
import uuid

from sqlalchemy import Engine, func, select, text

from app.bootstrap import bootstrap
from app.live import LiveFeed
from domain.eventstore.feed import EventLogReachable, EventLogUnreachable
from domain.eventstore.tables import events
from domain.payments.commands import SubmitPayment
from domain.payments.events import PaymentPosted
from domain.payments.kinds import CASH_DEPOSIT
from domain.reporting.audit import verify
from helpers import open_account, payment
from staff import hire, open_session

CUSTOMER = "10000001"


def deposit(amount: int, teller: str) -> SubmitPayment:
    drawer = f"DRAWER-{teller.upper()}"
    return payment(
        CASH_DEPOSIT, drawer, CUSTOMER, amount, payment_id=str(uuid.uuid4()), actor=teller
    )


def cut_every_connection(pg_admin: Engine, database: str) -> int:
    with pg_admin.connect() as conn:
        return len(
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :db AND pid <> pg_backend_pid()"
                ),
                {"db": database},
            ).all()
        )


def test_a_desk_whose_connections_were_cut_posts_and_catches_up(
    pg_url: str, pg_admin: Engine
) -> None:
    here = bootstrap(pg_url, start_worker=False)
    hire(here.bus)
    open_session(here.bus, "teller1")
    open_session(here.bus, "teller2")
    open_account(here.bus, CUSTOMER, actor="teller1")
    here.worker.start()
    there = bootstrap(pg_url, start_worker=False, migrate=False)
    hire(there.bus, "teller2")
    heard: dict[str, threading.Event] = {}
    here.bus.subscribe(
        PaymentPosted, lambda e: heard.setdefault(e.payment_id, threading.Event()).set()
    )
    live = LiveFeed(here.engine, here.bus, here.worker, wait_seconds=0.2).start()
    try:
        before = deposit(1_000, "teller2")
        assert isinstance(there.bus.dispatch(before)[-1], PaymentPosted)
        assert heard.setdefault(before.payment_id, threading.Event()).wait(10)

        cut = cut_every_connection(pg_admin, here.engine.url.database or "")
        assert cut >= 2  # at least the desks' pooled connections and the feed's listener

        # Both desks go on: the next payment of each posts, once.
        mine = deposit(2_000, "teller1")
        assert isinstance(here.bus.dispatch(mine)[-1], PaymentPosted)
        theirs = deposit(3_000, "teller2")
        assert isinstance(there.bus.dispatch(theirs)[-1], PaymentPosted)
        # The feed lost its LISTEN with the cut; it listens again and catches up by seq.
        assert heard.setdefault(theirs.payment_id, threading.Event()).wait(10)

        with here.engine.connect() as conn:
            stored = conn.execute(
                select(func.count()).where(events.c.event_type == "PaymentPosted")
            ).scalar()
        assert stored == 3
        customer = here.queries.account(CUSTOMER)
        assert customer is not None and customer.posted == 6_000
        assert verify(here.engine) == []
    finally:
        live.stop()
        there.close()
        here.close()


def test_the_desk_is_told_when_the_database_goes_away_and_comes_back(
    pg_url: str, pg_admin: Engine
) -> None:
    here = bootstrap(pg_url, start_worker=False)
    hire(here.bus)
    here.worker.start()
    said: list[str] = []
    changed = threading.Condition()

    def note(event: object) -> None:
        with changed:
            said.append(type(event).__name__)
            changed.notify_all()

    here.bus.subscribe(EventLogUnreachable, note)
    here.bus.subscribe(EventLogReachable, note)
    live = LiveFeed(here.engine, here.bus, here.worker, wait_seconds=0.2).start()
    database = here.engine.url.database or ""
    try:
        with pg_admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false'))
        cut_every_connection(pg_admin, database)
        with changed:
            assert changed.wait_for(lambda: said == ["EventLogUnreachable"], timeout=15), said
        with pg_admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true'))
        with changed:
            assert changed.wait_for(
                lambda: said == ["EventLogUnreachable", "EventLogReachable"], timeout=15
            ), said
    finally:
        with pg_admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true'))
        live.stop()
        here.close()
