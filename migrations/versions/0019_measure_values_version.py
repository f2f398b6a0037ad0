"""results pages: a measure's values_version, raised by the database with every change to its
values, keys their kept content instead of aggregates over the values (whose covering index goes)

Revision ID: 0019_measure_values_version
Revises: 0018_measure_responsible
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0019_measure_values_version"
down_revision = "0018_measure_responsible"
branch_labels = None
depends_on = None


# As planner/results/models.py's VALUES_VERSION_DDL on the day of this revision.
TRIGGERS = {
    "postgresql": [
        """CREATE OR REPLACE FUNCTION measure_values_version() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                UPDATE measure SET values_version = values_version + 1
                WHERE id = OLD.measure_id;
            END IF;
            IF TG_OP <> 'DELETE' THEN
                UPDATE measure SET values_version = values_version + 1
                WHERE id = NEW.measure_id;
            END IF;
            RETURN NULL;
        END $$""",
        """CREATE TRIGGER measure_value_counted AFTER INSERT OR UPDATE OR DELETE
        ON measure_value FOR EACH ROW EXECUTE FUNCTION measure_values_version()""",
    ],
    "sqlite": [
        """CREATE TRIGGER measure_value_insert AFTER INSERT ON measure_value BEGIN
            UPDATE measure SET values_version = values_version + 1 WHERE id = NEW.measure_id;
        END""",
        """CREATE TRIGGER measure_value_update AFTER UPDATE ON measure_value BEGIN
            UPDATE measure SET values_version = values_version + 1
            WHERE id IN (OLD.measure_id, NEW.measure_id);
        END""",
        """CREATE TRIGGER measure_value_delete AFTER DELETE ON measure_value BEGIN
            UPDATE measure SET values_version = values_version + 1 WHERE id = OLD.measure_id;
        END""",
    ],
}
DROP = {
    "postgresql": [
        "DROP TRIGGER measure_value_counted ON measure_value",
        "DROP FUNCTION measure_values_version()",
    ],
    "sqlite": [
        "DROP TRIGGER measure_value_insert",
        "DROP TRIGGER measure_value_update",
        "DROP TRIGGER measure_value_delete",
    ],
}


def upgrade():
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("values_version", sa.Integer(), server_default="0", nullable=False)
        )
    with op.batch_alter_table("measure_value", schema=None) as batch_op:
        batch_op.drop_index("ix_measure_value_versions")
    for statement in TRIGGERS[op.get_bind().dialect.name]:
        op.execute(statement)


def downgrade():
    for statement in DROP[op.get_bind().dialect.name]:
        op.execute(statement)
    with op.batch_alter_table("measure_value", schema=None) as batch_op:
        batch_op.create_index(
            "ix_measure_value_versions",
            ["measure_id", "recorded_at", "version", "id"],
            unique=False,
        )
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.drop_column("values_version")
