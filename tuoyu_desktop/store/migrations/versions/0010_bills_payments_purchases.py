"""收费单, 收款, 食品采购 (SPEC §11, §12)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('food_purchases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bought_on', sa.Date(), nullable=False),
    sa.Column('supplier', sa.String(), nullable=False),
    sa.Column('items', sa.String(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('invoice_no', sa.String(), nullable=False),
    sa.Column('supplier_licence', sa.String(), nullable=False),
    sa.Column('checked_by', sa.String(), nullable=False),
    sa.CheckConstraint('amount_fen > 0', name='ck_food_purchases_amount'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('food_purchases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_purchases_bought_on'), ['bought_on'], unique=False)

    op.create_table('bill_adjustments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('month', sa.String(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['children.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('bill_adjustments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bill_adjustments_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bill_adjustments_month'), ['month'], unique=False)

    op.create_table('bills',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(), nullable=False),
    sa.Column('month', sa.String(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=True),
    sa.Column('child_name', sa.String(), nullable=False),
    sa.Column('child_id_number', sa.String(), nullable=False),
    sa.Column('class_name', sa.String(), nullable=False),
    sa.Column('confirmed_on', sa.Date(), nullable=False),
    sa.Column('total_fen', sa.Integer(), nullable=False),
    sa.Column('previous_fen', sa.Integer(), nullable=False),
    sa.Column('food_unit_fen', sa.Integer(), nullable=True),
    sa.Column('food_days', sa.String(), nullable=False),
    sa.Column('voided_on', sa.Date(), nullable=True),
    sa.Column('void_reason', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['children.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    with op.batch_alter_table('bills', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bills_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bills_month'), ['month'], unique=False)

    op.create_table('payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('receipt_no', sa.String(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=True),
    sa.Column('child_name', sa.String(), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(), nullable=False),
    sa.Column('payer', sa.String(), nullable=False),
    sa.Column('received_by', sa.String(), nullable=False),
    sa.Column('notes', sa.String(), nullable=False),
    sa.Column('bill_number', sa.String(), nullable=False),
    sa.Column('voided_on', sa.Date(), nullable=True),
    sa.Column('void_reason', sa.String(), nullable=False),
    sa.CheckConstraint('amount_fen <> 0', name='ck_payments_amount'),
    sa.ForeignKeyConstraint(['child_id'], ['children.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('receipt_no')
    )
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payments_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_payments_paid_on'), ['paid_on'], unique=False)

    op.create_table('bill_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bill_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('note', sa.String(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_fen', sa.Integer(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['bill_id'], ['bills.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('bill_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bill_lines_bill_id'), ['bill_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('bill_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bill_lines_bill_id'))

    op.drop_table('bill_lines')
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payments_paid_on'))
        batch_op.drop_index(batch_op.f('ix_payments_child_id'))

    op.drop_table('payments')
    with op.batch_alter_table('bills', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bills_month'))
        batch_op.drop_index(batch_op.f('ix_bills_child_id'))

    op.drop_table('bills')
    with op.batch_alter_table('bill_adjustments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bill_adjustments_month'))
        batch_op.drop_index(batch_op.f('ix_bill_adjustments_child_id'))

    op.drop_table('bill_adjustments')
    with op.batch_alter_table('food_purchases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_purchases_bought_on'))

    op.drop_table('food_purchases')
