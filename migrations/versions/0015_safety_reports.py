"""the yearly patient-safety report (PSB): report, sections, figures

Revision ID: 0015_safety_reports
Revises: 0014_oidc_login
Create Date: 2026-12-02 17:00:00

New tables only; nothing existing changes. It also joins the measures (0010) and the
self-assessment (0013) revisions into one head.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_safety_reports'
down_revision = '0014_oidc_login'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('safety_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('template_key', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('decided_by', sa.String(length=200), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('document', sa.JSON(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_safety_report_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safety_report')),
    sa.UniqueConstraint('organisation_id', 'year', name=op.f('uq_safety_report_organisation_id'))
    )
    with op.batch_alter_table('safety_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_safety_report_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('report_section',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('section_key', sa.String(length=60), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('generated', sa.JSON(), nullable=True),
    sa.Column('generated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('show_generated', sa.Boolean(), server_default='1', nullable=False),
    sa.Column('edited_by', sa.String(length=200), nullable=False),
    sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['safety_report.id'], name=op.f('fk_report_section_report_id_safety_report'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_section')),
    sa.UniqueConstraint('report_id', 'section_key', name=op.f('uq_report_section_report_id'))
    )
    with op.batch_alter_table('report_section', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_section_report_id'), ['report_id'], unique=False)

    op.create_table('report_figures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('deviations', sa.Integer(), nullable=True),
    sa.Column('deviations_comment', sa.Text(), nullable=False),
    sa.Column('lex_maria', sa.Integer(), nullable=True),
    sa.Column('lex_maria_comment', sa.Text(), nullable=False),
    sa.Column('complaints', sa.Integer(), nullable=True),
    sa.Column('complaints_comment', sa.Text(), nullable=False),
    sa.Column('risk_analyses', sa.Integer(), nullable=True),
    sa.Column('risk_analyses_comment', sa.Text(), nullable=False),
    sa.Column('event_analyses', sa.Integer(), nullable=True),
    sa.Column('event_analyses_comment', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['safety_report.id'], name=op.f('fk_report_figures_report_id_safety_report'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_figures')),
    sa.UniqueConstraint('report_id', name=op.f('uq_report_figures_report_id'))
    )


def downgrade():
    op.drop_table('report_figures')
    with op.batch_alter_table('report_section', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_section_report_id'))
    op.drop_table('report_section')
    with op.batch_alter_table('safety_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_safety_report_organisation_id'))
    op.drop_table('safety_report')
