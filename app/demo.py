"""A demo bank: customers, a teller's drawer, and a day of payments, all through the bus."""

from __future__ import annotations

import math
import random
import secrets
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from app.cli_language import QCoreApplication, refused, risk_reason
from app.signing import SignedIn
from bus import Command, CommandRejected, Event, MessageBus
from domain.business_day.commands import CloseBusinessDate
from domain.business_day.events import BusinessDateClosed
from domain.drawers.commands import (
    CloseDrawer,
    CountClosingCash,
    CountOpeningCash,
    MoveCash,
    StartDrawerSession,
)
from domain.drawers.queries import DrawerQueries
from domain.drawers.sessions import DRAWER_TO_VAULT, OPEN, drawer_account_id
from domain.kernel.money import format_money
from domain.ledger import accounts as kinds
from domain.ledger.commands import OpenAccount
from domain.ledger.events import AccountOpened
from domain.ledger.queries import LedgerQueries
from domain.operators.commands import Approval, CreateOperator, ResetPassword
from domain.operators.permissions import SYSTEM
from domain.operators.queries import OperatorQueries
from domain.operators.roles import ADMIN, SUPERVISOR, TELLER, Role
from domain.payments.commands import (
    ApprovePayment,
    DeclinePayment,
    ReversePayment,
    SubmitPayment,
    VoidPayment,
)
from domain.payments.events import (
    PaymentDeclined,
    PaymentHeld,
    PaymentPosted,
    PaymentRejected,
    PaymentReserved,
    PaymentReversed,
    PaymentVoided,
)
from domain.payments.kinds import CASH_DEPOSIT, CASH_WITHDRAWAL, INTERBANK, TRANSFER, PaymentKind
from domain.payments.queries import LifecycleQueries
from domain.payments.risk.rules import RiskPolicy

CURRENCY = "EUR"
FIRST = [
    "Anna",
    "Ben",
    "Chen",
    "Dana",
    "Emil",
    "Fatima",
    "Guo",
    "Hanna",
    "Ivan",
    "Julia",
    "Karim",
    "Lena",
    "Mei",
    "Noah",
    "Olga",
    "Pedro",
    "Qing",
    "Rosa",
    "Sven",
    "Tara",
    "Uwe",
    "Vera",
    "Wang",
    "Xavier",
    "Yara",
    "Zoe",
]
LAST = [
    "Müller",
    "Schmidt",
    "Li",
    "García",
    "Novak",
    "Rossi",
    "Dubois",
    "Kowalski",
    "Zhang",
    "Jensen",
    "Silva",
    "Weber",
    "Nguyen",
    "Ivanova",
    "Brown",
    "O'Neil",
]

# A counter keys a few hundred payments a day; a bigger day is spread over more tellers,
# each with a drawer, so that no teller reaches the daily limit of the risk rules.
PAYMENTS_PER_TELLER = 250
# The share of the day's payments that debit a customer (withdrawals and transfers).
DEBIT_SHARE = 0.45
# Room kept below the risk rules' limits, so the day's volume is never held by them.
MARGIN = 0.8


@dataclass
class DemoReport:
    accounts_opened: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    rejections: Counter[str] = field(default_factory=Counter)
    day: list[str] = field(default_factory=list)
    # (name, role, password) of operators made (or given a new password) by this run.
    operators: list[tuple[str, str, str | None]] = field(default_factory=list)
    drawer: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = list(self.notes)
        for name, role, password in self.operators:
            lines.append(
                QCoreApplication.translate("Cli", "operator {name} ({role}): ").format(
                    name=name, role=_role_label(role)
                )
                + (
                    QCoreApplication.translate("Cli", "password {password}").format(
                        password=password
                    )
                    if password
                    else QCoreApplication.translate("Cli", "not available")
                )
            )
        lines += [
            QCoreApplication.translate("Cli", "drawer: {line}").format(line=line)
            for line in self.drawer
        ]
        lines += [
            QCoreApplication.translate("Cli", "accounts opened: {count}").format(
                count=self.accounts_opened
            )
        ]
        lines += [
            QCoreApplication.translate("Cli", "payments {outcome}: {count}").format(
                outcome=_outcome_label(name), count=n
            )
            for name, n in sorted(self.outcomes.items())
        ]
        lines += [
            QCoreApplication.translate("Cli", "  rejected, {code}: {count}").format(
                code=code, count=n
            )
            for code, n in sorted(self.rejections.items())
        ]
        if self.day:
            lines += [
                QCoreApplication.translate("Cli", "the day's stories:"),
                *(f"  {line}" for line in self.day),
            ]
        return lines


