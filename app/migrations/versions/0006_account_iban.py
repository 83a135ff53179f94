"""account IBAN; postings indexed by business date for the reports

Revision ID: 0006_account_iban
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_account_iban"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        # Optional: '' for an account without one (the bank's own accounts, old accounts).
        batch_op.add_column(
            sa.Column("iban", sa.String(length=34), nullable=False, server_default="")
        )
    # Reports find a day's payments by the business date they were booked on, which is
    # their postings' (domain.reporting.reports); without this index every report scans the ledger.
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_postings_business_date_seq", ["business_date", "seq"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.drop_index("ix_postings_business_date_seq")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_column("iban")
