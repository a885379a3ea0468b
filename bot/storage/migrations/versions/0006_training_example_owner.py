"""training_examples: user_key (erased by /delete); existing texts masked again

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-10
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.domain.privacy import mask_personal_data


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('training_examples', schema=None) as batch_op:
        batch_op.add_column(sa.Column('user_key', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_training_examples_user_key'), ['user_key'], unique=False)
    # examples approved before now kept names and street addresses: mask them as well
    examples = sa.table('training_examples', sa.column('id', sa.Integer), sa.column('text', sa.Text))
    connection = op.get_bind()
    for ident, text in connection.execute(sa.select(examples.c.id, examples.c.text)).all():
        masked = mask_personal_data(text)
        if masked != text:
            connection.execute(
                examples.update().where(examples.c.id == ident).values(text=masked)
            )


def downgrade() -> None:
    """Revert this revision (masked texts stay masked)."""
    with op.batch_alter_table('training_examples', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_examples_user_key'))
        batch_op.drop_column('user_key')
