"""relay_cursor: how far each event relay has had its events confirmed by the broker

Revision ID: 0006_relay_cursor
Revises: 0006_login_sessions
Create Date: 2026-11-30 14:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_relay_cursor"
down_revision = "0006_login_sessions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Not rebuilt from events: it records what left the bank, not what happened in it.
    op.create_table(
        "relay_cursor",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_relay_cursor")),
    )


def downgrade() -> None:
    op.drop_table("relay_cursor")
