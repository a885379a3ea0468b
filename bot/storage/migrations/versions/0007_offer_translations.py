"""services: translations (curated translations of an offer's name and description)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('translations', sa.JSON(), server_default='{}', nullable=False)
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.drop_column('translations')
