"""results pages: a covering index for the key of their kept content (count, ids, versions and
newest record time of a measure's values, read without the rows)

Revision ID: 0017_results_speed
Revises: 0016_psb_contributions
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0017_results_speed"
down_revision = "0016_psb_contributions"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("measure_value", schema=None) as batch_op:
        batch_op.create_index(
            "ix_measure_value_versions",
            ["measure_id", "recorded_at", "version", "id"],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table("measure_value", schema=None) as batch_op:
        batch_op.drop_index("ix_measure_value_versions")
