"""A demo bank: customers, a teller's drawer, and a day of payments, all through the bus."""

from __future__ import annotations

import random
import uuid
from collections import Counter
from dataclasses import dataclass, field

from bus import CommandRejected, MessageBus
from domain import accounts as kinds
from domain.commands import OpenAccount, SubmitPayment
from domain.events import AccountOpened, PaymentPosted
from domain.handlers import CASH_DEPOSIT, CASH_WITHDRAWAL, TRANSFER
from domain.queries import LedgerQueries

CURRENCY = "EUR"
FIRST = ["Anna", "Ben", "Chen", "Dana", "Emil", "Fatima", "Guo", "Hanna", "Ivan", "Julia",
         "Karim", "Lena", "Mei", "Noah", "Olga", "Pedro", "Qing", "Rosa", "Sven", "Tara",
         "Uwe", "Vera", "Wang", "Xavier", "Yara", "Zoe"]
LAST = ["Müller", "Schmidt", "Li", "García", "Novak", "Rossi", "Dubois", "Kowalski",
        "Zhang", "Jensen", "Silva", "Weber", "Nguyen", "Ivanova", "Brown", "O'Neil"]


def drawer_account_id(teller: str) -> str:
    return f"DRAWER-{teller}"[:34]


@dataclass
class DemoReport:
    accounts_opened: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    rejections: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        lines = [f"accounts opened: {self.accounts_opened}"]
        lines += [f"payments {name}: {n}" for name, n in sorted(self.outcomes.items())]
        lines += [f"  rejected, {code}: {n}" for code, n in sorted(self.rejections.items())]
        return lines


def _dispatch(bus: MessageBus, command: object, report: DemoReport) -> None:
    for result in bus.dispatch(command):  # type: ignore[arg-type]
        if isinstance(result, AccountOpened):
            report.accounts_opened += 1
        elif isinstance(result, PaymentPosted):
            report.outcomes[result.kind] += 1
        elif isinstance(result, CommandRejected):
            report.outcomes["rejected"] += 1
            report.rejections[result.reason_code] += 1


def run_demo(bus: MessageBus, queries: LedgerQueries, *, seed: int, customers: int,
             payments: int, teller: str = "teller1") -> DemoReport:
    """Deterministic for a seed and a starting database; a rerun adds to the same bank."""
    report = DemoReport()
    # The bank's current size is part of the seed, so a rerun adds rather than repeats.
    rng = random.Random(f"{seed}:{queries.count('accounts')}:{queries.count('payments')}")

    def new_uuid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    drawer = drawer_account_id(teller)
    own_accounts = (
        (drawer, f"Cash drawer of {teller}", kinds.DRAWER),
        (f"CLEARING-{CURRENCY}", f"Clearing with other banks, {CURRENCY}", kinds.CLEARING),
        (f"SUSPENSE-{CURRENCY}", f"Suspense, {CURRENCY}", kinds.SUSPENSE),
    )
    for account_id, name, kind in own_accounts:
        if queries.account(account_id) is None:
            _dispatch(bus, OpenAccount(account_id=account_id, holder_name=name, kind=kind,
                                       currency=CURRENCY, actor=teller), report)
    first_number = 10_000_001 + len(queries.accounts_of_kind(kinds.CUSTOMER))
    numbers = [str(first_number + i) for i in range(customers)]
    for number in numbers:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        overdraft = rng.choice([0, 0, 0, 50_000])
        _dispatch(bus, OpenAccount(account_id=number, holder_name=name, kind=kinds.CUSTOMER,
                                   currency=CURRENCY, overdraft_limit=overdraft,
                                   actor=teller), report)
    pool = [a.account_id for a in queries.accounts_of_kind(kinds.CUSTOMER)]
    if not pool:
        return report
    for _ in range(payments):
        roll = rng.random()
        customer = rng.choice(pool)
        if roll < 0.5:
            kind, debit, credit = CASH_DEPOSIT, drawer, customer
            amount = rng.randrange(1_000, 300_000)
        elif roll < 0.75:
            kind, debit, credit = CASH_WITHDRAWAL, customer, drawer
            amount = rng.randrange(1_000, 80_000)
        else:
            kind, debit, credit = TRANSFER, customer, rng.choice(pool)
            amount = rng.randrange(500, 120_000)
        _dispatch(bus, SubmitPayment(payment_id=new_uuid(), kind=kind, debit_account=debit,
                                     credit_account=credit, amount=amount, currency=CURRENCY,
                                     reference=f"demo {rng.randrange(10_000):04d}",
                                     actor=teller), report)
    return report
