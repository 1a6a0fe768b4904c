"""Who may do what: the roles granted in the database, checked inside the transaction of the action they allow."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from wsis_data.store.errors import PermissionDenied
from wsis_data.store.models import RoleRow


def roles_of(session: Session, email: str) -> list[str]:
    """Return the roles granted to a user, sorted."""
    return sorted(session.scalars(select(RoleRow.role).where(RoleRow.email == email)))


def require_role(session: Session, email: str, role: str) -> None:
    """Raise PermissionDenied, naming the command that grants it, unless the user holds the role."""
    if role not in roles_of(session, email):
        raise PermissionDenied(
            f"{email} does not have the {role} role (grant it with: python -m wsis_data users grant {email} {role})"
        )
