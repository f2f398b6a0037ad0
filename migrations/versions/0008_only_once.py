"""only once: the national wheel template per organisation

Revision ID: 0008_only_once
Revises: 0007_kept_documents
Create Date: 2026-12-02 14:30:00

Each event added from the national template carries its key (psb, apt …), unique per
organisation, so two concurrent "add the national template" requests cannot both add it.
Events already in the database keep NULL (unknown origin); NULLs never collide. The other
"only once" rules already have their constraints: a membership (user, organisation), an
occurrence's done mark (event, day) and an account's e-mail (stored lower-case).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_only_once'
down_revision = '0007_kept_documents'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('wheel_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('template_key', sa.String(length=40), nullable=True))
        batch_op.create_unique_constraint(
            'uq_wheel_event_template_key', ['organisation_id', 'template_key']
        )


def downgrade():
    with op.batch_alter_table('wheel_event', schema=None) as batch_op:
        batch_op.drop_constraint('uq_wheel_event_template_key', type_='unique')
        batch_op.drop_column('template_key')
