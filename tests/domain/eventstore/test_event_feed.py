"""The event feed: stored events after a seq, in order, and a wake-up at commit."""

from __future__ import annotations

import threading
import time

from app.bootstrap import Desk
from bus import CommandRejected
from domain.eventstore.feed import EventFeed
from helpers import ALICE, BOB, deposit, snapshot, stored_events, transfer


def test_the_feed_pages_through_every_stored_event_in_seq_order(bank: Desk) -> None:
    for amount in (100, 200, 300):
        deposit(bank.bus, ALICE, amount)
    stored = stored_events(bank.engine)
    with EventFeed(bank.engine) as feed:
        seen = []
        after = 0
        while page := feed.read(after, limit=4):
            seen += page
            after = page[-1].seq
        assert feed.head() == after
    assert [e.seq for e in seen] == list(range(1, len(stored) + 1))
    assert [(e.event_id, e.hash, e.prev_hash, e.payload) for e in seen] == [
        (row["event_id"], row["hash"], row["prev_hash"], row["payload"]) for row in stored
    ]
    assert seen[-1].event_type == "PaymentPosted"
    assert seen[-1].occurred_at.endswith("Z")


def test_a_commit_from_another_desk_wakes_the_waiting_reader(bank: Desk) -> None:
    with EventFeed(bank.engine) as feed:
        head = feed.head()
        assert not feed.wait(head, timeout=0.3), "nothing was committed, yet it woke"
        writer = threading.Thread(target=deposit, args=(bank.bus, ALICE, 500))
        started = time.monotonic()
        writer.start()
        try:
            assert feed.wait(head, timeout=10)
            woke_after = time.monotonic() - started
        finally:
            writer.join()
        page = feed.read(head)
    assert woke_after < 2
    assert [e.event_type for e in page][-1] == "PaymentPosted"
    assert [e.seq for e in page] == list(range(head + 1, head + 1 + len(page)))


def test_a_rejected_command_writes_nothing_and_wakes_nobody(bank: Desk) -> None:
    before = snapshot(bank.engine)
    with EventFeed(bank.engine) as feed:
        head = feed.head()
        # Alice has nothing: the transfer is refused before anything is written.
        answer = transfer(bank.bus, ALICE, BOB, 10**9)
        assert isinstance(answer, CommandRejected), answer
        assert answer.reason_code == "insufficient_funds"
        assert not feed.wait(head, timeout=0.5)
        assert feed.read(head) == []
    assert snapshot(bank.engine) == before
