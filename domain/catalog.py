"""Imports every module that defines stored events and their projections.

Reading the event log (replay, audit screens) needs every event type registered;
importing this module guarantees it. A new feature module adds one line here.
"""

from domain.business_day import projections as business_day_projections  # noqa: F401
from domain.drawers import projections as drawers_projections  # noqa: F401
from domain.eventstore import checkpoints as eventstore_checkpoints  # noqa: F401
from domain.eventstore import projections as eventstore_projections  # noqa: F401
from domain.ledger import projections as ledger_projections  # noqa: F401
from domain.operators import projections as operators_projections  # noqa: F401
from domain.payments import projections as payments_projections  # noqa: F401
