"""带量食谱, 食品留样 and the centre's 供餐餐次 (SPEC §12)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('centre', schema=None) as batch_op:
        batch_op.add_column(sa.Column('meals', sa.String(), nullable=False, server_default='早点、午餐、午点'))
    op.create_table('menu_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('meal', sa.String(), nullable=False),
    sa.Column('dish', sa.String(), nullable=False),
    sa.Column('ingredient', sa.String(), nullable=False),
    sa.Column('grams', sa.Float(), nullable=False),
    sa.Column('dish_no', sa.Integer(), nullable=False),
    sa.CheckConstraint('grams > 0', name='ck_menu_items_grams'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('day', 'meal', 'dish', 'ingredient', name='uq_menu_items')
    )
    with op.batch_alter_table('menu_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_menu_items_day'), ['day'], unique=False)
    op.create_table('food_samples',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('meal', sa.String(), nullable=False),
    sa.Column('dish', sa.String(), nullable=False),
    sa.Column('grams', sa.Float(), nullable=False),
    sa.Column('sampled_at', sa.DateTime(), nullable=False),
    sa.Column('sampled_by', sa.String(), nullable=False),
    sa.Column('storage', sa.String(), nullable=False),
    sa.Column('destroyed_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('day', 'meal', 'dish', name='uq_food_samples')
    )
    with op.batch_alter_table('food_samples', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_samples_day'), ['day'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('food_samples', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_samples_day'))
    op.drop_table('food_samples')
    with op.batch_alter_table('menu_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_menu_items_day'))
    op.drop_table('menu_items')
    with op.batch_alter_table('centre', schema=None) as batch_op:
        batch_op.drop_column('meals')
