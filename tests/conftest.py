"""Shared fixtures: paths to the sources and to small input files with problems; a temporary edition store."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
FIXTURES = Path(__file__).parent / "fixtures"


def pytest_configure(config):
    """Give each test process (each xdist worker too) its own edition store: the app under test (AppTest, the
    browser tests' server) opens `WSIS_DATABASE_URL`, never the project's `var/` file or a real database."""
    folder = tempfile.mkdtemp(prefix="wsis-store-")
    os.environ["WSIS_DATABASE_URL"] = f"sqlite:///{folder}/wsis.sqlite3"
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


@pytest.fixture
def activity_fixture():
    """Return the path of a small activity file in tests/fixtures/activities/."""
    return lambda name: FIXTURES / "activities" / name


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Return ../shared/data, which the data build reads; CI lays it beside the checkout."""
    if not (SHARED_DATA / "raw").is_dir():
        pytest.skip(f"the raw sources are not at {SHARED_DATA}: the rebuild check needs them")
    return SHARED_DATA


@pytest.fixture(scope="session")
def postgres_server():
    """Start a PostgreSQL server for the session, with a template database holding edition 1; stop it at the end."""
    from tests.postgres_server import TEMPLATE, start_postgres
    from wsis_data.store import connect

    server = start_postgres()
    try:
        server.execute(f"CREATE DATABASE {TEMPLATE}")
        connect(server.url(TEMPLATE)).engine.dispose()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """Return an SQLite file migrated and holding edition 1, for tests to copy."""
    from wsis_data.store import connect

    path = tmp_path_factory.mktemp("store") / "template.sqlite3"
    connect(f"sqlite:///{path}").engine.dispose()
    return path


def fresh_store(request, kind: str, tmp_path: Path):
    """Return a fresh edition store holding edition 1, on `kind`: `sqlite` or `postgresql` (a real server)."""
    import shutil

    from wsis_data.store import connect

    if kind == "sqlite":
        path = tmp_path / "wsis.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("postgres_server").new_database()
    return connect(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """Return a fresh edition store holding edition 1, on SQLite and on a real PostgreSQL server."""
    opened = fresh_store(request, request.param, tmp_path)
    yield opened
    opened.engine.dispose()
