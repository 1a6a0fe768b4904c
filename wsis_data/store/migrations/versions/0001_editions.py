"""Editions, their links and rationales, roles, proposals and the append-only audit log.

Revision ID: 0001_editions
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_editions"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)

# SQLite and PostgreSQL refuse, in the database itself, any change to the audit log and to a published edition.
SQLITE_GUARDS = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER editions_published_update BEFORE UPDATE ON editions WHEN OLD.status = 'published' "
    "BEGIN SELECT RAISE(ABORT, 'a published edition is immutable'); END",
    "CREATE TRIGGER editions_published_delete BEFORE DELETE ON editions WHEN OLD.status = 'published' "
    "BEGIN SELECT RAISE(ABORT, 'a published edition is immutable'); END",
    *(
        statement
        for table in ("edition_links", "edition_rationales")
        for statement in (
            f"CREATE TRIGGER {table}_published_insert BEFORE INSERT ON {table} "
            "WHEN (SELECT status FROM editions WHERE id = NEW.edition_id) = 'published' "
            "BEGIN SELECT RAISE(ABORT, 'a published edition is immutable'); END",
            f"CREATE TRIGGER {table}_published_update BEFORE UPDATE ON {table} "
            "WHEN (SELECT status FROM editions WHERE id = OLD.edition_id) = 'published' "
            "BEGIN SELECT RAISE(ABORT, 'a published edition is immutable'); END",
            f"CREATE TRIGGER {table}_published_delete BEFORE DELETE ON {table} "
            "WHEN (SELECT status FROM editions WHERE id = OLD.edition_id) = 'published' "
            "BEGIN SELECT RAISE(ABORT, 'a published edition is immutable'); END",
        )
    ),
)

POSTGRESQL_GUARDS = (
    """CREATE FUNCTION wsis_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$""",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION wsis_audit_append_only()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION wsis_audit_append_only()",
    """CREATE FUNCTION wsis_edition_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND OLD.status = 'published' OR TG_OP = 'UPDATE' AND OLD.status = 'published' THEN
        RAISE EXCEPTION 'a published edition is immutable';
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$""",
    "CREATE TRIGGER editions_published BEFORE UPDATE OR DELETE ON editions "
    "FOR EACH ROW EXECUTE FUNCTION wsis_edition_immutable()",
    """CREATE FUNCTION wsis_edition_content_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE target_edition integer;
    BEGIN
      IF TG_OP = 'INSERT' THEN target_edition := NEW.edition_id; ELSE target_edition := OLD.edition_id; END IF;
      IF (SELECT status FROM editions WHERE id = target_edition) = 'published' THEN
        RAISE EXCEPTION 'a published edition is immutable';
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$""",
    *(
        f"CREATE TRIGGER {table}_published BEFORE INSERT OR UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION wsis_edition_content_immutable()"
        for table in ("edition_links", "edition_rationales")
    ),
)


def upgrade() -> None:
    op.create_table(
        "editions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.Integer, nullable=False, unique=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("edition_date", sa.Date, nullable=True),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("provenance", sa.JSON, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("published_at", TZ, nullable=True),
        sa.Column("published_by", sa.String(254), nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.CheckConstraint("status IN ('draft', 'published')", name="edition_status"),
    )
    op.create_table(
        "edition_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("edition_id", sa.Integer, sa.ForeignKey("editions.id"), nullable=False, index=True),
        sa.Column("link_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("action_line", sa.String(8), nullable=False),
        sa.Column("level", sa.String(8), nullable=False),
        sa.Column("goal", sa.Integer, nullable=False),
        sa.Column("target", sa.String(8), nullable=False),
        sa.Column("rationale_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("changed_by_proposal", sa.Integer, nullable=True),
        sa.UniqueConstraint("edition_id", "link_id"),
        sa.CheckConstraint("goal BETWEEN 1 AND 17", name="link_goal"),
        sa.CheckConstraint("status IN ('proposed', 'validated', 'contested')", name="link_status"),
    )
    op.create_table(
        "edition_rationales",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("edition_id", sa.Integer, sa.ForeignKey("editions.id"), nullable=False, index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("rationale_id", sa.String(64), nullable=False),
        sa.Column("action_line", sa.String(8), nullable=False),
        sa.Column("listed_under_goal", sa.Integer, nullable=False),
        sa.Column("raw_sub_id", sa.String(200), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("changed_by_proposal", sa.Integer, nullable=True),
        sa.UniqueConstraint("edition_id", "rationale_id"),
    )
    op.create_table(
        "user_roles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(254), nullable=False, index=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("granted_at", TZ, nullable=False),
        sa.Column("granted_by", sa.String(254), nullable=False),
        sa.UniqueConstraint("email", "role"),
        sa.CheckConstraint("role IN ('curator', 'reviewer', 'admin')", name="role_name"),
    )
    op.create_table(
        "proposals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("author", sa.String(254), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("base_edition", sa.Integer, nullable=False),
        sa.Column("base_versions", sa.JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("reviewer", sa.String(254), nullable=True),
        sa.Column("review_comment", sa.Text, nullable=True),
        sa.Column("reviewed_at", TZ, nullable=True),
        sa.Column("edition_number", sa.Integer, nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.CheckConstraint("status IN ('open', 'accepted', 'rejected')", name="proposal_status"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", TZ, nullable=False),
        sa.Column("actor", sa.String(254), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("before", sa.JSON, nullable=True),
        sa.Column("after", sa.JSON, nullable=True),
    )
    guards = POSTGRESQL_GUARDS if op.get_bind().dialect.name == "postgresql" else SQLITE_GUARDS
    for statement in guards:
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("editions and the audit log are never dropped by a migration")
