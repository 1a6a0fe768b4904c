"""Writing export files safely: the destination is checked first, and a file appears only when complete."""

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

# The temporary file beside the destination has a short name of its own, so any name the destination's folder
# accepts also fits the temporary file.
TEMPORARY_PREFIX = ".export-"
TEMPORARY_SUFFIX = ".part"


SHOWN_PATH_CHARS = 120


class UnwritablePath(ValueError):
    """Raised when an export's destination cannot be written: its folder, its name or what is already there."""


def _shown(path: object) -> str:
    """Return a path as it is named in a message: in full, or its start when it is too long to read."""
    text = str(path)
    return text if len(text) <= SHOWN_PATH_CHARS else text[:SHOWN_PATH_CHARS] + "…"


def _first_file_on_the_way(folder: Path) -> Path | None:
    """Return the first path in `folder`'s ancestry (root first) that exists and is not a folder, if any."""
    for ancestor in reversed((folder, *folder.parents)):
        try:
            mode = os.stat(ancestor).st_mode
        except OSError:
            return None
        if not stat.S_ISDIR(mode):
            return ancestor
    return None


def _check_folder(path: Path) -> None:
    folder = path.parent
    try:
        mode = os.stat(folder).st_mode
    except FileNotFoundError:
        raise UnwritablePath(f"cannot write {_shown(path)}: the folder {_shown(folder)} does not exist") from None
    except NotADirectoryError:
        blocker = _first_file_on_the_way(folder)
        raise UnwritablePath(
            f"cannot write {_shown(path)}: {_shown(blocker or folder)} is a file, not a folder"
        ) from None
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            raise UnwritablePath(f"cannot write {_shown(path)}: the path is too long for the file system") from None
        raise UnwritablePath(f"cannot write {_shown(path)}: {error.strerror}") from None
    if not stat.S_ISDIR(mode):
        raise UnwritablePath(f"cannot write {_shown(path)}: {_shown(folder)} is a file, not a folder")


def _check_lengths(path: Path) -> None:
    name_max = os.pathconf(path.parent, "PC_NAME_MAX")
    path_max = os.pathconf(path.parent, "PC_PATH_MAX")
    name_bytes = len(os.fsencode(path.name))
    if name_bytes > name_max:
        raise UnwritablePath(
            f"cannot write {_shown(path)}: the file name is {name_bytes:,} bytes long: expected at most {name_max}"
        )
    if len(os.fsencode(os.path.abspath(path))) >= path_max:
        raise UnwritablePath(f"cannot write {_shown(path)}: the path is longer than {path_max:,} bytes")


def _check_existing(path: Path) -> None:
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise UnwritablePath(f"cannot write {_shown(path)}: {error.strerror}") from None
    if stat.S_ISDIR(mode):
        raise UnwritablePath(f"cannot write {_shown(path)}: it is a folder")
    if not stat.S_ISREG(mode):
        raise UnwritablePath(
            f"cannot write {_shown(path)}: it exists and is not a regular file (a device, FIFO or socket)"
        )


def _probe(path: Path) -> None:
    """Create and remove a temporary file beside `path`: what the export will do, found out before any work."""
    folder = path.parent
    if os.statvfs(folder).f_flag & os.ST_RDONLY:
        raise UnwritablePath(f"cannot write {_shown(path)}: the folder {_shown(folder)} is on a read-only file system")
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, suffix=TEMPORARY_SUFFIX, dir=folder)
    except OSError as error:
        if error.errno == errno.EROFS:
            raise UnwritablePath(
                f"cannot write {_shown(path)}: the folder {_shown(folder)} is on a read-only file system"
            ) from None
        # /proc and /sys answer "no such file" or "permission denied" even to root: they hold no files of ours.
        raise UnwritablePath(
            f"cannot write {_shown(path)}: the folder {_shown(folder)} does not accept new files ({error.strerror})"
        ) from None
    os.close(descriptor)
    os.unlink(temporary)


def check_writable(path: Path) -> Path:
    """Return the path when a file can be written there, else raise UnwritablePath naming what is in the way:
    a missing folder, a file where a folder is expected, a folder or device where the file would go, a name or
    path too long, a read-only or virtual file system."""
    try:
        path = Path(path)
        if path.name in ("", ".", ".."):
            raise UnwritablePath(f"cannot write {_shown(path)}: expected a file name, not a folder")
        _check_folder(path)
        _check_lengths(path)
        _check_existing(path)
        _probe(path)
    except ValueError as error:
        if isinstance(error, UnwritablePath):
            raise
        raise UnwritablePath(f"cannot write {_shown(repr(path))}: {error}") from None
    return path


def write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Call `write(handle)` on a temporary file beside `path`, then move it into place; remove it on failure."""
    path = check_writable(path)
    descriptor, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, suffix=TEMPORARY_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            write(handle)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
