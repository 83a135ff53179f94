"""Posts a fixed sequence of payments through the worker (with group commit), from the
first each time it starts: what was already done is answered "already posted". The
recovery test kills it with SIGKILL at random moments and starts it again.

    python tests/recovery_loop.py URL RISK_TOML COUNT
"""

from __future__ import annotations

import sys
from pathlib import Path

# The tests' own helpers as pytest finds them (its pythonpath is tests/), and the app.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.bootstrap import bootstrap
from bus import Command
from domain.drawers.commands import CountOpeningCash
from domain.drawers.sessions import OPEN, drawer_account_id
from domain.ledger.commands import OpenAccount
from domain.payments.commands import (
    ApprovePayment,
    ExpireReservations,
    ReversePayment,
    SubmitPayment,
)
from helpers import payment
from staff import hire, open_session

DRAWER, ANNA, BEN = drawer_account_id("teller1"), "K0000001", "K0000002"


def keyed(i: int, kind: str, debit: str, credit: str, amount: int, **more: str) -> SubmitPayment:
    """Payment k-{i} by teller1; keyed again after a restart, it is meant to post."""
    return payment(kind, debit, credit, amount, payment_id=f"k-{i}", confirm_duplicate=True, **more)


def command(i: int) -> Command:
    step = i % 6
    if step in (0, 1):
        return keyed(i, "cash_deposit", DRAWER, ANNA, 10_000 + i)
    if step == 2:
        return keyed(i, "transfer", ANNA, BEN, 1_000 + i)
    if step == 3:
        return keyed(
            i,
            "interbank_transfer",
            ANNA,
            "",
            500 + i,
            beneficiary_bank="BNPAFRPP",
            beneficiary_account="FR76 1",
            beneficiary_name="Marie Curie",
        )
    if step == 4:
        return ReversePayment(
            payment_id=f"k-{i - 2}", reversal_id=f"r-{i}", reason="keyed twice", actor="teller1"
        )
    if i % 12 == 5:
        return ApprovePayment(payment_id=f"k-{i - 3}", actor="super1")
    return ExpireReservations()


def main() -> None:
    url, risk, count = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    desk = bootstrap(url, risk_file=risk, start_worker=False)
    # Each start does what is not done yet: the staff, teller1's drawer session (a kill may
    # have left it started but not counted open), the customers.
    hire(desk.bus, "teller1", "super1")
    current = desk.drawers.current_session("teller1")
    if current is None:
        open_session(desk.bus, "teller1")
    elif current.state != OPEN:
        desk.bus.dispatch(
            CountOpeningCash(session_id=current.session_id, counts=[], actor="teller1")
        )
    for account_id in (ANNA, BEN):
        if desk.queries.account(account_id) is None:
            desk.bus.dispatch(
                OpenAccount(
                    account_id=account_id,
                    holder_name="Recovery",
                    kind="customer",
                    currency="EUR",
                    actor="teller1",
                )
            )
    desk.worker.start()
    for first in range(0, count, 24):
        for i in range(first, min(first + 24, count)):
            desk.worker.submit(command(i))
        desk.worker.wait_idle()
        print(f"done {min(first + 24, count)}", flush=True)
    desk.close()
    print("finished", flush=True)


if __name__ == "__main__":
    main()
