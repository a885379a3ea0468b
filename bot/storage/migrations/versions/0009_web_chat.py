"""web chat: messages delivered to web chats after the fact, and rate-limit counters

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        'web_messages',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('address', sa.String(length=64), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('options', sa.Text(), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_web_messages')),
    )
    with op.batch_alter_table('web_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_web_messages_address'), ['address'], unique=False)
        batch_op.create_index(
            batch_op.f('ix_web_messages_created_at'), ['created_at'], unique=False
        )
    op.create_table(
        'web_rate_counts',
        sa.Column('bucket', sa.String(length=80), nullable=False),
        sa.Column('minute', sa.Integer(), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('bucket', 'minute', name=op.f('pk_web_rate_counts')),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table('web_rate_counts')
    with op.batch_alter_table('web_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_web_messages_created_at'))
        batch_op.drop_index(batch_op.f('ix_web_messages_address'))
    op.drop_table('web_messages')
