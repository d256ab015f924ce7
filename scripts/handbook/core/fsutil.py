"""Safe file writing: atomic replace, and one lock per project so runs never interleave."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from handbook.core.errors import HandbookError

LOCK_NAME = ".handbook.lock"


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so a reader (or a killed run) sees the old or the new file, never a torn one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file 0600; give it the old file's mode, or what the umask gives a new file.
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _mode_for(path: Path) -> int:
    """The permission bits `path` keeps when replaced: its own, or 0666 less the umask if it is new."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_text(path: Path, text: str) -> None:
    """Atomically write UTF-8 text with LF line endings."""
    atomic_write_bytes(path, text.replace("\r\n", "\n").encode("utf-8"))


def write_if_changed(path: Path, text: str) -> bool:
    """Atomically write `text` unless the file already holds exactly it; True if written."""
    path = Path(path)
    data = text.replace("\r\n", "\n").encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    atomic_write_bytes(path, data)
    return True


@contextlib.contextmanager
def project_lock(root: Path, *, wait: float = 10.0) -> Iterator[Path]:
    """Hold the project's lock file; wait up to `wait` seconds for another run, then refuse clearly."""
    lock_path = Path(root) / LOCK_NAME
    handle = open(lock_path, "a+")  # noqa: SIM115 - held for the whole block
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise HandbookError(
                        f"another handbook command holds the project lock (waited {wait:g} s)",
                        path=lock_path,
                        fix="wait for the other run to finish, then try again",
                    ) from None
                time.sleep(0.1)
        yield lock_path
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()
