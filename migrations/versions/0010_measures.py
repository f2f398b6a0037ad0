"""results: measures (mått) per plan and the values recorded per period and organisation

Revision ID: 0010_measures
Revises: 0009_wheel_event_span
Create Date: 2026-12-02 17:00:00

Two new tables, nothing existing changes. A measure may show one of its plan's goals (a goal's
measures are the ones that name it); deleting the goal keeps the measure (SET NULL). One value
per measure, organisation and period: a second entry is a correction of the first.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_measures'
down_revision = '0009_wheel_event_span'
branch_labels = None
depends_on = None

NUMBER = sa.Numeric(precision=14, scale=4)


def upgrade():
    op.create_table(
        'measure',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=300), nullable=False),
        sa.Column('definition', sa.Text(), nullable=False),
        sa.Column('numerator_text', sa.String(length=500), nullable=False),
        sa.Column('denominator_text', sa.String(length=500), nullable=False),
        sa.Column('unit', sa.String(length=20), nullable=False),
        sa.Column('direction', sa.String(length=10), nullable=False),
        sa.Column('target', NUMBER, nullable=True),
        sa.Column('warning', NUMBER, nullable=True),
        sa.Column('baseline_value', NUMBER, nullable=True),
        sa.Column('baseline_date', sa.Date(), nullable=True),
        sa.Column('rhythm', sa.String(length=20), nullable=False),
        sa.Column('source', sa.String(length=200), nullable=False),
        sa.Column('area_code', sa.String(length=2), nullable=False),
        sa.Column('goal_id', sa.Integer(), nullable=True),
        sa.Column('on_wheel', sa.Boolean(), nullable=False),
        sa.Column('catalogue_key', sa.String(length=40), nullable=True),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['goal_id'], ['goal.id'], name=op.f('fk_measure_goal_id_goal'), ondelete='SET NULL'
        ),
        sa.ForeignKeyConstraint(
            ['plan_id'], ['plan.id'], name=op.f('fk_measure_plan_id_plan'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_measure')),
        sa.UniqueConstraint('plan_id', 'catalogue_key', name=op.f('uq_measure_plan_id')),
    )
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measure_goal_id'), ['goal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measure_plan_id'), ['plan_id'], unique=False)

    op.create_table(
        'measure_value',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('measure_id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('period', sa.String(length=10), nullable=False),
        sa.Column('period_start', sa.Date(), nullable=False),
        sa.Column('period_end', sa.Date(), nullable=False),
        sa.Column('value', NUMBER, nullable=False),
        sa.Column('numerator', NUMBER, nullable=True),
        sa.Column('denominator', NUMBER, nullable=True),
        sa.Column('comment', sa.Text(), nullable=False),
        sa.Column('recorded_by', sa.String(length=200), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['measure_id'], ['measure.id'],
            name=op.f('fk_measure_value_measure_id_measure'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['organisation_id'], ['organisation.id'],
            name=op.f('fk_measure_value_organisation_id_organisation'), ondelete='RESTRICT',
        ),
        sa.ForeignKeyConstraint(
            ['recorded_by_id'], ['user_account.id'],
            name=op.f('fk_measure_value_recorded_by_id_user_account'), ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_measure_value')),
        sa.UniqueConstraint(
            'measure_id', 'organisation_id', 'period', name=op.f('uq_measure_value_measure_id')
        ),
    )
    with op.batch_alter_table('measure_value', schema=None) as batch_op:
        batch_op.create_index(
            'ix_measure_value_measure_period', ['measure_id', 'period_start'], unique=False
        )
        batch_op.create_index(
            batch_op.f('ix_measure_value_organisation_id'), ['organisation_id'], unique=False
        )
        batch_op.create_index(
            batch_op.f('ix_measure_value_recorded_by_id'), ['recorded_by_id'], unique=False
        )


def downgrade():
    with op.batch_alter_table('measure_value', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measure_value_recorded_by_id'))
        batch_op.drop_index(batch_op.f('ix_measure_value_organisation_id'))
        batch_op.drop_index('ix_measure_value_measure_period')
    op.drop_table('measure_value')
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measure_plan_id'))
        batch_op.drop_index(batch_op.f('ix_measure_goal_id'))
    op.drop_table('measure')
