"""payment lifecycle: beneficiary, reversal links, risk reasons, business dates,
settlement positions

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-27 17:55:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0001"
branch_labels = None
depends_on = None

_TEXT_COLUMNS = (
    ("beneficiary_bank", sa.String(length=11)),
    ("beneficiary_account", sa.String(length=34)),
    ("beneficiary_name", sa.String(length=140)),
    ("reverses_payment_id", sa.String(length=36)),
    ("reversed_by", sa.String(length=36)),
    ("risk_flags", sa.String(length=200)),
    ("risk_reasons", sa.Text()),
    ("decided_by", sa.String(length=64)),
    ("decision_note", sa.String(length=200)),
)


def upgrade() -> None:
    with op.batch_alter_table("payments", schema=None) as batch_op:
        for name, type_ in _TEXT_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=False, server_default=""))
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            "ix_payments_duplicate",
            ["debit_account", "credit_account", "amount", "created_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_payments_debit_created", ["debit_account", "created_at"], unique=False
        )
        batch_op.create_index("ix_payments_status", ["status"], unique=False)

    op.create_table(
        "business_dates",
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("business_date", name=op.f("pk_business_dates")),
    )
    op.create_table(
        "settlement_positions",
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("bank_code", sa.String(length=11), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("payments", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "business_date", "bank_code", "currency", name=op.f("pk_settlement_positions")
        ),
    )

    op.create_table(
        "risk_totals",
        sa.Column("scope", sa.String(length=8), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "scope", "key", "business_date", "currency", name=op.f("pk_risk_totals")
        ),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("risk_totals")
    op.drop_table("settlement_positions")
    op.drop_table("business_dates")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        for index in ("ix_payments_status", "ix_payments_debit_created", "ix_payments_duplicate"):
            batch_op.drop_index(index)
        batch_op.drop_column("expires_at")
        for name, _ in reversed(_TEXT_COLUMNS):
            batch_op.drop_column(name)
