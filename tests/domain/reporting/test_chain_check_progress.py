"""The chain check behind the audit screen's F7 says how far it is and stops when asked,
on SQLite and PostgreSQL; a stopped check finds nothing and changes nothing."""

from __future__ import annotations

import pytest

from app.bootstrap import Desk
from domain.reporting.audit_trail import ChainCheckCancelled


def test_the_chain_check_reports_progress_up_to_every_event(bank: Desk) -> None:
    total = bank.audit.event_count()
    assert total > 0
    seen: list[tuple[int, int]] = []

    faults = bank.audit.verify_chain(lambda done, of: seen.append((done, of)))

    assert faults == []
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_a_cancelled_chain_check_stops_and_changes_nothing(bank: Desk) -> None:
    before = bank.audit.event_count()
    seen: list[int] = []

    with pytest.raises(ChainCheckCancelled):
        bank.audit.verify_chain(lambda done, _of: seen.append(done), lambda: True)

    assert seen == []  # stopped before the first batch was read
    assert bank.audit.event_count() == before
    assert bank.audit.verify_chain() == []
