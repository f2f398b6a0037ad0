"""rendered reports kept until their data changes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 08:36:10.123871

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
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



def downgrade():
    with op.batch_alter_table('rendered_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rendered_report_plan_id'))

    op.drop_table('rendered_report')
