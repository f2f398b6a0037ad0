"""organisations, plans, areas, goals, activities, progress

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 06:45:08.245571

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('organisation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['organisation.id'], name=op.f('fk_organisation_parent_id_organisation'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation'))
    )
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_parent_id'), ['parent_id'], unique=False)

    op.create_table('plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('period_start', sa.Integer(), nullable=False),
    sa.Column('period_end', sa.Integer(), nullable=False),
    sa.Column('vision', sa.Text(), nullable=False),
    sa.Column('decided_by', sa.String(length=200), nullable=False),
    sa.Column('decision_level', sa.String(length=30), nullable=True),
    sa.Column('decision_date', sa.Date(), nullable=True),
    sa.Column('revised_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_plan_organisation_id_organisation'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan'))
    )
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('plan_area',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=2), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('aim', sa.Text(), nullable=False),
    sa.Column('local_description', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_area_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_area')),
    sa.UniqueConstraint('plan_id', 'code', name=op.f('uq_plan_area_plan_id'))
    )
    with op.batch_alter_table('plan_area', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_area_plan_id'), ['plan_id'], unique=False)

    op.create_table('goal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['plan_area.id'], name=op.f('fk_goal_area_id_plan_area'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_goal_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal'))
    )
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goal_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goal_plan_id'), ['plan_id'], unique=False)

    op.create_table('activity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('responsible_name', sa.String(length=200), nullable=False),
    sa.Column('responsible_role', sa.String(length=200), nullable=False),
    sa.Column('responsible_email', sa.String(length=254), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('follow_up_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('percent', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['plan_area.id'], name=op.f('fk_activity_area_id_plan_area'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_activity_goal_id_goal'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_activity_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity'))
    )
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_goal_id'), ['goal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_plan_id'), ['plan_id'], unique=False)

    op.create_table('activity_organisation',
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_activity_organisation_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_activity_organisation_organisation_id_organisation'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('activity_id', 'organisation_id', name=op.f('pk_activity_organisation'))
    )
    with op.batch_alter_table('activity_organisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_organisation_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('progress_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('percent', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('author_name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_progress_update_activity_id_activity'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_update'))
    )
    with op.batch_alter_table('progress_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_update_activity_id'), ['activity_id'], unique=False)



def downgrade():
    with op.batch_alter_table('progress_update', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_update_activity_id'))

    op.drop_table('progress_update')
    with op.batch_alter_table('activity_organisation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_organisation_organisation_id'))

    op.drop_table('activity_organisation')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_plan_id'))
        batch_op.drop_index(batch_op.f('ix_activity_goal_id'))
        batch_op.drop_index(batch_op.f('ix_activity_due_date'))
        batch_op.drop_index(batch_op.f('ix_activity_area_id'))

    op.drop_table('activity')
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goal_plan_id'))
        batch_op.drop_index(batch_op.f('ix_goal_area_id'))

    op.drop_table('goal')
    with op.batch_alter_table('plan_area', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_area_plan_id'))

    op.drop_table('plan_area')
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_organisation_id'))

    op.drop_table('plan')
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisation_parent_id'))

    op.drop_table('organisation')
