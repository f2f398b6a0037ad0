"""units' parts of a PSB: requests to units (writer, due date, wheel event) and their parts

Revision ID: 0016_psb_contributions
Revises: 0015_safety_reports
Create Date: 2026-12-02 17:10:00

New tables only; nothing existing changes.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_psb_contributions'
down_revision = '0015_safety_reports'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('psb_part_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('writer_id', sa.Integer(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('wheel_event_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['safety_report.id'], name=op.f('fk_psb_part_request_report_id_safety_report'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_psb_part_request_organisation_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['writer_id'], ['user_account.id'], name=op.f('fk_psb_part_request_writer_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['wheel_event_id'], ['wheel_event.id'], name=op.f('fk_psb_part_request_wheel_event_id_wheel_event'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_psb_part_request')),
    sa.UniqueConstraint('report_id', 'organisation_id', name=op.f('uq_psb_part_request_report_id'))
    )
    with op.batch_alter_table('psb_part_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_psb_part_request_report_id'), ['report_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_psb_part_request_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_psb_part_request_writer_id'), ['writer_id'], unique=False)

    op.create_table('psb_contribution',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('section_key', sa.String(length=60), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('ready', sa.Boolean(), nullable=False),
    sa.Column('ready_by', sa.String(length=200), nullable=False),
    sa.Column('ready_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['psb_part_request.id'], name=op.f('fk_psb_contribution_request_id_psb_part_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_psb_contribution')),
    sa.UniqueConstraint('request_id', 'section_key', name=op.f('uq_psb_contribution_request_id'))
    )
    with op.batch_alter_table('psb_contribution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_psb_contribution_request_id'), ['request_id'], unique=False)


def downgrade():
    with op.batch_alter_table('psb_contribution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_psb_contribution_request_id'))
    op.drop_table('psb_contribution')
    with op.batch_alter_table('psb_part_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_psb_part_request_writer_id'))
        batch_op.drop_index(batch_op.f('ix_psb_part_request_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_psb_part_request_report_id'))
    op.drop_table('psb_part_request')
