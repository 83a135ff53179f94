"""Risk control: rules that allow, hold for a supervisor, or reject a payment.

The rules are configured by a TOML file (domain/payments/risk/risk_defaults.toml documents every key
and its default). They run in the payment handler, inside its transaction and before
anything is recorded, and answer with reasons a teller understands; the handler stores
them in PaymentRiskChecked.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, TypedDict

from sqlalchemy import Connection, bindparam, func, or_, select

from bus import Rejection
from domain.eventstore.driver import DriverQuery
from domain.kernel.money import format_money, minor_per_major
from domain.kernel.refusals import Refusal
from domain.operators.roles import ADMIN, SUPERVISOR, TELLER, Role
from domain.payments import states
from domain.payments.kinds import CASH_DEPOSIT, CASH_WITHDRAWAL, PaymentKind
from domain.payments.risk.screening import BlockList
from domain.payments.risk.tables import risk_totals
from domain.payments.tables import payments

DEFAULTS_FILE = Path(__file__).with_name("risk_defaults.toml")


class RiskOutcome(StrEnum):
    """What a rule decides, and the strictest of them what the payment gets."""

    ALLOW = "allow"
    HOLD = "hold"
    REJECT = "reject"


ALLOW, HOLD, REJECT = RiskOutcome.ALLOW, RiskOutcome.HOLD, RiskOutcome.REJECT
_SEVERITY = {ALLOW: 0, HOLD: 1, REJECT: 2}


class RiskDecision(TypedDict):
    """One rule's decision, as PaymentRiskChecked.decisions stores it."""

    rule: str
    decision: RiskOutcome
    reason: str


LARGE_CASH = "large_cash"
CASH_KINDS = frozenset({CASH_DEPOSIT, CASH_WITHDRAWAL})
# Running totals for the daily limits (domain.payments.risk.tables.RiskTotal), kept by
# domain.payments.projections.
ACCOUNT_SCOPE, TELLER_SCOPE = "account", "teller"
# A possible duplicate is one that may still move money.
_LIVE = (
    states.CREATED,
    states.RISK_CHECKED,
    states.HELD,
    states.POSTED,
    states.RESERVED,
    states.SETTLED,
)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


@dataclass(frozen=True)
class RiskPolicy:
    single_limit: dict[str, int]  # role -> major units
    reject_above: int
    daily_account: int
    daily_teller: int
    velocity_max: int
    velocity_window: timedelta
    large_cash: int
    duplicate_window: timedelta
    block_list: BlockList
    hold_score: float
    reject_score: float
    reservation_timeout: timedelta
    clearing_prefix: str
    source: str = field(default=str(DEFAULTS_FILE))

    @classmethod
    def load(cls, path: Path | None = None) -> RiskPolicy:
        """The defaults, overridden key by key by the file at `path` when given."""
        with DEFAULTS_FILE.open("rb") as fh:
            data = tomllib.load(fh)
        base_dir = DEFAULTS_FILE.parent
        block_from = base_dir / data["screening"]["block_list"]
        if path is not None:
            with path.open("rb") as fh:
                own = tomllib.load(fh)
            data = _merge(data, own)
            if "block_list" in own.get("screening", {}):
                block_from = path.parent / own["screening"]["block_list"]
        return cls.from_dict(
            data, BlockList.from_file(block_from), source=str(path or DEFAULTS_FILE)
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any], block_list: BlockList, source: str = "") -> RiskPolicy:
        return cls(
            single_limit={role: int(v) for role, v in data["single_payment_limit"].items()},
            reject_above=int(data["hard_limit"]["reject_above"]),
            daily_account=int(data["daily_limit"]["account"]),
            daily_teller=int(data["daily_limit"]["teller"]),
            velocity_max=int(data["velocity"]["max_payments"]),
            velocity_window=timedelta(minutes=data["velocity"]["window_minutes"]),
            large_cash=int(data["large_cash"]["threshold"]),
            duplicate_window=timedelta(minutes=data["duplicate"]["window_minutes"]),
            block_list=block_list,
            hold_score=float(data["screening"]["hold_score"]),
            reject_score=float(data["screening"]["reject_score"]),
            reservation_timeout=timedelta(minutes=data["interbank"]["reservation_timeout_minutes"]),
            clearing_prefix=str(data["interbank"]["clearing_account_prefix"]),
            source=source,
        )

    def limit_for(self, role: str, currency: str) -> int:
        """A role's single-payment limit in minor units of `currency`."""
        major = self.single_limit.get(role, self.single_limit.get(TELLER, 0))
        return major * minor_per_major(currency)

    def minor(self, major: int, currency: str) -> int:
        return major * minor_per_major(currency)

    def clearing_account(self, currency: str) -> str:
        return f"{self.clearing_prefix}{currency}"


