"""Opening the store: connect, migrate, and import the committed tables as edition 1 if the store has none."""

import threading

from sqlalchemy.orm import sessionmaker

from wsis_data.store.database import Store, database_url, make_engine, migrate
from wsis_data.store.editions import import_committed_edition


def connect(url: str) -> Store:
    """Open the store at a URL, migrate it and import the committed edition (each step idempotent)."""
    engine = make_engine(url)
    migrate(engine)
    store = Store(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))
    import_committed_edition(store)
    return store


_opened: dict[str, Store] = {}
_opening = threading.Lock()  # the app's sessions are threads: the first ones must not each migrate and import


def open_store(url: str | None = None) -> Store:
    """Return the store of `url` (default: `WSIS_DATABASE_URL` or the embedded SQLite file), opened once per process."""
    url = url or database_url()
    with _opening:
        if url not in _opened:
            _opened[url] = connect(url)
        return _opened[url]
