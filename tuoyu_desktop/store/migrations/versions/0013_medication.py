"""带药: 委托 (medication_orders) and 喂药 (medication_doses) (SPEC §12)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('medication_orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('drug', sa.String(), nullable=False),
    sa.Column('dose', sa.String(), nullable=False),
    sa.Column('dose_times', sa.String(), nullable=False),
    sa.Column('usage', sa.String(), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=False),
    sa.Column('entrusted_by', sa.String(), nullable=False),
    sa.Column('parent_signed', sa.Boolean(), nullable=False),
    sa.Column('pack_checked', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['children.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('medication_orders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_medication_orders_child_id'), ['child_id'], unique=False)

    op.create_table('medication_doses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('given_at', sa.DateTime(), nullable=False),
    sa.Column('dose_given', sa.String(), nullable=False),
    sa.Column('result', sa.String(), nullable=False),
    sa.Column('given_by', sa.String(), nullable=False),
    sa.Column('verified_by', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['medication_orders.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('order_id', 'given_at', name='uq_medication_doses')
    )
    with op.batch_alter_table('medication_doses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_medication_doses_given_at'), ['given_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_medication_doses_order_id'), ['order_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('medication_doses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_medication_doses_order_id'))
        batch_op.drop_index(batch_op.f('ix_medication_doses_given_at'))
    op.drop_table('medication_doses')
    with op.batch_alter_table('medication_orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_medication_orders_child_id'))
    op.drop_table('medication_orders')
