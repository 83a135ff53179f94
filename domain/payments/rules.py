"""Rules of a payment order that need no database: its amount, its request hash."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import bindparam, select

from bus import Rejection
from domain.eventstore.events import canonical_json
from domain.kernel.money import CURRENCY_EXPONENTS, format_minor, max_minor_units
from domain.payments.commands import SubmitPayment
from domain.payments.tables import payments


def request_hash(command: SubmitPayment) -> str:
    asked: dict[str, Any] = {
        "kind": command.kind,
        "debit_account": command.debit_account,
        "credit_account": command.credit_account,
        "amount": command.amount,
        "currency": command.currency,
        "reference": command.reference,
    }
    if command.beneficiary_bank or command.beneficiary_account or command.beneficiary_name:
        asked["beneficiary"] = [
            command.beneficiary_bank,
            command.beneficiary_account,
            command.beneficiary_name,
        ]
    return hashlib.sha256(canonical_json(asked).encode("utf-8")).hexdigest()


def check_amount(command: SubmitPayment) -> None:
    if command.currency not in CURRENCY_EXPONENTS:
        raise Rejection("unknown_currency", f"Unknown currency {command.currency!r}", "amount")
    if command.amount <= 0:
        code = "amount_zero" if command.amount == 0 else "amount_negative"
        raise Rejection(code, "The amount must be more than zero", "amount")
    limit = max_minor_units(command.currency)
    if command.amount > limit:
        raise Rejection(
            "amount_too_large",
            f"Amounts above {format_minor(limit, command.currency)} {command.currency} are refused",
            "amount",
        )


EARLIER_SUBMISSION = select(payments.c.request_hash, payments.c.status).where(
    payments.c.payment_id == bindparam("payment_id")
)
