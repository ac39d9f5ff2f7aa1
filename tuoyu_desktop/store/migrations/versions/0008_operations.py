"""named operations with undo: the operations table, and each 操作日志 entry's operation

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('operations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user', sa.String(), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('undo_of', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('operations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_operations_undo_of'), ['undo_of'], unique=False)
    # a plain ADD COLUMN: the entries and their hash chain stay exactly as they are
    op.add_column('audit_log', sa.Column('operation_id', sa.Integer(), nullable=True))
    op.create_index(op.f('ix_audit_log_operation_id'), 'audit_log', ['operation_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_audit_log_operation_id'), table_name='audit_log')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_column('operation_id')
    with op.batch_alter_table('operations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_operations_undo_of'))
    op.drop_table('operations')
