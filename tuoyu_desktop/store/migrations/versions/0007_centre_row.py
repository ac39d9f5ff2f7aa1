"""every database has its one centre row (id 1), so what only reads never has to create it

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the values an empty centre had when the program made the row on first use (store.models.Centre)
    op.execute("INSERT OR IGNORE INTO centre (id, name, uscc, filing_no, district, town, nature, centre_type, "
               "is_puhui, grade, policy_profile, head, phone, address, monthly_rent_fen, reporter, reporter_phone) "
               "VALUES (1, '', '', '', '', '', '', '托育机构', 0, '', '通用', '', '', '', NULL, '', '')")


def downgrade() -> None:
    pass  # the row stays: older versions use it as they find it
