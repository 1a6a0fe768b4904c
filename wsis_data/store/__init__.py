"""The edition store: editions of the matrix, curation by proposal and review, and the audit log, in a database.

`WSIS_DATABASE_URL` selects the database (unset: an embedded SQLite file in `var/`); see `database.py`.
"""

from wsis_data.store.audit import audit_entries, audit_log
from wsis_data.store.connect_links import CONNECT_DIFF_COLUMNS, CONNECT_PROPOSAL_KINDS, connect_diff
from wsis_data.store.curation import (
    PROPOSAL_KINDS,
    Change,
    grant_role,
    proposals,
    propose,
    propose_changes,
    publish,
    review,
    user_roles,
    working_connect_links,
)
from wsis_data.store.database import DATABASE_URL_VARIABLE, Store, database_url
from wsis_data.store.diff import DIFF_COLUMNS, diff_links
from wsis_data.store.editions import (
    Edition,
    draft_edition,
    edition_connect_diff,
    edition_connect_links,
    edition_diff,
    edition_links,
    edition_tables,
    export_edition,
    published_edition,
    published_editions,
)
from wsis_data.store.errors import EditConflict, InputError, NotFound, PermissionDenied, StoreError
from wsis_data.store.files import propose_from_folder
from wsis_data.store.opening import connect, open_store
from wsis_data.store.validation import ROLES, VALIDATION_STATUSES

__all__ = [
    "CONNECT_DIFF_COLUMNS",
    "CONNECT_PROPOSAL_KINDS",
    "DATABASE_URL_VARIABLE",
    "DIFF_COLUMNS",
    "PROPOSAL_KINDS",
    "ROLES",
    "VALIDATION_STATUSES",
    "Change",
    "EditConflict",
    "Edition",
    "InputError",
    "NotFound",
    "PermissionDenied",
    "Store",
    "StoreError",
    "audit_entries",
    "audit_log",
    "connect",
    "connect_diff",
    "database_url",
    "diff_links",
    "draft_edition",
    "edition_connect_diff",
    "edition_connect_links",
    "edition_diff",
    "edition_links",
    "edition_tables",
    "export_edition",
    "grant_role",
    "open_store",
    "proposals",
    "propose",
    "propose_changes",
    "propose_from_folder",
    "publish",
    "published_edition",
    "published_editions",
    "review",
    "user_roles",
    "working_connect_links",
]
