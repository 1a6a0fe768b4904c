"""The database behind the editions: chosen by `WSIS_DATABASE_URL`, created and migrated on first use.

Unset, the store is an embedded SQLite file in `var/` of the project (git-ignored). PostgreSQL is selected with
`postgresql+psycopg://USER:PASSWORD@HOST:PORT/DATABASE`. On first use the committed canonical tables become the
published edition 1 (`wsis_data.store.opening`).
"""

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from wsis_data.store.errors import StoreError

DATABASE_URL_VARIABLE = "WSIS_DATABASE_URL"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "var" / "wsis.sqlite3"
MIGRATIONS = Path(__file__).parent / "migrations"
# Any fixed number: PostgreSQL instances starting together take this lock so only one of them migrates.
_MIGRATION_LOCK = 7_315_015


@dataclass(frozen=True)
class Store:
    """An open edition store: the engine and a session factory."""

    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def dialect(self) -> str:
        """Return `sqlite` or `postgresql`."""
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Yield a session whose work is committed together at the end, or not at all."""
        with self.sessions.begin() as session:
            yield session


def database_url() -> str:
    """Return the database URL: `WSIS_DATABASE_URL`, or the embedded SQLite file of the project."""
    return os.environ.get(DATABASE_URL_VARIABLE, "").strip() or f"sqlite:///{DEFAULT_SQLITE_PATH}"


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(
            f"{DATABASE_URL_VARIABLE}: {url!r} — expected sqlite:///PATH or postgresql+psycopg://USER@HOST/DATABASE"
        ) from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.drivername != "postgresql+psycopg":
        raise StoreError(
            f"{DATABASE_URL_VARIABLE}: driver {parsed.drivername!r} — expected sqlite or postgresql+psycopg"
        )
    return create_engine(parsed, pool_pre_ping=True)


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Bring the database to the latest revision (idempotent; the first revision is `0001_editions`).

    Processes starting together migrate one at a time: PostgreSQL through an advisory lock, an SQLite file
    through a lock file beside it.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with _sqlite_file_lock(engine), engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@contextmanager
def _sqlite_file_lock(engine: Engine) -> Iterator[None]:
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    with open(f"{database}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