@dataclass(frozen=True)
class Candidate:
    """What the rules look at: the payment and the names around it."""

    payment_id: str
    kind: PaymentKind
    debit_account: str
    credit_account: str
    debit_is_customer: bool
    amount: int
    currency: str
    operator: str
    business_date: date
    names: tuple[str, ...]  # holders of customer accounts, and the beneficiary
    confirm_duplicate: bool = False


@dataclass(frozen=True)
class RiskResult:
    outcome: RiskOutcome
    decisions: list[RiskDecision]
    flags: list[str]

    @property
    def reasons(self) -> list[str]:
        return [d["reason"] for d in self.decisions if d["decision"] == self.outcome]


SINGLE_LIMIT = "single_limit"


def _day_total(scope: str, key: str) -> Any:
    return (
        select(risk_totals.c.amount)
        .where(
            risk_totals.c.scope == scope,
            risk_totals.c.key == bindparam(key),
            risk_totals.c.business_date == bindparam("day"),
            risk_totals.c.currency == bindparam("currency"),
        )
        .scalar_subquery()
    )


# Everything the rules read, in one statement: each is an indexed lookup, and on the
# posting path the round trips, not the lookups, are what cost. A submission adds these
# columns to the one statement it reads all else with (domain.payments.handlers).
FACT_COLUMNS = (
    # The teller of a possible duplicate: same accounts and amount, recently, still live.
    select(payments.c.operator)
    .where(
        payments.c.debit_account == bindparam("account"),
        payments.c.credit_account == bindparam("credit"),
        payments.c.amount == bindparam("amount"),
        payments.c.created_at >= bindparam("duplicate_since"),
        # Equalities, not IN: SQLAlchemy re-renders an IN list on every execution.
        or_(*(payments.c.status == status for status in _LIVE)),
    )
    .order_by(payments.c.created_at.desc())
    .limit(1)
    .scalar_subquery()
    .label("duplicate_of"),
    _day_total(ACCOUNT_SCOPE, "account").label("account_total"),
    _day_total(TELLER_SCOPE, "operator").label("teller_total"),
    # Counting stops at max+1 rows: the rule only needs to know "more than max".
    select(func.count())
    .select_from(
        select(payments.c.payment_id)
        .where(
            payments.c.debit_account == bindparam("account"),
            payments.c.created_at >= bindparam("velocity_since"),
        )
        .limit(bindparam("enough"))
        .subquery()
    )
    .scalar_subquery()
    .label("recent"),
)
_FACTS = DriverQuery(select(*FACT_COLUMNS))


def fact_params(
    policy: RiskPolicy,
    *,
    debit_account: str,
    credit_account: str,
    amount: int,
    currency: str,
    operator: str,
    business_date: date,
    now: datetime,
) -> dict[str, Any]:
    """The parameters of FACT_COLUMNS."""
    return {
        "account": debit_account,
        "credit": credit_account,
        "amount": amount,
        "duplicate_since": now - policy.duplicate_window,
        "velocity_since": now - policy.velocity_window,
        "enough": policy.velocity_max + 1,
        "operator": operator,
        "day": business_date,
        "currency": currency,
    }


