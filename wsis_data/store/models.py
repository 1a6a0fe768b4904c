"""Tables of the edition store (SQLAlchemy). Migrations in `migrations/versions/` create exactly these.

An edition holds a full copy of its links and rationales. A link keeps its `link_id` from edition to edition, so a
diff can tell a changed target from a removed and an added link. `version` columns carry optimistic concurrency:
every change to a draft's link or rationale is an UPDATE … WHERE version = the version the proposal was based on.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of the store's tables."""


class EditionRow(Base):
    """An edition: a draft (at most one) or published, and then immutable."""

    __tablename__ = "editions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    status: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(200), default="")
    edition_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    provenance: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    published_by: Mapped[str | None] = mapped_column(String(254), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)


class LinkRow(Base):
    """One row of an edition's `matrix_links` table, with its validation status and evidence."""

    __tablename__ = "edition_links"
    __table_args__ = (UniqueConstraint("edition_id", "link_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("editions.id"), index=True)
    link_id: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    action_line: Mapped[str] = mapped_column(String(8))
    level: Mapped[str] = mapped_column(String(8))
    goal: Mapped[int] = mapped_column(Integer)
    target: Mapped[str] = mapped_column(String(8))
    rationale_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    evidence: Mapped[list] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1)
    changed_by_proposal: Mapped[int | None] = mapped_column(Integer, nullable=True)


class RationaleRow(Base):
    """One row of an edition's `rationales` table."""

    __tablename__ = "edition_rationales"
    __table_args__ = (UniqueConstraint("edition_id", "rationale_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("editions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    rationale_id: Mapped[str] = mapped_column(String(64))
    action_line: Mapped[str] = mapped_column(String(8))
    listed_under_goal: Mapped[int] = mapped_column(Integer)
    raw_sub_id: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    changed_by_proposal: Mapped[int | None] = mapped_column(Integer, nullable=True)


class RoleRow(Base):
    """A role granted to a user (by e-mail address)."""

    __tablename__ = "user_roles"
    __table_args__ = (UniqueConstraint("email", "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    role: Mapped[str] = mapped_column(String(16))
    granted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    granted_by: Mapped[str] = mapped_column(String(254))


class ProposalRow(Base):
    """A proposed change with its reason, the versions it was based on, and its review."""

    __tablename__ = "proposals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    base_edition: Mapped[int] = mapped_column(Integer)
    base_versions: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), index=True)
    reviewer: Mapped[str | None] = mapped_column(String(254), nullable=True)
    review_comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    edition_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)


class AuditRow(Base):
    """One entry of the append-only audit log: who, when, what, before and after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(200))
    before: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict | None] = mapped_column(JSON, nullable=True)


class ConnectLinkRow(Base):
    """One link of an edition from a Connect goal or target to an action line: its basis, rationale and source.

    `origin` says where the link came from: the decisions file it was imported from, or the proposal that added it.
    """

    __tablename__ = "edition_connect_links"
    __table_args__ = (UniqueConstraint("edition_id", "connect_code", "action_line"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("editions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    connect_code: Mapped[str] = mapped_column(String(32))
    action_line: Mapped[str] = mapped_column(String(8))
    basis: Mapped[str] = mapped_column(String(16))
    rationale: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(300))
    version: Mapped[int] = mapped_column(Integer, default=1)
    changed_by_proposal: Mapped[int | None] = mapped_column(Integer, nullable=True)
