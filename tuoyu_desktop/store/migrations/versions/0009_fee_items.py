"""收费项目: the fee schedule (SPEC §11)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('fee_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('care_type', sa.String(), nullable=False),
    sa.Column('applies_to', sa.String(), nullable=False),
    sa.Column('basis', sa.String(), nullable=False),
    sa.Column('price_fen', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.CheckConstraint('price_fen >= 0', name='ck_fee_items_price'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('fee_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fee_items_starts_on'), ['starts_on'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('fee_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fee_items_starts_on'))
    op.drop_table('fee_items')
