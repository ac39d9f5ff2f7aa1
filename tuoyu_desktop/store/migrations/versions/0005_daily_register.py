"""the daily register: open-day overrides, attendance, 晨午检, 传染病 cases, staff leave

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('open_day_overrides',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('is_open', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('day')
    )
    op.create_table('attendance_marks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('mark', sa.String(), nullable=False),
    sa.Column('symptom', sa.String(), nullable=False),
    sa.Column('arrived_at', sa.String(), nullable=False),
    sa.Column('left_at', sa.String(), nullable=False),
    sa.Column('picked_up_by', sa.String(), nullable=False),
    sa.Column('followed_up_on', sa.Date(), nullable=True),
    sa.Column('follow_up', sa.String(), nullable=False),
    sa.Column('diagnosis', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['children.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('child_id', 'day', name='uq_attendance_child_day')
    )
    with op.batch_alter_table('attendance_marks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_marks_day'), ['day'], unique=False)

    op.create_table('disease_cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('disease', sa.String(), nullable=False),
    sa.Column('onset_on', sa.Date(), nullable=False),
    sa.Column('diagnosed_on', sa.Date(), nullable=True),
    sa.Column('institution', sa.String(), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=True),
    sa.Column('returned_on', sa.Date(), nullable=True),
    sa.Column('return_certificate', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['children.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('disease_cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_disease_cases_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_disease_cases_onset_on'), ['onset_on'], unique=False)

    op.create_table('health_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('round', sa.String(), nullable=False),
    sa.Column('temperature', sa.Float(), nullable=True),
    sa.Column('result', sa.String(), nullable=False),
    sa.Column('findings', sa.String(), nullable=False),
    sa.Column('action', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['children.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('child_id', 'day', 'round', name='uq_health_checks_child_day_round')
    )
    with op.batch_alter_table('health_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_health_checks_day'), ['day'], unique=False)

    op.create_table('staff_leave',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('staff_leave', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_leave_staff_id'), ['staff_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_leave_start_on'), ['start_on'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('staff_leave', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_leave_start_on'))
        batch_op.drop_index(batch_op.f('ix_staff_leave_staff_id'))

    op.drop_table('staff_leave')
    with op.batch_alter_table('health_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_health_checks_day'))

    op.drop_table('health_checks')
    with op.batch_alter_table('disease_cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_disease_cases_onset_on'))
        batch_op.drop_index(batch_op.f('ix_disease_cases_child_id'))

    op.drop_table('disease_cases')
    with op.batch_alter_table('attendance_marks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_marks_day'))

    op.drop_table('attendance_marks')
    op.drop_table('open_day_overrides')
