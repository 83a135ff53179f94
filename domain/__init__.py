"""The bank: money, accounts, ledger, payments, events, handlers and queries. No Qt here."""
