"""Rules of a payment order that need no database: its amount, its request hash."""

from __future__ import annotations

from sqlalchemy import bindparam, select

from bus import Rejection
from domain.kernel.money import CURRENCY_EXPONENTS, AmountRefusal, format_minor, max_minor_units
from domain.payments.commands import SubmitPayment
from domain.payments.posting import request_hash_of
from domain.payments.tables import payments


def request_hash(command: SubmitPayment) -> str:
    return request_hash_of(
        command.kind,
        command.debit_account,
        command.credit_account,
        command.amount,
        command.currency,
        command.reference,
        (command.beneficiary_bank, command.beneficiary_account, command.beneficiary_name),
    )


def check_amount(command: SubmitPayment) -> None:
    if command.currency not in CURRENCY_EXPONENTS:
        raise Rejection(
            AmountRefusal.UNKNOWN_CURRENCY, f"Unknown currency {command.currency!r}", "amount"
        )
    if command.amount <= 0:
        code = AmountRefusal.ZERO if command.amount == 0 else AmountRefusal.NEGATIVE
        raise Rejection(code, "The amount must be more than zero", "amount")
    limit = max_minor_units(command.currency)
    if command.amount > limit:
        raise Rejection(
            AmountRefusal.TOO_LARGE,
            f"Amounts above {format_minor(limit, command.currency)} {command.currency} are refused",
            "amount",
        )


EARLIER_SUBMISSION = select(payments.c.request_hash, payments.c.status).where(
    payments.c.payment_id == bindparam("payment_id")
)
