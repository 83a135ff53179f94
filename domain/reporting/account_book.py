"""What the account screens and the export dialog read, in one object the composition
root builds from the engine and hands to the UI (which never sees the engine)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine

from domain.ledger.accounts import CUSTOMER
from domain.ledger.lookup import AccountDirectory, Found
from domain.ledger.queries import AccountView, LedgerQueries
from domain.reporting.exports import ExportRequest, ExportSummary, Progress, run_export
from domain.reporting.history import (
    Cursor,
    HistoryFilter,
    HistoryQuery,
    HistoryRow,
    PaymentDetail,
    PaymentDetailQuery,
)


class AccountBook:
    def __init__(self, engine: Engine, bank_name: str | None = None) -> None:
        self._engine = engine
        self._ledger = LedgerQueries(engine)
        self.directory = AccountDirectory(engine)
        self._history = HistoryQuery(engine)
        self._details = PaymentDetailQuery(engine)
        self.bank_name = bank_name

    def find(self, text: str, limit: int = 20) -> list[Found]:
        return self.directory.search(text, limit)

    def customer_accounts(self, text: str, limit: int = 12) -> list[AccountView]:
        """Customers' accounts for what was typed in a payment's account field: by number,
        by name (accents ignored), or by a name spelt a little wrong."""
        # The directory also holds the bank's own accounts; ask for a few more to fill up.
        return [
            found.account
            for found in self.directory.search(text, limit * 2)
            if found.account.kind == CUSTOMER
        ][:limit]

    def account(self, account_id: str) -> AccountView | None:
        return self._ledger.account(account_id)

    def history_page(
        self, account_id: str, filters: HistoryFilter, after: Cursor | None = None, limit: int = 200
    ) -> list[HistoryRow]:
        return self._history.page(account_id, filters, after, limit)

    def payment(self, payment_id: str) -> PaymentDetail | None:
        return self._details.detail(payment_id)

    def export(
        self,
        request: ExportRequest,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ExportSummary:
        return run_export(self._engine, request, progress, cancelled)
