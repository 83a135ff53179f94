"""Accounts, balances and postings: the account directory, account commands, events,
handlers and rules (the balance checks every posting obeys), ledger queries.
"""
