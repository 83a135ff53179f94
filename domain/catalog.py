"""Imports every module that defines stored events and their projections.

Reading the event log (replay, audit screens) needs every event type registered;
importing this module guarantees it. A new feature module adds one line here.
"""

import domain.drawers
import domain.lifecycle_projections
import domain.operators
import domain.projections  # noqa: F401  accounts and payments