def _role_label(role: str) -> str:
    labels = {
        "admin": QCoreApplication.translate("Cli", "admin"),
        "teller": QCoreApplication.translate("Cli", "teller"),
        "supervisor": QCoreApplication.translate("Cli", "supervisor"),
    }
    return labels.get(role, role)


def _outcome_label(outcome: str) -> str:
    """A payment kind or an outcome of _OUTCOMES, in the command line's language; the
    labels are written out so that lupdate finds them."""
    labels = {
        CASH_DEPOSIT: QCoreApplication.translate("Cli", "cash_deposit"),
        CASH_WITHDRAWAL: QCoreApplication.translate("Cli", "cash_withdrawal"),
        TRANSFER: QCoreApplication.translate("Cli", "transfer"),
        INTERBANK: QCoreApplication.translate("Cli", "interbank_transfer"),
        "reversal": QCoreApplication.translate("Cli", "reversal"),
        "vault_to_drawer": QCoreApplication.translate("Cli", "vault_to_drawer"),
        "drawer_to_vault": QCoreApplication.translate("Cli", "drawer_to_vault"),
        "cash_over": QCoreApplication.translate("Cli", "cash_over"),
        "cash_short": QCoreApplication.translate("Cli", "cash_short"),
        "held for approval": QCoreApplication.translate("Cli", "held for approval"),
        "rejected by risk rules": QCoreApplication.translate("Cli", "rejected by risk rules"),
        "reserved for another bank": QCoreApplication.translate("Cli", "reserved for another bank"),
        "declined": QCoreApplication.translate("Cli", "declined"),
        "voided": QCoreApplication.translate("Cli", "voided"),
        "reversed": QCoreApplication.translate("Cli", "reversed"),
        "rejected": QCoreApplication.translate("Cli", "rejected"),
    }
    return labels.get(outcome, outcome)


_OUTCOMES = {
    PaymentHeld: "held for approval",
    PaymentRejected: "rejected by risk rules",
    PaymentReserved: "reserved for another bank",
    PaymentDeclined: "declined",
    PaymentVoided: "voided",
    PaymentReversed: "reversed",
}


def _step_label(step: str) -> str:
    labels = {
        "start": QCoreApplication.translate("Cli", "start"),
        "opening count": QCoreApplication.translate("Cli", "opening count"),
        "vault move": QCoreApplication.translate("Cli", "vault move"),
        "closing count": QCoreApplication.translate("Cli", "closing count"),
        "close": QCoreApplication.translate("Cli", "close"),
    }
    return labels.get(step, step)


def _dispatch(bus: SignedIn, command: Command, report: DemoReport, what: str = "") -> list[Event]:
    """Send one command and count what came of it; `what` names a drawer step, whose
    refusal is reported as such rather than as a refused payment."""
    results = bus.dispatch(command)
    for result in results:
        if isinstance(result, AccountOpened):
            report.accounts_opened += 1
        elif isinstance(result, PaymentPosted):
            report.outcomes[result.kind] += 1
        elif type(result) in _OUTCOMES:
            report.outcomes[_OUTCOMES[type(result)]] += 1
        elif isinstance(result, CommandRejected) and what:
            report.drawer.append(
                QCoreApplication.translate("Cli", "{step} refused: {reason}").format(
                    step=_step_label(what), reason=refused(result)
                )
            )
        elif isinstance(result, CommandRejected):
            report.outcomes["rejected"] += 1
            report.rejections[result.reason_code] += 1
    return results


