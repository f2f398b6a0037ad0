"""reminders: each person's choice, plan digests, organisations' lead days, the ledger

Revision ID: 0012_reminders
Revises: 0011_responsible_accounts
Create Date: 2026-12-02 17:00:00

The ledger (reminder_delivery) has one row per (recipient, item kind, item id, reminder kind,
occasion); its unique constraint is what makes `flask reminders send` idempotent between
concurrent runs. Nothing existing changes: no row means the defaults (each reminder as it
comes; 14 and 1 days before).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_reminders'
down_revision = '0011_responsible_accounts'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'reminder_setting',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('mode', sa.String(length=10), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['user_id'], ['user_account.id'],
            name=op.f('fk_reminder_setting_user_id_user_account'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_setting')),
        sa.UniqueConstraint('user_id', name=op.f('uq_reminder_setting_user_id')),
    )
    op.create_table(
        'plan_digest',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['plan_id'], ['plan.id'], name=op.f('fk_plan_digest_plan_id_plan'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(
            ['user_id'], ['user_account.id'],
            name=op.f('fk_plan_digest_user_id_user_account'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_digest')),
        sa.UniqueConstraint('user_id', 'plan_id', name=op.f('uq_plan_digest_user_id')),
    )
    op.create_index(op.f('ix_plan_digest_plan_id'), 'plan_digest', ['plan_id'], unique=False)
    op.create_index(op.f('ix_plan_digest_user_id'), 'plan_digest', ['user_id'], unique=False)
    op.create_table(
        'reminder_policy',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('lead_days', sa.String(length=100), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['organisation_id'], ['organisation.id'],
            name=op.f('fk_reminder_policy_organisation_id_organisation'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_policy')),
        sa.UniqueConstraint('organisation_id', name=op.f('uq_reminder_policy_organisation_id')),
    )
    op.create_table(
        'reminder_delivery',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('recipient_id', sa.Integer(), nullable=False),
        sa.Column('recipient_email', sa.String(length=254), nullable=False),
        sa.Column('item_kind', sa.String(length=20), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('reminder_kind', sa.String(length=20), nullable=False),
        sa.Column('occasion', sa.String(length=40), nullable=False),
        sa.Column('subject', sa.String(length=300), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('error', sa.Text(), nullable=False),
        sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ['recipient_id'], ['user_account.id'],
            name=op.f('fk_reminder_delivery_recipient_id_user_account'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_delivery')),
        sa.UniqueConstraint(
            'recipient_id', 'item_kind', 'item_id', 'reminder_kind', 'occasion',
            name='uq_reminder_delivery_once',
        ),
    )
    op.create_index('ix_reminder_delivery_claimed_at', 'reminder_delivery', ['claimed_at'])
    op.create_index('ix_reminder_delivery_state', 'reminder_delivery', ['state'])
    op.create_index(
        op.f('ix_reminder_delivery_recipient_id'), 'reminder_delivery', ['recipient_id']
    )


def downgrade():
    op.drop_table('reminder_delivery')
    op.drop_table('reminder_policy')
    op.drop_index(op.f('ix_plan_digest_user_id'), table_name='plan_digest')
    op.drop_index(op.f('ix_plan_digest_plan_id'), table_name='plan_digest')
    op.drop_table('plan_digest')
    op.drop_table('reminder_setting')
