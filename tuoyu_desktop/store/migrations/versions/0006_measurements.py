"""growth and health checks (SPEC §9): measurements

Revision ID: 0006
Revises: 0004 (re-chained after 0005 when the daily register merges)
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('measurements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('measured_on', sa.Date(), nullable=False),
    sa.Column('length_cm', sa.Float(), nullable=False),
    sa.Column('position', sa.String(), nullable=False),
    sa.Column('weight_kg', sa.Float(), nullable=False),
    sa.Column('head_cm', sa.Float(), nullable=True),
    sa.Column('hb_g_l', sa.Float(), nullable=True),
    sa.Column('hearing', sa.String(), nullable=False),
    sa.Column('institution', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['children.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('child_id', 'measured_on', name='uq_measurement_child_day')
    )
    with op.batch_alter_table('measurements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measurements_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measurements_measured_on'), ['measured_on'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('measurements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measurements_measured_on'))
        batch_op.drop_index(batch_op.f('ix_measurements_child_id'))
    op.drop_table('measurements')