def run_demo(
    desk_bus: MessageBus,
    queries: LedgerQueries,
    *,
    seed: int,
    customers: int,
    payments: int,
    staff: OperatorQueries,
    drawers: DrawerQueries,
    teller: str = "teller1",
    lifecycle: LifecycleQueries | None = None,
    today: date | None = None,
    risk: RiskPolicy | None = None,
    admin: tuple[str, str] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> DemoReport:
    """Deterministic for a seed and a starting database; a rerun adds to the same bank.

    The day is played on the open business date; it is closed (and today's opened) only
    when that date is before `today`, the calendar's, so the demo always leaves today's
    date open, or a date ahead of it when the bank was already there.

    Its operators log in like anyone else. On an empty database the demo makes the first
    admin itself (as `init` would); otherwise `admin` (name, password) is needed to
    create the demo's operators or give them new passwords, which the report shows."""
    report = DemoReport()
    risk = risk or RiskPolicy.load()
    with SignedIn(desk_bus, desk="demo") as bus:
        # The bank's current size is part of the seed, so a rerun adds rather than repeats.
        rng = random.Random(f"{seed}:{queries.count('accounts')}:{queries.count('payments')}")

        def new_uuid() -> str:
            return str(uuid.UUID(int=rng.getrandbits(128), version=4))

        supervisor = f"{teller}-sup"[:32] if teller != "teller1" else "super1"
        counters = [teller] + [
            _nth_teller(teller, n) for n in range(2, math.ceil(payments / PAYMENTS_PER_TELLER) + 1)
        ]
        passwords = _ensure_operators(
            bus,
            staff,
            [(name, TELLER) for name in counters] + [(supervisor, SUPERVISOR)],
            report,
            admin,
        )
        if not passwords:
            return report
        drawer = drawer_account_id(teller)
        own_accounts = (
            (f"CLEARING-{CURRENCY}", f"Clearing with other banks, {CURRENCY}", kinds.CLEARING),
            (f"SUSPENSE-{CURRENCY}", f"Suspense, {CURRENCY}", kinds.SUSPENSE),
        )
        for account_id, name, kind in own_accounts:
            if queries.account(account_id) is None:
                # The bank's own accounts are not a teller's to open.
                _dispatch(
                    bus,
                    OpenAccount(
                        account_id=account_id,
                        holder_name=name,
                        kind=kind,
                        currency=CURRENCY,
                        actor=supervisor,
                    ),
                    report,
                )
        sessions = {
            name: _open_drawer(bus, queries, drawers, name, new_uuid, report) for name in counters
        }
        existing = len(queries.accounts_of_kind(kinds.CUSTOMER))
        # Each customer makes only a few debits a day (the velocity rule holds the next), so a
        # day of many payments needs enough customers: more than asked for, if need be.
        per_account = max(1, int((risk.velocity_max - 1) * MARGIN))
        needed = math.ceil(payments * DEBIT_SHARE / per_account) - existing
        if needed > customers:
            report.notes.append(
                QCoreApplication.translate(
                    "Cli",
                    "a day of {payments} payments needs at least {customers} customers, so "
                    "that none makes more than the risk rules' {velocity} payments within "
                    "{minutes} minutes: opened {needed} rather than {asked}",
                ).format(
                    payments=payments,
                    customers=needed + existing,
                    velocity=risk.velocity_max,
                    minutes=int(risk.velocity_window.total_seconds() // 60),
                    needed=needed,
                    asked=customers,
                )
            )
            customers = needed
        first_number = 10_000_001 + existing
        numbers = [str(first_number + i) for i in range(customers)]
        for number in numbers:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            overdraft = rng.choice([0, 0, 0, 50_000])
            _dispatch(
                bus,
                OpenAccount(
                    account_id=number,
                    holder_name=name,
                    kind=kinds.CUSTOMER,
                    currency=CURRENCY,
                    overdraft_limit=overdraft,
                    actor=teller,
                ),
                report,
            )
        # The stories come first, before the day's volume reaches the daily limits.
        storied = _a_day_of_stories(
            bus, queries, report, drawer, teller, supervisor, passwords.get(supervisor), new_uuid
        )
        # The stories' account has made its payments for the day: more from it would trip the
        # velocity rule and leave a payment held that nobody in the demo decides.
        everyone = [a.account_id for a in queries.accounts_of_kind(kinds.CUSTOMER)]
        pool = [a for a in everyone if a != storied] or everyone
        day = _Volume(bus, queries, report, risk, rng, new_uuid, pool, counters)
        # The stories' payments count towards teller1's daily total too.
        day.keyed[teller] += 100_000_00
        for n in range(payments):
            day.one_payment(mistake=n % 500 == 250)
            if on_progress is not None:
                on_progress(n + 1, payments)
        for name in counters:
            if sessions[name]:
                _close_drawer(
                    bus,
                    queries,
                    drawers,
                    name,
                    sessions[name],
                    new_uuid,
                    passwords.get(supervisor),
                    supervisor,
                    report,
                    short=150 if name == teller else 0,
                )
        open_date = lifecycle.business_date() if lifecycle is not None else None
        today = today or date.today()
        if open_date is not None and open_date < today:
            _close_the_day(bus, report, supervisor, open_date)
        elif open_date is not None:
            report.day.append(
                QCoreApplication.translate(
                    "Cli",
                    "business date {date} stays open (the calendar says {today}); "
                    "`eod --supervisor {supervisor}` closes it",
                ).format(date=open_date, today=today, supervisor=supervisor)
            )
        return report


def _nth_teller(teller: str, n: int) -> str:
    return f"teller{n}" if teller == "teller1" else f"{teller}{n}"[:32]


class _Volume:
    """The day's ordinary payments: each keyed so that the risk rules let it through, as
    on a normal day (a customer with the money, within the daily limits and velocity, a
    teller within the daily limit, never from an account to itself), so the day's
    holds, rejections and reversals are the stories' few."""

    def __init__(
        self,
        bus: SignedIn,
        queries: LedgerQueries,
        report: DemoReport,
        risk: RiskPolicy,
        rng: random.Random,
        new_uuid: Callable[[], str],
        pool: list[str],
        tellers: list[str],
    ) -> None:
        self.bus, self.report, self.rng, self.new_uuid = bus, report, rng, new_uuid
        self.pool, self.tellers = pool, tellers
        self.available = {}
        for account_id in pool:
            view = queries.account(account_id)
            self.available[account_id] = view.available if view else 0
        self.debits: Counter[str] = Counter()
        self.sent: Counter[str] = Counter()
        self.keyed: Counter[str] = Counter()
        self.cash: Counter[str] = Counter()
        for name in tellers:
            self.cash[name] = drawer_cash(queries, name)
        self.max_debits = max(1, int((risk.velocity_max - 1) * MARGIN))
        self.account_limit = int(risk.minor(risk.daily_account, CURRENCY) * MARGIN)
        self.teller_limit = int(risk.minor(risk.daily_teller, CURRENCY) * MARGIN)
        self.single_limit = risk.limit_for(TELLER, CURRENCY)
        self.keyed_before: set[tuple[str, str, int]] = set()
        self.turn = 0

    def _amount(self, low: int, high: int, step: int) -> int:
        """Most counter payments are small, a few large: log-uniform, in `step`s."""
        value = math.exp(self.rng.uniform(math.log(low), math.log(high)))
        return max(step, int(value * 100) // step * step)

    def _debtor(self, amount: int, avoid: str = "") -> str | None:
        for _ in range(12):
            account = self.rng.choice(self.pool)
            if (
                account != avoid
                and self.available[account] >= amount
                and self.debits[account] < self.max_debits
                and self.sent[account] + amount <= self.account_limit
            ):
                return account
        return None

    def one_payment(self, mistake: bool = False) -> None:
        self.turn += 1
        # The counters take turns; one that has keyed nearly its day's limit steps out.
        free = [t for t in self.tellers if self.keyed[t] + 300_000 <= self.teller_limit]
        teller = (
            free[self.turn % len(free)] if free else min(self.tellers, key=self.keyed.__getitem__)
        )
        drawer = drawer_account_id(teller)
        roll = self.rng.random()
        kind, debit, credit, amount = CASH_DEPOSIT, drawer, self.rng.choice(self.pool), 0
        if roll < DEBIT_SHARE / 2:
            amount = self._amount(20, 1_000, 1_000)
            payer = self._debtor(amount)
            if payer and self.cash[teller] >= amount:
                kind, debit, credit = CASH_WITHDRAWAL, payer, drawer
        elif roll < DEBIT_SHARE:
            amount = self._amount(5, 2_000, 1)
            payer = self._debtor(amount)
            if payer:
                payee = self.rng.choice([a for a in self.pool if a != payer] or [""])
                if payee:
                    kind, debit, credit = TRANSFER, payer, payee
        if kind == CASH_DEPOSIT:
            amount = self._amount(20, 3_000, 500)
        amount = min(amount, self.single_limit, max(100, self.teller_limit - self.keyed[teller]))
        while (debit, credit, amount) in self.keyed_before:
            amount += 100  # the duplicate rule would ask the teller to confirm
        self.keyed_before.add((debit, credit, amount))
        result = _dispatch(
            self.bus,
            SubmitPayment(
                payment_id=self.new_uuid(),
                kind=kind,
                debit_account=debit,
                credit_account=credit,
                amount=amount,
                currency=CURRENCY,
                reference=f"demo {self.rng.randrange(10_000):04d}",
                actor=teller,
            ),
            self.report,
        )[-1]
        if not isinstance(result, PaymentPosted):
            return
        self.keyed[teller] += amount
        if kind == CASH_WITHDRAWAL:
            self.cash[teller] -= amount
        elif kind == CASH_DEPOSIT:
            self.cash[teller] += amount
        if debit in self.available:
            self.available[debit] -= amount
            self.debits[debit] += 1
            self.sent[debit] += amount
        if credit in self.available:
            self.available[credit] += amount
        if mistake and kind == CASH_DEPOSIT:
            # Now and then a teller keys a deposit to the wrong account and reverses it.
            _dispatch(
                self.bus,
                ReversePayment(
                    payment_id=result.payment_id,
                    reversal_id=self.new_uuid(),
                    reason="keyed to the wrong account",
                    actor=teller,
                ),
                self.report,
            )
            self.available[credit] -= amount
            self.cash[teller] -= amount


def _a_day_of_stories(
    bus: SignedIn,
    queries: LedgerQueries,
    report: DemoReport,
    drawer: str,
    teller: str,
    supervisor: str,
    sup_password: str | None,
    new_uuid: Callable[[], str],
) -> str:
    """Four-eyes at the desk, held and approved, declined, rejected, reversed, and
    transfers to other banks that the end-of-day close will settle. Returns the account
    the stories happen to."""
    number = str(10_000_001 + len(queries.accounts_of_kind(kinds.CUSTOMER)))
    _dispatch(
        bus,
        OpenAccount(
            account_id=number,
            holder_name="Grace Hopper",
            kind=kinds.CUSTOMER,
            currency=CURRENCY,
            actor=teller,
        ),
        report,
    )

    def pay(
        kind: PaymentKind,
        debit: str,
        credit: str,
        amount: int,
        actor: str = teller,
        **extra: object,
    ) -> object:
        return _dispatch(
            bus,
            SubmitPayment(
                payment_id=new_uuid(),
                kind=kind,
                debit_account=debit,
                credit_account=credit,
                amount=amount,
                currency=CURRENCY,
                reference="demo day",
                actor=actor,
                confirm_duplicate=True,
                **extra,  # type: ignore[arg-type]
            ),
            report,
        )[-1]

    def abroad(bank: str, account: str, name: str, amount: int) -> object:
        """A transfer from the customer to `name`'s account at another bank."""
        return pay(
            INTERBANK,
            number,
            "",
            amount,
            beneficiary_bank=bank,
            beneficiary_account=account,
            beneficiary_name=name,
        )

    def tell(line: str) -> None:
        report.day.append(line)

    def then(command: Command, story: str) -> None:
        """A story's next step on its payment, and the line that tells it."""
        _dispatch(bus, command, report)
        tell(story)

    if sup_password:
        big = pay(
            CASH_DEPOSIT, drawer, number, 6_000_000, approval=Approval(supervisor, sup_password)
        )
        if isinstance(big, PaymentPosted):
            tell(
                QCoreApplication.translate(
                    "Cli",
                    "a 60,000.00 EUR cash deposit for {account}, above the teller's limit: "
                    "{supervisor} signed it off at the desk; flagged large cash",
                ).format(account=number, supervisor=supervisor)
            )
    else:
        pay(CASH_DEPOSIT, drawer, number, 900_000)
    held = pay(TRANSFER, number, queries.accounts_of_kind(kinds.CUSTOMER)[0].account_id, 1_500_000)
    if isinstance(held, PaymentHeld):
        tell(
            QCoreApplication.translate("Cli", "15,000.00 EUR transfer held: {reason}").format(
                reason=risk_reason(held.reasons[0])
            )
        )
        then(
            ApprovePayment(payment_id=held.payment_id, note="customer known", actor=supervisor),
            QCoreApplication.translate("Cli", "{supervisor} approved it; it posted").format(
                supervisor=supervisor
            ),
        )
    held = pay(CASH_WITHDRAWAL, number, drawer, 1_800_000)
    if isinstance(held, PaymentHeld):
        then(
            DeclinePayment(
                payment_id=held.payment_id,
                reason="withdrawal without prior notice",
                actor=supervisor,
            ),
            QCoreApplication.translate(
                "Cli", "18,000.00 EUR cash withdrawal held, then declined: no prior notice"
            ),
        )
    rejected = abroad("DEUTDEFF", "DE89370400440532013000", "Hans Gruber", 50_000)
    if isinstance(rejected, PaymentRejected):
        tell(
            QCoreApplication.translate("Cli", "transfer to {name} rejected: {reason}").format(
                name="Hans Gruber", reason=risk_reason(rejected.reasons[0])
            )
        )
    for bank, name, amount in (
        ("BNPAFRPP", "Marie Curie", 120_000),
        ("COBADEFF", "Karl Weber", 75_050),
        ("BNPAFRPP", "Jean Dupont", 33_300),
        ("UBSWCHZH", "Heidi Meier", 9_900),
    ):
        abroad(bank, f"{bank[:2]}0012345678", name, amount)
    voided = abroad("INGBNL2A", "NL91ABNA0417164300", "Anna de Vries", 20_000)
    if isinstance(voided, PaymentReserved):
        then(
            VoidPayment(payment_id=voided.payment_id, reason="customer cancelled", actor=teller),
            QCoreApplication.translate(
                "Cli", "a transfer to ING was reserved, then voided at the customer's request"
            ),
        )
    mistaken = pay(CASH_DEPOSIT, drawer, number, 25_000)
    if isinstance(mistaken, PaymentPosted):
        then(
            ReversePayment(
                payment_id=mistaken.payment_id,
                reversal_id=new_uuid(),
                reason="keyed to the wrong account",
                actor=teller,
            ),
            QCoreApplication.translate(
                "Cli",
                "a 250.00 EUR deposit keyed to the wrong account was reversed by the teller",
            ),
        )
    return number


def _close_the_day(bus: SignedIn, report: DemoReport, supervisor: str, day: date) -> None:
    """The end-of-day close: settles the transfers to other banks, opens the next date."""

    def tell(line: str) -> None:
        report.day.append(line)

    for result in _dispatch(
        bus, CloseBusinessDate(actor=supervisor, business_date=day.isoformat()), report
    ):
        if isinstance(result, BusinessDateClosed):
            tell(
                QCoreApplication.translate(
                    "Cli", "{supervisor} closed {date}; {next} is open"
                ).format(supervisor=supervisor, date=result.business_date, next=result.next_date)
            )
            for p in result.positions:
                settled = (
                    QCoreApplication.translate(
                        "Cli", "  settled with {bank}: {count} transfer, {amount}"
                    )
                    if p["payments"] == 1
                    else QCoreApplication.translate(
                        "Cli", "  settled with {bank}: {count} transfers, {amount}"
                    )
                )
                tell(
                    settled.format(
                        bank=p["bank_code"],
                        count=p["payments"],
                        amount=format_money(p["amount"], p["currency"]),
                    )
                )
        elif isinstance(result, CommandRejected):
            tell(
                QCoreApplication.translate("Cli", "the day could not be closed: {reason}").format(
                    reason=refused(result)
                )
            )


def _ensure_operators(
    bus: SignedIn,
    staff: OperatorQueries,
    wanted: list[tuple[str, Role]],
    report: DemoReport,
    admin: tuple[str, str] | None,
) -> dict[str, str]:
    """The demo's operators, logged in: those missing are created and those that exist
    get a fresh password, by an admin (the first admin of an empty database is made
    here). Empty when no admin could log in."""
    if not staff.any_exist():
        admin = ("admin", secrets.token_urlsafe(12))
        bus.dispatch(CreateOperator(name=admin[0], role=ADMIN, password=admin[1], actor=SYSTEM))
        report.operators.append((admin[0], "admin", admin[1]))
    if admin is None or bus.log_in(*admin) is None:
        report.drawer.append(
            QCoreApplication.translate(
                "Cli", "no admin logged in: the demo's operators were not made"
            )
        )
        return {}
    made: dict[str, str] = {}
    for name, role in wanted:
        password = secrets.token_urlsafe(9)
        if staff.operator(name) is None:
            bus.dispatch(CreateOperator(name=name, role=role, password=password, actor=admin[0]))
        else:
            bus.dispatch(ResetPassword(name=name, password=password, actor=admin[0]))
        made[name] = password
        report.operators.append((name, role, password))
        bus.log_in(name, password)
    return made


def money(minor: int) -> str:
    return format_money(minor, CURRENCY)


def drawer_cash(queries: LedgerQueries, teller: str) -> int:
    """The cash posted to the teller's drawer account (0 before its first move)."""
    account = queries.account(drawer_account_id(teller))
    return account.posted if account is not None else 0


def _count_cash(
    bus: SignedIn,
    drawers: DrawerQueries,
    count: type[CountOpeningCash | CountClosingCash],
    session_id: str,
    amount: int,
    teller: str,
    report: DemoReport,
    what: str,
) -> None:
    """The teller counts `amount` in notes and coins, at the opening or the closing."""
    counts = notes_for(amount, drawers.denominations(CURRENCY))
    _dispatch(bus, count(session_id=session_id, counts=counts, actor=teller), report, what)


def notes_for(amount: int, denominations: tuple[int, ...]) -> list[list[int]]:
    """A count of `amount` in as few pieces as the denominations allow."""
    counts = []
    for denomination in denominations:
        pieces, amount = divmod(amount, denomination)
        if pieces:
            counts.append([denomination, pieces])
    return counts


def _open_drawer(
    bus: SignedIn,
    queries: LedgerQueries,
    drawers: DrawerQueries,
    teller: str,
    new_uuid: Callable[[], str],
    report: DemoReport,
) -> str:
    """The teller's open session: the one left open, or a new one counted in full."""
    current = drawers.current_session(teller)
    if current is not None and current.state == OPEN:
        report.drawer.append(
            QCoreApplication.translate(
                "Cli", "continuing the session of {teller} left open"
            ).format(teller=teller)
        )
        return ""
    if current is None:
        session_id = new_uuid()
        _dispatch(
            bus,
            StartDrawerSession(session_id=session_id, currency=CURRENCY, actor=teller),
            report,
            "start",
        )
    else:
        session_id = current.session_id
    expected = drawer_cash(queries, teller)
    _count_cash(
        bus, drawers, CountOpeningCash, session_id, expected, teller, report, "opening count"
    )
    report.drawer.append(
        QCoreApplication.translate("Cli", "{drawer} opened with {amount}").format(
            drawer=drawer_account_id(teller), amount=money(expected)
        )
    )
    return str(session_id)


def _close_drawer(
    bus: SignedIn,
    queries: LedgerQueries,
    drawers: DrawerQueries,
    teller: str,
    session_id: str,
    new_uuid: Callable[[], str],
    sup_password: str | None,
    supervisor: str,
    report: DemoReport,
    short: int = 150,
) -> None:
    cash = drawer_cash(queries, teller)
    if sup_password and cash >= 20_000:
        # The evening's cash to the vault, signed off by the supervisor at the desk.
        _dispatch(
            bus,
            MoveCash(
                session_id=session_id,
                payment_id=new_uuid(),
                direction=DRAWER_TO_VAULT,
                amount=cash // 2 // 100 * 100,
                approval=Approval(supervisor, sup_password),
                actor=teller,
            ),
            report,
            "vault move",
        )
        cash = drawer_cash(queries, teller)
    # A coin short: within the tolerance, posted to over/short without an override.
    counted = max(cash - short, 0)
    _count_cash(
        bus, drawers, CountClosingCash, session_id, counted, teller, report, "closing count"
    )
    _dispatch(bus, CloseDrawer(session_id=session_id, actor=teller), report, "close")
    report.drawer.append(
        QCoreApplication.translate(
            "Cli", "{drawer} closed: counted {counted}, expected {expected}"
        ).format(drawer=drawer_account_id(teller), counted=money(counted), expected=money(cash))
    )