def _duplicate(policy: RiskPolicy, c: Candidate, keyed_by: str | None) -> None:
    """Raise `possible_duplicate` unless the teller confirmed; nothing is stored."""
    if keyed_by is None or c.confirm_duplicate:
        return
    minutes = int(policy.duplicate_window.total_seconds() // 60)
    raise Rejection(
        Refusal.POSSIBLE_DUPLICATE,
        f"Possible duplicate: the same amount from {c.debit_account} to "
        f"{c.credit_account} was keyed by {keyed_by} in the last {minutes} "
        "minutes. Press Enter again to post it anyway, Esc to drop it.",
        "amount",
    )


def assess(
    conn: Connection,
    policy: RiskPolicy,
    role: Role,
    c: Candidate,
    now: datetime,
    facts: Any = None,
) -> RiskResult:
    """Run every rule; the strictest decision wins. A possible duplicate the teller has
    not confirmed is refused first (a Rejection: nothing is stored). `facts`: the row
    of FACT_COLUMNS for `c` at `now`, when the caller read it already."""
    if facts is None:
        (facts,) = _FACTS(
            conn,
            fact_params(
                policy,
                debit_account=c.debit_account,
                credit_account=c.credit_account,
                amount=c.amount,
                currency=c.currency,
                operator=c.operator,
                business_date=c.business_date,
                now=now,
            ),
        )
    _duplicate(policy, c, facts.duplicate_of)
    decisions: list[RiskDecision] = []
    flags: list[str] = []

    def decide(rule: str, decision: RiskOutcome, reason: str) -> None:
        decisions.append({"rule": rule, "decision": decision, "reason": reason})

    cur = c.currency
    if c.amount > policy.minor(policy.reject_above, cur):
        decide(
            "hard_limit",
            REJECT,
            f"{format_money(c.amount, cur)} is above the bank's absolute limit of "
            f"{format_money(policy.minor(policy.reject_above, cur), cur)} for one payment",
        )
    own_limit = policy.limit_for(role, cur)
    if c.amount > own_limit:
        decide(
            SINGLE_LIMIT,
            HOLD,
            f"{format_money(c.amount, cur)} is above the {role}'s limit of "
            f"{format_money(own_limit, cur)} for one payment",
        )
    if c.debit_is_customer:
        day_total = facts.account_total or 0
        limit = policy.minor(policy.daily_account, cur)
        if day_total + c.amount > limit:
            decide(
                "daily_account_limit",
                HOLD,
                f"Account {c.debit_account} would send "
                f"{format_money(day_total + c.amount, cur)} today, "
                f"above its daily limit of {format_money(limit, cur)}",
            )
        recent = facts.recent
        if recent + 1 > policy.velocity_max:
            minutes = int(policy.velocity_window.total_seconds() // 60)
            decide(
                "velocity",
                HOLD,
                f"Account {c.debit_account} has made {recent + 1} payments in "
                f"{minutes} minutes; more than {policy.velocity_max} needs a supervisor",
            )
    teller_total = facts.teller_total or 0
    teller_limit = policy.minor(policy.daily_teller, cur)
    if role == TELLER and teller_total + c.amount > teller_limit:
        decide(
            "daily_teller_limit",
            HOLD,
            f"Teller {c.operator} would have keyed {format_money(teller_total + c.amount, cur)} "
            f"today, above the daily limit of {format_money(teller_limit, cur)}",
        )
    if c.kind in CASH_KINDS and c.amount >= policy.minor(policy.large_cash, cur):
        flags.append(LARGE_CASH)
        decide(
            "large_cash",
            ALLOW,
            f"Cash of {format_money(c.amount, cur)} or more is reported to the regulator",
        )
    for name in c.names:
        hit = policy.block_list.best_match(name, policy.hold_score)
        if hit is None:
            continue
        decision = REJECT if hit.score >= policy.reject_score else HOLD
        decide(
            "screening",
            decision,
            f"The name {name!r} matches {hit.listed!r} on the block list ({hit.score:.0f}% alike)",
        )
    return RiskResult(outcome=_strictest(decisions), decisions=decisions, flags=flags)


def _strictest(decisions: list[RiskDecision]) -> RiskOutcome:
    return max((d["decision"] for d in decisions), key=_SEVERITY.__getitem__, default=ALLOW)


def override_single_limit(risk: RiskResult, approver: str) -> RiskResult:
    """The same assessment after a supervisor approved the amount at the maker's desk."""
    decisions: list[RiskDecision] = [
        {
            "rule": d["rule"],
            "decision": ALLOW,
            "reason": f"{d['reason']}; approved at the desk by {approver}",
        }
        if d["rule"] == SINGLE_LIMIT
        else d
        for d in risk.decisions
    ]
    return RiskResult(outcome=_strictest(decisions), decisions=decisions, flags=risk.flags)


def approver_may(policy: RiskPolicy, role: Role, amount: int, currency: str) -> bool:
    """A supervisor approves up to their own limit; an admin up to theirs."""
    return role in (SUPERVISOR, ADMIN) and amount <= policy.limit_for(role, currency)
