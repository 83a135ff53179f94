"""Writes on the posting path wait beside the connection on PostgreSQL and go out in one
round trip before the next statement (domain.eventstore.driver). Whatever the database,
the next read sees them, and a write that fails fails its transaction: never lost."""

from __future__ import annotations

import pytest
from sqlalchemy import bindparam, func, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from app.bootstrap import Desk
from domain.eventstore.driver import DriverStatement
from domain.eventstore.unit_of_work import CommitGroup, is_transient
from domain.ledger.tables import balances, postings
from helpers import ALICE, deposit

_ADD = DriverStatement(
    update(balances)
    .where(balances.c.account_id == ALICE)
    .values(credits_posted=balances.c.credits_posted + 1)
)
_POSTING = DriverStatement(postings.insert())


def _credits(desk: Desk) -> int:
    account = desk.queries.account(ALICE)
    assert account is not None
    return account.posted


def test_the_next_read_sees_a_write_and_a_failed_write_fails_its_transaction(
    bank: Desk,
) -> None:
    deposit(bank.bus, ALICE, 500)
    stored = select(func.count()).select_from(postings)
    with bank.engine.connect() as conn:
        before = conn.execute(stored).scalar_one()

    class Undo(Exception):
        pass

    # A writer's transaction, as a commit group opens it (BEGIN IMMEDIATE on SQLite).
    with pytest.raises(Undo), CommitGroup(bank.engine) as group:
        _ADD(group.conn, {})
        # Read in the same transaction, through Core: the write went out first.
        credits = group.conn.execute(
            select(balances.c.credits_posted).where(balances.c.account_id == ALICE)
        ).scalar_one()
        assert credits == 501
        raise Undo

    with pytest.raises(IntegrityError), CommitGroup(bank.engine) as group:
        _ADD(group.conn, {})
        # The deposit's first leg again: the posting's key refuses it.
        row = group.conn.execute(select(postings).where(postings.c.leg == 1)).mappings().one()
        _POSTING(group.conn, dict(row))
        group.conn.execute(stored)
    assert _credits(bank) == 500, "a rolled-back transaction kept a write"
    with bank.engine.connect() as conn:
        assert conn.execute(stored).scalar_one() == before


@pytest.mark.postgres
def test_a_write_that_waited_past_the_lock_timeout_is_worth_a_retry(pg_url: str) -> None:
    from app.bootstrap import bootstrap
    from helpers import DRAWER, open_account, open_drawer

    desk = bootstrap(pg_url, start_worker=False)
    try:
        open_drawer(desk.bus, DRAWER)
        open_account(desk.bus, ALICE)
        with desk.engine.connect() as holder, desk.engine.connect() as writer:
            holder.execute(select(balances).where(balances.c.account_id == ALICE).with_for_update())
            writer.execute(text("SET lock_timeout = '100ms'"))
            _ADD(writer, {})
            with pytest.raises(DBAPIError) as raised:
                writer.commit()
            assert is_transient(raised.value)
            writer.rollback()
            holder.rollback()
        assert _credits(desk) == 0
    finally:
        desk.close()


@pytest.mark.postgres
def test_a_group_whose_waiting_write_failed_keeps_nothing_even_if_the_error_was_caught(
    pg_url: str,
) -> None:
    from app.bootstrap import bootstrap
    from domain.eventstore.driver import DriverQuery
    from domain.eventstore.unit_of_work import GroupBroken
    from helpers import DRAWER, open_account, open_drawer

    desk = bootstrap(pg_url, start_worker=False)
    read_credits = DriverQuery(
        select(balances.c.credits_posted).where(balances.c.account_id == bindparam("acct"))
    )
    try:
        open_drawer(desk.bus, DRAWER)
        open_account(desk.bus, ALICE)
        deposit(desk.bus, ALICE, 500)
        with pytest.raises(GroupBroken), CommitGroup(desk.engine) as group:
            _ADD(group.conn, {})
            row = group.conn.execute(select(postings).where(postings.c.leg == 1)).mappings().one()
            _POSTING(group.conn, dict(row))
            # The refused posting goes out with this read, in one round trip; the bus
            # answers such an error as one command's failure and the group goes on.
            with pytest.raises(IntegrityError):
                read_credits(group.conn, {"acct": ALICE})
        assert _credits(desk) == 500, "a group kept a write after one of its writes failed"
    finally:
        desk.close()
