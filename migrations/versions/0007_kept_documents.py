"""every PDF kept until its data changes, and renders claimed so none runs twice at once

Revision ID: 0007_kept_documents
Revises: 0006_server_sessions
Create Date: 2026-12-02 14:45:00

rendered_report (yearly reports only) becomes kept_document (reports, roll-ups, wheels),
keyed by (kind, subject_id, parameters). The old rows are not moved: it is a cache, and every
kept report is rendered again on its next download. render_claim holds renders in progress.
The downgrade likewise recreates rendered_report empty.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_kept_documents'
down_revision = '0006_server_sessions'
branch_labels = None
depends_on = None

KEY = ('kind', 'subject_id', 'parameters')


def _key_columns():
    return [
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=False),
        sa.Column('parameters', sa.String(length=200), nullable=False),
    ]


def upgrade():
    with op.batch_alter_table('rendered_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rendered_report_plan_id'))
    op.drop_table('rendered_report')

    op.create_table('kept_document',
    *_key_columns(),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=True),
    sa.Column('data_key', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('rendered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_kept_document_organisation_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_kept_document_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kept_document')),
    sa.UniqueConstraint(*KEY, name=op.f('uq_kept_document_kind'))
    )
    with op.batch_alter_table('kept_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kept_document_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kept_document_plan_id'), ['plan_id'], unique=False)

    op.create_table('render_claim',
    *_key_columns(),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_render_claim')),
    sa.UniqueConstraint(*KEY, name=op.f('uq_render_claim_kind'))
    )


def downgrade():
    op.drop_table('render_claim')
    with op.batch_alter_table('kept_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kept_document_plan_id'))
        batch_op.drop_index(batch_op.f('ix_kept_document_organisation_id'))
    op.drop_table('kept_document')

    op.create_table('rendered_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('data_key', sa.String(length=64), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('rendered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_rendered_report_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rendered_report')),
    sa.UniqueConstraint('plan_id', 'year', name=op.f('uq_rendered_report_plan_id'))
    )
    with op.batch_alter_table('rendered_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rendered_report_plan_id'), ['plan_id'], unique=False)
