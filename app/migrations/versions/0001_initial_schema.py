"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27 17:28:34.590274
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("account_id", sa.String(length=34), nullable=False),
        sa.Column("holder_name", sa.String(length=140), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("overdraft_limit", sa.BigInteger(), nullable=False),
        sa.Column("frozen", sa.Boolean(), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_accounts")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.create_index("ix_accounts_holder_name", ["holder_name"], unique=False)

    op.create_table(
        "event_chain_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_chain_head")),
    )
    # The chain starts from a row that every append locks and moves forward.
    op.execute(
        "INSERT INTO event_chain_head (id, last_seq, last_hash) VALUES (1, 0, '" + "0" * 64 + "')"
    )
    op.create_table(
        "events",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("aggregate_type", sa.String(length=32), nullable=False),
        sa.Column("aggregate_id", sa.String(length=64), nullable=False),
        sa.Column("aggregate_version", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("operator", sa.String(length=64), nullable=False),
        sa.Column("correlation_id", sa.String(length=36), nullable=False),
        sa.Column("causation_id", sa.String(length=36), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_events")),
        sa.UniqueConstraint(
            "aggregate_type", "aggregate_id", "aggregate_version", name="uq_events_aggregate"
        ),
        sa.UniqueConstraint("event_id", name=op.f("uq_events_event_id")),
    )
    op.create_table(
        "balances",
        sa.Column("account_id", sa.String(length=34), nullable=False),
        sa.Column("debits_posted", sa.BigInteger(), nullable=False),
        sa.Column("credits_posted", sa.BigInteger(), nullable=False),
        sa.Column("debits_pending", sa.BigInteger(), nullable=False),
        sa.Column("credits_pending", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.account_id"], name=op.f("fk_balances_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_balances")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "payments",
        sa.Column("payment_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("debit_account", sa.String(length=34), nullable=False),
        sa.Column("credit_account", sa.String(length=34), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("reference", sa.String(length=140), nullable=False),
        sa.Column("operator", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["credit_account"],
            ["accounts.account_id"],
            name=op.f("fk_payments_credit_account_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["debit_account"],
            ["accounts.account_id"],
            name=op.f("fk_payments_debit_account_accounts"),
        ),
        sa.PrimaryKeyConstraint("payment_id", name=op.f("pk_payments")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_payments_business_date_seq", ["business_date", "seq"], unique=False
        )

    op.create_table(
        "postings",
        sa.Column("payment_id", sa.String(length=36), nullable=False),
        sa.Column("leg", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.String(length=34), nullable=False),
        sa.Column("direction", sa.String(length=6), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.account_id"], name=op.f("fk_postings_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payments.payment_id"], name=op.f("fk_postings_payment_id_payments")
        ),
        sa.PrimaryKeyConstraint("payment_id", "leg", name=op.f("pk_postings")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.create_index("ix_postings_account_id_seq", ["account_id", "seq"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.drop_index("ix_postings_account_id_seq")

    op.drop_table("postings")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index("ix_payments_business_date_seq")

    op.drop_table("payments")
    op.drop_table("balances")
    op.drop_table("events")
    op.drop_table("event_chain_head")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_index("ix_accounts_holder_name")

    op.drop_table("accounts")
