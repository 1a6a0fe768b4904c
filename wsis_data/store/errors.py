"""Errors of the edition store: each says what was refused and why, in words a curator can act on."""


class StoreError(ValueError):
    """A request the store refuses; the message is shown as is (CLI: `error: …`, exit status 2)."""


class InputError(StoreError):
    """A value that breaks a rule: names the field, the value given and what was expected."""

    def __init__(self, field: str, value: object, expected: str) -> None:
        self.field, self.value, self.expected = field, value, expected
        super().__init__(f"{field}: {_shown(value)} — {expected}")


class NotFound(StoreError):
    """An edition, link or proposal that does not exist."""


class PermissionDenied(StoreError):
    """A user without the role an action needs, or a reviewer reviewing their own proposal."""


class EditConflict(StoreError):
    """Someone else changed the same thing first; the message names that change."""


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:60]}… ({len(str(value)):,} characters)"
