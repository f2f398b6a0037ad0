"""a wheel event may cover several days (a period drawn as an arc, DTEND in the feed)

Revision ID: 0009_wheel_event_span
Revises: 0008_only_once
Create Date: 2026-12-02 14:40:00

Existing events keep one day (server default 1), so nothing about them changes.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_wheel_event_span'
down_revision = '0008_only_once'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('wheel_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('span_days', sa.Integer(), server_default='1', nullable=False))


def downgrade():
    with op.batch_alter_table('wheel_event', schema=None) as batch_op:
        batch_op.drop_column('span_days')
