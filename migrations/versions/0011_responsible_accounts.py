"""an activity's responsible person and a wheel event's owner linked to an account

Revision ID: 0011_responsible_accounts
Revises: 0010_measures
Create Date: 2026-12-02 16:50:00

My work and the reminders find what a person answers for by account, not only by a typed
e-mail address. Existing activities keep NULL: they are still matched by their e-mail address
until someone picks the member in the form. Deleting an account sets the link to NULL (the
typed name and e-mail stay).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_responsible_accounts'
down_revision = '0010_measures'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.add_column(sa.Column('responsible_user_id', sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f('ix_activity_responsible_user_id'), ['responsible_user_id'], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f('fk_activity_responsible_user_id_user_account'),
            'user_account', ['responsible_user_id'], ['id'], ondelete='SET NULL',
        )
    # Activities no account is linked to are found by the typed address, in any case.
    op.create_index(
        'ix_activity_responsible_email_lower',
        'activity',
        [sa.text('lower(responsible_email)')],
        unique=False,
    )
    with op.batch_alter_table('wheel_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_user_id', sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f('ix_wheel_event_owner_user_id'), ['owner_user_id'], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f('fk_wheel_event_owner_user_id_user_account'),
            'user_account', ['owner_user_id'], ['id'], ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('wheel_event', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_wheel_event_owner_user_id_user_account'), type_='foreignkey'
        )
        batch_op.drop_index(batch_op.f('ix_wheel_event_owner_user_id'))
        batch_op.drop_column('owner_user_id')
    op.drop_index('ix_activity_responsible_email_lower', table_name='activity')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_activity_responsible_user_id_user_account'), type_='foreignkey'
        )
        batch_op.drop_index(batch_op.f('ix_activity_responsible_user_id'))
        batch_op.drop_column('responsible_user_id')
