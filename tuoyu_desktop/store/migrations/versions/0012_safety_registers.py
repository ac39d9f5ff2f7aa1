"""消毒记录, 伤害登记, 消防 (巡查, 检查, 演练) and 隐患 (SPEC §12)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('fire_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('check_type', sa.String(), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=False),
    sa.Column('done_by', sa.String(), nullable=False),
    sa.Column('places', sa.String(), nullable=False),
    sa.Column('findings', sa.String(), nullable=False),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('participants', sa.Integer(), nullable=True),
    sa.Column('minutes', sa.Integer(), nullable=True),
    sa.Column('review', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('fire_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fire_checks_done_at'), ['done_at'], unique=False)

    op.create_table('hazards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('found_on', sa.Date(), nullable=False),
    sa.Column('source', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('fixed_on', sa.Date(), nullable=True),
    sa.Column('fixed_by', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('hazards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hazards_found_on'), ['found_on'], unique=False)

    op.create_table('disinfections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('surfaces', sa.String(), nullable=False),
    sa.Column('agent', sa.String(), nullable=False),
    sa.Column('done_by', sa.String(), nullable=False),
    sa.Column('inspector', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('class_id', 'day', name='uq_disinfections_class_day')
    )
    with op.batch_alter_table('disinfections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_disinfections_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_disinfections_day'), ['day'], unique=False)

    op.create_table('injuries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('happened_at', sa.DateTime(), nullable=False),
    sa.Column('place', sa.String(), nullable=False),
    sa.Column('what', sa.String(), nullable=False),
    sa.Column('injury_type', sa.String(), nullable=False),
    sa.Column('body_part', sa.String(), nullable=False),
    sa.Column('severity', sa.String(), nullable=False),
    sa.Column('treatment', sa.String(), nullable=False),
    sa.Column('hospital', sa.String(), nullable=False),
    sa.Column('parent_told_at', sa.DateTime(), nullable=True),
    sa.Column('recorded_by', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['children.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('injuries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_injuries_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_injuries_happened_at'), ['happened_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('injuries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_injuries_happened_at'))
        batch_op.drop_index(batch_op.f('ix_injuries_child_id'))

    op.drop_table('injuries')
    with op.batch_alter_table('disinfections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_disinfections_day'))
        batch_op.drop_index(batch_op.f('ix_disinfections_class_id'))

    op.drop_table('disinfections')
    with op.batch_alter_table('hazards', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hazards_found_on'))

    op.drop_table('hazards')
    with op.batch_alter_table('fire_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fire_checks_done_at'))

    op.drop_table('fire_checks')
