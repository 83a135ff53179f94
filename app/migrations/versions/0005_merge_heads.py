"""Join the two lines of history (operators, payment lifecycle) into one head.

Revision ID: 0005
Revises: 0003, 0004
"""

from __future__ import annotations

revision = "0005"
down_revision = ("0003", "0004")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: this revision only merges the two heads."""


def downgrade() -> None:
    """Nothing to change: this revision only merges the two heads."""
