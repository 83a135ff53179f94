"""A desk that keys cash deposits, and every fifth a withdrawal the bank refuses (it
writes nothing), for the relay tests: the relay runs beside it and is killed meanwhile.

    python tests/relay_desk.py URL TELLER CUSTOMER COUNT [RUN]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.bootstrap import bootstrap
from bus import CommandRejected
from domain.drawers.sessions import drawer_account_id
from domain.payments.kinds import CASH_DEPOSIT, CASH_WITHDRAWAL
from helpers import payment
from staff import hire


def main() -> None:
    url, teller, customer, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    run = sys.argv[5] if len(sys.argv) > 5 else "1"
    desk = bootstrap(url, migrate=False, start_worker=False)
    drawer = drawer_account_id(teller)
    try:
        # The teller logs in on this desk; every command then carries the session.
        hire(desk.bus, teller)
        for i in range(count):
            if i % 5 == 4:
                refused = desk.bus.dispatch(
                    payment(
                        CASH_WITHDRAWAL,
                        customer,
                        drawer,
                        10**12,
                        payment_id=f"refused-{teller}-{run}-{i}",
                        actor=teller,
                    )
                )
                assert isinstance(refused[-1], CommandRejected), refused
                continue
            desk.bus.dispatch(
                payment(
                    CASH_DEPOSIT,
                    drawer,
                    customer,
                    1_000 + i,
                    payment_id=f"dep-{teller}-{run}-{i}",
                    actor=teller,
                )
            )
    finally:
        desk.close()
    print("finished", flush=True)


if __name__ == "__main__":
    main()
