"""The same payment id keyed at two desks at the same moment, on PostgreSQL: one desk
posts it, the other is told it was already posted. Never "the system failed", which
invites a teller to key it a third time."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from app.bootstrap import Desk, bootstrap
from bus import CommandFailed, Event
from domain.payments.events import PaymentAlreadyPosted
from helpers import ALICE, DRAWER, open_account, open_drawer
from staff import hire
from tests.domain.support import cash_deposit, posted

pytestmark = pytest.mark.postgres
ROUNDS = 60


@pytest.fixture
def two_desks(pg_url: str) -> Iterator[tuple[Desk, Desk]]:
    first = bootstrap(pg_url, start_worker=False)
    open_drawer(first.bus, DRAWER)
    open_account(first.bus, ALICE)
    # A second process's engine: its own connections, its own handlers.
    second = bootstrap(pg_url, start_worker=False, migrate=False)
    # The same teller, logged in at the second desk too.
    hire(second.bus, "teller1")
    try:
        yield first, second
    finally:
        second.close()
        first.close()


# Without the teller's confirmation the second desk used to be told "possible duplicate"
# of its own payment; with it (Enter pressed again on the warning), it failed on the
# payment id's unique key.
@pytest.mark.parametrize("confirmed", [False, True], ids=["plain", "duplicate-confirmed"])
def test_the_second_of_two_simultaneous_submissions_is_told_already_posted(
    two_desks: tuple[Desk, Desk], confirmed: bool
) -> None:
    desks = two_desks
    answers: list[list[Event | None]] = [[None, None] for _ in range(ROUNDS)]
    start = threading.Barrier(2)

    def key(desk_number: int) -> None:
        bus = desks[desk_number].bus
        for i in range(ROUNDS):
            command = cash_deposit(
                f"both-{i:03d}", 1_000 + i, reference=f"round {i}", confirm_duplicate=confirmed
            )
            start.wait(timeout=30)
            answers[i][desk_number] = bus.dispatch(command)[-1]

    threads = [threading.Thread(target=key, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    failed = [a for pair in answers for a in pair if isinstance(a, CommandFailed)]
    assert failed == []
    for i, pair in enumerate(answers):
        already = [a for a in pair if isinstance(a, PaymentAlreadyPosted)]
        stored = [a for a in pair if not isinstance(a, PaymentAlreadyPosted)]
        assert len(already) == 1 and len(stored) == 1, (i, pair)
        assert type(stored[0]).__name__ == "PaymentPosted", (i, pair)
        assert already[0].status == "posted"
    first = desks[0]
    assert first.queries.count("payments") == ROUNDS
    assert posted(first, ALICE) == sum(1_000 + i for i in range(ROUNDS))
