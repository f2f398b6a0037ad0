"""OpenID Connect single sign-on: identity links, group mappings, memberships from groups

Revision ID: 0014_oidc_login
Revises: 0013_assessments
Create Date: 2026-12-02 17:00:00

Issue 18. oidc_identity links an account to (issuer, subject); oidc_group_mapping says which
group of the provider gives which role on which organisation; membership.from_group marks the
memberships the mapping gave (and may take away). Existing memberships were all made by hand
(server default false).
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0014_oidc_login'
down_revision = '0013_assessments'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('oidc_identity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('issuer', sa.String(length=300), nullable=False),
    sa.Column('subject', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_oidc_identity_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_oidc_identity')),
    sa.UniqueConstraint('issuer', 'subject', name=op.f('uq_oidc_identity_issuer')),
    sa.UniqueConstraint('user_id', 'issuer', name=op.f('uq_oidc_identity_user_id'))
    )
    op.create_table('oidc_group_mapping',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_name', sa.String(length=200), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_oidc_group_mapping_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_oidc_group_mapping')),
    sa.UniqueConstraint('group_name', 'organisation_id', name=op.f('uq_oidc_group_mapping_group_name'))
    )
    with op.batch_alter_table('oidc_group_mapping', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_oidc_group_mapping_group_name'), ['group_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_oidc_group_mapping_organisation_id'), ['organisation_id'], unique=False)

    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.add_column(sa.Column('from_group', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('user_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('id_token', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('user_session', schema=None) as batch_op:
        batch_op.drop_column('id_token')
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.drop_column('from_group')
    with op.batch_alter_table('oidc_group_mapping', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_oidc_group_mapping_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_oidc_group_mapping_group_name'))
    op.drop_table('oidc_group_mapping')
    op.drop_table('oidc_identity')
