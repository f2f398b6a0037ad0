"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

"""
from alembic import op
import sqlalchemy as sa
${imports if imports else ""}

# revision identifiers, used by Alembic.
revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


# SQLite: batch_alter_table rebuilds a table by copying it, and the copy has no triggers.
# measure_value carries the triggers that keep measure.values_version (revision 0019): a
# revision that rebuilds measure_value or measure drops them first and creates them again
# after, as 0019 does; tests/test_migrations.py checks that they are all there at the head.


def upgrade():
    ${upgrades if upgrades else "pass"}


def downgrade():
    ${downgrades if downgrades else "pass"}
