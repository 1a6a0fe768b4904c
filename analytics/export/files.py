"""Writing export files safely: the destination is checked first, and a file appears only when complete."""

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


class UnwritablePath(ValueError):
    """Raised when an export's destination folder is missing or not writable."""


def check_writable(path: Path) -> Path:
    """Return the path when its folder exists and is writable, else raise UnwritablePath."""
    path = Path(path)
    if not path.parent.is_dir():
        raise UnwritablePath(f"cannot write {path}: the folder {path.parent} does not exist")
    if not os.access(path.parent, os.W_OK):
        raise UnwritablePath(f"cannot write {path}: the folder {path.parent} is not writable")
    if path.is_dir():
        raise UnwritablePath(f"cannot write {path}: it is a folder")
    return path


def write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Call `write(handle)` on a temporary file beside `path`, then move it into place; remove it on failure."""
    path = check_writable(path)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            write(handle)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
