"""self-assessments against Socialstyrelsen's survey: answers per organisation and year, and
the activities their gaps became

Revision ID: 0013_assessments
Revises: 0012_reminders
Create Date: 2026-12-02 17:00:00

New tables only; nothing existing changes.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_assessments'
down_revision = '0012_reminders'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'assessment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('decided_by_name', sa.String(length=200), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_assessment_decided_by_id_user_account'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_assessment_organisation_id_organisation'), ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment')),
        sa.UniqueConstraint('organisation_id', 'year', name=op.f('uq_assessment_organisation_id')),
    )
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_decided_by_id'), ['decided_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessment_organisation_id'), ['organisation_id'], unique=False)

    op.create_table(
        'assessment_answer',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('assessment_id', sa.Integer(), nullable=False),
        sa.Column('question_code', sa.String(length=40), nullable=False),
        sa.Column('value', sa.String(length=12), nullable=True),
        sa.Column('comment', sa.Text(), nullable=False),
        sa.Column('link', sa.String(length=500), nullable=False),
        sa.Column('answered_by_name', sa.String(length=200), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_assessment_answer_assessment_id_assessment'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_answer')),
        sa.UniqueConstraint('assessment_id', 'question_code', name=op.f('uq_assessment_answer_assessment_id')),
    )
    with op.batch_alter_table('assessment_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_answer_assessment_id'), ['assessment_id'], unique=False)

    op.create_table(
        'assessment_gap_activity',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('assessment_id', sa.Integer(), nullable=False),
        sa.Column('activity_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=12), nullable=False),
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_assessment_gap_activity_activity_id_activity'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_assessment_gap_activity_assessment_id_assessment'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_gap_activity')),
        sa.UniqueConstraint('activity_id', name=op.f('uq_assessment_gap_activity_activity_id')),
    )
    with op.batch_alter_table('assessment_gap_activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_gap_activity_assessment_id'), ['assessment_id'], unique=False)


def downgrade():
    with op.batch_alter_table('assessment_gap_activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_gap_activity_assessment_id'))
    op.drop_table('assessment_gap_activity')
    with op.batch_alter_table('assessment_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_answer_assessment_id'))
    op.drop_table('assessment_answer')
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_assessment_decided_by_id'))
    op.drop_table('assessment')
