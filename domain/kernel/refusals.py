"""Reason codes a desk acts on, not only shows.

Every refusal carries a stable code (bus.Rejection.code) that the desk translates
(ui.messages). A few also change what the screen does next: it asks for a supervisor's
sign-off, lets the teller confirm a possible duplicate, or offers a fresh form. Those are
spelt here, once, for the handlers that raise them and the screens that react to them.
Every other code is a member of the enum of the context that refuses (for example
domain.ledger.refusals.LedgerRefusal); the kernel's place lets any context raise these.
"""

from __future__ import annotations

from enum import StrEnum


class Refusal(StrEnum):
    # Above the maker's limit at a desk that can take a supervisor's sign-off at once.
    OVERRIDE_REQUIRED = "override_required"
    # The same accounts and amount were keyed moments ago: Enter again posts it anyway.
    POSSIBLE_DUPLICATE = "possible_duplicate"
    # The form's payment id already stands for a different payment.
    PAYMENT_ID_REUSED = "payment_id_reused"
