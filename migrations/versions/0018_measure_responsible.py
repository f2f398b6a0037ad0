"""a measure's responsible person: the member who sees to it that its values are recorded

Revision ID: 0018_measure_responsible
Revises: 0017_results_speed
Create Date: 2026-12-02 18:30:00

My work lists and the reminders remind the responsible member of a measure's values due.
Existing measures keep NULL (nobody is reminded until someone picks a member on the measure
form). Deleting an account sets the link to NULL.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018_measure_responsible'
down_revision = '0017_results_speed'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.add_column(sa.Column('responsible_user_id', sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f('ix_measure_responsible_user_id'), ['responsible_user_id'], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f('fk_measure_responsible_user_id_user_account'),
            'user_account', ['responsible_user_id'], ['id'], ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_measure_responsible_user_id_user_account'), type_='foreignkey'
        )
        batch_op.drop_index(batch_op.f('ix_measure_responsible_user_id'))
        batch_op.drop_column('responsible_user_id')
