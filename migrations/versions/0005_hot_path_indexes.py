"""indexes for the hot paths: the history's newest-first reads and a row's own events

Revision ID: 0005_hot_path_indexes
Revises: 0004
Create Date: 2026-11-23 13:55:00

Checked with EXPLAIN on PostgreSQL with the national data set (bench/explain.py): the history
of a plan with thousands of events was read through the plan_id index and sorted; these
composite indexes give the newest rows directly. The single-column indexes they replace are
their leading columns.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0005_hot_path_indexes'
down_revision = '0004'
branch_labels = None
depends_on = None

REPLACED = ('plan_id', 'activity_id', 'organisation_id')


def upgrade():
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        for column in REPLACED:
            batch_op.drop_index(f'ix_audit_event_{column}')
            batch_op.create_index(f'ix_audit_event_{column}_at', [column, 'at', 'id'], unique=False)
        batch_op.create_index('ix_audit_event_entity', ['entity_type', 'entity_id'], unique=False)


def downgrade():
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_entity')
        for column in REPLACED:
            batch_op.drop_index(f'ix_audit_event_{column}_at')
            batch_op.create_index(f'ix_audit_event_{column}', [column], unique=False)
