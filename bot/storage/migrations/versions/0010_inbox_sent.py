"""inbox: how many of a handled update's replies were delivered (resend only the rest)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('inbox') as batch:
        batch.add_column(sa.Column('sent', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('inbox') as batch:
        batch.drop_column('sent')
