"""Shared fixtures: paths to the sources and to small input files with problems."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
FIXTURES = Path(__file__).parent / "fixtures"


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
