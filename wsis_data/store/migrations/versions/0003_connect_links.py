"""Connect links per edition: Connect goal or target → action line, with basis, rationale, source and origin.

Until this revision every edition's Connect links were the decisions file `wsis_data/decisions/connect_links.csv`,
so each edition already in the store gets that file's links (before the guards exist, as edition 1's import does),
and the audit log records the import with the file's checksum.

Revision ID: 0003_connect_links
Revises: 0002_evidence
"""

import sqlalchemy as sa
from alembic import op

from wsis_data.store.audit import now
from wsis_data.store.connect_links import CONNECT_IMPORT_ACTION, decisions_provenance, imported_connect_links

revision = "0003_connect_links"
down_revision = "0002_evidence"
branch_labels = None
depends_on = None

TABLE = "edition_connect_links"
# The same guards as the other tables of an edition (0001_editions): a published edition's links never change.
SQLITE_GUARDS = tuple(
    f"CREATE TRIGGER {TABLE}_published_{operation.lower()} BEFORE {operation} ON {TABLE} "
    f"WHEN (SELECT status FROM editions WHERE id = {row}.edition_id) = 'published' "
    "BEGIN SELECT RAISE(ABORT, 'a published edition is immutable'); END"
    for operation, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD"))
)
POSTGRESQL_GUARDS = (
    f"CREATE TRIGGER {TABLE}_published BEFORE INSERT OR UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION wsis_edition_content_immutable()",
)


def upgrade() -> None:
    table = op.create_table(
        TABLE,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("edition_id", sa.Integer, sa.ForeignKey("editions.id"), nullable=False, index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("connect_code", sa.String(32), nullable=False),
        sa.Column("action_line", sa.String(8), nullable=False),
        sa.Column("basis", sa.String(16), nullable=False),
        sa.Column("rationale", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("origin", sa.String(300), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("changed_by_proposal", sa.Integer, nullable=True),
        sa.UniqueConstraint("edition_id", "connect_code", "action_line"),
        sa.CheckConstraint("basis IN ('official', 'curated')", name="connect_link_basis"),
    )
    bind = op.get_bind()
    editions = bind.execute(sa.text("SELECT id, number FROM editions ORDER BY number")).all()
    if editions:
        op.bulk_insert(table, [row for edition_id, _ in editions for row in imported_connect_links(edition_id)])
        audit = sa.table(
            "audit_log",
            sa.column("at", sa.DateTime(timezone=True)),
            *(sa.column(name) for name in ("actor", "action", "subject")),
            sa.column("before", sa.JSON),
            sa.column("after", sa.JSON),
        )
        op.bulk_insert(
            audit,
            [
                {
                    "at": now(),
                    "actor": "system",
                    "action": CONNECT_IMPORT_ACTION,
                    "subject": f"edition {number}",
                    "before": None,
                    "after": decisions_provenance(),
                }
                for _, number in editions
            ],
        )
    for statement in POSTGRESQL_GUARDS if bind.dialect.name == "postgresql" else SQLITE_GUARDS:
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("an edition's Connect links are never dropped by a migration")
