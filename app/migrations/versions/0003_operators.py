"""operators, credentials, cash drawer sessions; audit indexes on events

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-27 17:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "operators",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_operators")),
        sqlite_with_rowid=False,
    )
    # Not rebuilt from events, on purpose: see domain/operators/handlers.py.
    op.create_table(
        "operator_credentials",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_operator_credentials")),
    )
    op.create_table(
        "drawer_sessions",
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("teller", sa.String(length=32), nullable=False),
        sa.Column("drawer_account", sa.String(length=34), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_seq", sa.BigInteger(), nullable=False),
        sa.Column("opening_counts", sa.Text(), nullable=True),
        sa.Column("opening_expected", sa.BigInteger(), nullable=True),
        sa.Column("opening_counted", sa.BigInteger(), nullable=True),
        sa.Column("opening_approved_by", sa.String(length=32), nullable=True),
        sa.Column("closing_counts", sa.Text(), nullable=True),
        sa.Column("closing_expected", sa.BigInteger(), nullable=True),
        sa.Column("closing_counted", sa.BigInteger(), nullable=True),
        sa.Column("counted_by", sa.String(length=32), nullable=True),
        sa.Column("closed_by", sa.String(length=32), nullable=True),
        sa.Column("closing_approved_by", sa.String(length=32), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_seq", sa.BigInteger(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_drawer_sessions")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_events_operator_seq", "events", ["operator", "seq"])
    op.create_index("ix_events_event_type_seq", "events", ["event_type", "seq"])


def downgrade() -> None:
    op.drop_index("ix_events_event_type_seq", table_name="events")
    op.drop_index("ix_events_operator_seq", table_name="events")
    op.drop_table("drawer_sessions")
    op.drop_table("operator_credentials")
    op.drop_table("operators")
