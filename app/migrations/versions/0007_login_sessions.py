"""login sessions: every command names one; the key of unknown login names' hashes

Revision ID: 0006_login_sessions
Revises: 0006_account_iban
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0006_login_sessions"
down_revision = "0006_account_iban"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "login_sessions",
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("operator", sa.String(length=32), nullable=False),
        sa.Column("desk", sa.String(length=64), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_how", sa.String(length=8), nullable=True),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_login_sessions")),
    )
    # Keys that must stay out of the events (the keyed hash of unknown login names).
    op.create_table(
        "audit_keys",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("secret", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_audit_keys")),
    )
    op.bulk_insert(
        sa.table("audit_keys", sa.column("name"), sa.column("secret")),
        [{"name": "unknown_login_names", "secret": secrets.token_hex(32)}],
    )
    # The logins already stored open their sessions, so that replay --check, which
    # rebuilds this table from the events, agrees with it (logouts close theirs).
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT event_type, occurred_at, payload FROM events "
            "WHERE event_type IN ('LoginSucceeded', 'LoggedOut') "
            "ORDER BY seq"
        )
    ).all()
    for event_type, occurred_at, payload in rows:
        data = json.loads(payload)
        at = (
            occurred_at
            if isinstance(occurred_at, datetime)
            else datetime.fromisoformat(str(occurred_at))
        )
        if event_type == "LoginSucceeded":
            conn.execute(
                table.insert(),
                {
                    "session_id": data["login_id"],
                    "operator": data["name"],
                    "desk": data.get("desk", ""),
                    "opened_at": at,
                    "closed_at": None,
                    "closed_how": None,
                },
            )
        elif event_type == "LoggedOut":
            conn.execute(
                table.update()
                .where(
                    table.c.session_id == data["login_id"],
                    table.c.operator == data["name"],
                    table.c.closed_at.is_(None),
                )
                .values(closed_at=at, closed_how="logout")
            )


def downgrade() -> None:
    op.drop_table("audit_keys")
    op.drop_table("login_sessions")
