"""Imported evidence: one row per imported source with its version, and the records of each source.

Revision ID: 0002_evidence
Revises: 0001_editions
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_evidence"
down_revision = "0001_editions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence_imports",
        sa.Column("source", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("origin", sa.String(300), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "evidence_records",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source", sa.String(64), sa.ForeignKey("evidence_imports.source"), nullable=False, index=True),
        sa.Column("item_id", sa.String(100), nullable=False),
        *(
            sa.Column(name, sa.Text, nullable=False)
            for name in ("title", "organisation", "countries", "action_lines", "sdg_targets")
        ),
        sa.Column("year", sa.String(4), nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("pairs", sa.Text, nullable=False),
        sa.UniqueConstraint("source", "item_id"),
    )


def downgrade() -> None:
    op.drop_table("evidence_records")
    op.drop_table("evidence_imports")
