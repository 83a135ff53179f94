"""Two desks on one database: what one keys appears at the other without a reload.

Desk A is a real window (logged in with keystrokes) whose desk follows the event log
(app.live.LiveFeed); desk B is a second desk on the same SQLite file, with engine, bus
and worker of its own, keying payments as another teller.
"""

from __future__ import annotations

import statistics
import time
import uuid
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt

from app.bootstrap import Desk, bootstrap
from app.gui import DeskController
from app.live import LiveFeed
from domain.eventstore.feed import EventLogReachable, EventLogUnreachable
from domain.payments.events import PaymentPosted
from gui_support import log_in
from helpers import deposit, open_account
from staff import hire, open_session
from ui.main_window import MainWindow

CUSTOMER = "10000001"


@pytest.fixture
def two_desks(db_url: str) -> Iterator[tuple[Desk, Desk]]:
    """Desks A and B on one SQLite file (A watches the chain head) and on one PostgreSQL
    database (A is woken by NOTIFY)."""
    url = db_url
    first = bootstrap(url, start_worker=False)
    hire(first.bus)
    open_session(first.bus, "teller1")
    open_session(first.bus, "teller2")
    open_account(first.bus, CUSTOMER, holder_name="Anna Schmidt", actor="teller1")
    first.worker.start()
    second = bootstrap(url, start_worker=False, migrate=False)
    hire(second.bus, "teller2")
    try:
        yield first, second
    finally:
        second.close()
        first.close()


@pytest.fixture
def live_window(
    qtbot, two_desks: tuple[Desk, Desk], make_controller: Callable[..., DeskController]
) -> Iterator[tuple[MainWindow, Desk, Desk]]:
    """teller1's window at desk A, whose desk follows the log; desk A; desk B."""
    here, there = two_desks
    live = LiveFeed(here.engine, here.bus, here.worker, wait_seconds=0.1).start()
    try:
        yield log_in(qtbot, make_controller(here, desk_name="desk-A")), here, there
    finally:
        live.stop()


def test_a_payment_keyed_at_another_desk_appears_in_the_journal(qtbot, live_window) -> None:
    window, here, there = live_window

    def shown(payment_id: str) -> bool:
        model = window.journal_model
        return any(model.entry(row).payment_id == payment_id for row in range(model.rowCount()))

    seen_after: list[float] = []
    for n in range(5):
        payment_id = str(uuid.uuid4())
        answer = deposit(
            there.bus,
            CUSTOMER,
            1_000 + n,
            drawer="DRAWER-TELLER2",
            payment_id=payment_id,
            reference=f"keyed at desk B {n}",
            actor="teller2",
        )
        assert isinstance(answer, PaymentPosted), answer
        committed = time.perf_counter()
        qtbot.waitUntil(lambda pid=payment_id: shown(pid), timeout=3000)
        seen_after.append((time.perf_counter() - committed) * 1000)
    # Figures, not a timed assertion: committed at B -> row in A's journal.
    database = here.engine.dialect.name
    print(
        f"\nlive refresh, desk B -> desk A's journal ({database}, 5 payments): "
        f"median {statistics.median(seen_after):.0f} ms, max {max(seen_after):.0f} ms"
    )
    assert window.journal_title.text().endswith("5 payments")


def test_offline_the_form_sends_nothing_and_keeps_what_was_typed(qtbot, live_window) -> None:
    window, here, _there = live_window
    form = window.form
    bus = here.bus
    qtbot.keyClicks(form.to_field.edit, CUSTOMER)
    qtbot.keyClicks(form.amount, "12.50")
    bus.publish(EventLogUnreachable(reason="terminating connection due to administrator command"))
    qtbot.waitUntil(lambda: "Offline" in window.statusBar().currentMessage())
    qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    assert "Nothing was sent" in form.status.text()
    assert (form.to_field.edit.text(), form.amount.text()) == (CUSTOMER, "12.50")
    assert window.journal_model.rowCount() == 0

    bus.publish(EventLogReachable())
    qtbot.waitUntil(lambda: "Back online" in window.statusBar().currentMessage())
    with qtbot.waitSignal(form.answered, timeout=5000):
        qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    assert form.status.text().startswith("Posted")
    qtbot.waitUntil(lambda: window.journal_model.rowCount() == 1)
