"""Safe file writing: atomic replace, and one lock per project so runs never interleave."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
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


# --- replacing many files as one step -------------------------------------------------------------

JOURNAL_NAME = ".handbook-journal.json"


def content_hash(data: bytes) -> str:
    """The short hash `Replacements` compares a file's bytes by (as `sync` records them)."""
    return hashlib.sha256(data).hexdigest()[:16]


def _current_hash(path: Path) -> str:
    """The file's hash as `sync` computes it ("" if it does not exist)."""
    try:
        return content_hash(path.read_bytes())
    except FileNotFoundError:
        return ""


def write_target(path: Path, root: Path) -> Path:
    """Where writing `path` must go: through a symlink inside the project; one pointing outside is refused."""
    path = Path(path)
    resolved = Path(os.path.realpath(path))
    root_resolved = Path(os.path.realpath(root))
    if resolved != path.absolute() and not resolved.is_relative_to(root_resolved):
        link = (
            f"is a symbolic link to {resolved}"
            if path.is_symlink()
            else f"is in a linked folder: it is {resolved}"
        )
        raise HandbookError(
            f"{link}, outside the project; nothing was written",
            path=_shown(path, root),
            fix="replace the link with the file itself (or a link inside the project)",
        )
    return resolved


def _os_error(exc: OSError, path: Path, root: Path) -> HandbookError:
    try:
        shown = Path(path).relative_to(root).as_posix()
    except ValueError:
        shown = str(path)
    reason = exc.strerror or str(exc)
    return HandbookError(
        f"cannot write: {reason} (errno {exc.errno}); the run stopped and no file was replaced",
        path=shown,
        fix="make room on the disk or make the folder writable, then run the command again",
    )


def _new_file_mode(target: Path) -> int:
    try:
        return os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


@dataclass
class Replacements:
    """Files to replace (and remove) together, all or nothing, checked against what was read.

    Each file carries the hash of the bytes the run read (`expected`, "" for a file that did not
    exist): if a file changed since (a translator saved it during the run), `commit` stops before
    replacing anything and names it. Every new file is first written and fsynced beside its target;
    an OS error there (read-only folder, full disk) removes them all and stops with one line naming
    the file. A journal at the project root lists the pending renames with each target's hash as
    read, so a run killed while replacing is completed by the next one (`recover_journal`, under
    the project lock), except for a target edited in between: that edit is kept and named.
    """

    root: Path
    writes: list[tuple[Path, bytes, str]] = field(default_factory=list)
    removals: list[tuple[Path, str]] = field(default_factory=list)

    def write(self, path: Path, text: str, expected: str) -> None:
        self.writes.append((Path(path), text.replace("\r\n", "\n").encode("utf-8"), expected))

    def remove(self, path: Path, expected: str) -> None:
        self.removals.append((Path(path), expected))

    def _check_unchanged(self) -> None:
        for path, *rest in self.writes + self.removals:
            if _current_hash(path) != rest[-1]:
                raise HandbookError(
                    "changed on disk while the command was running (saved in an editor?); "
                    "nothing was written, so that change is kept",
                    path=_shown(Path(path), self.root),
                    fix="run the command again (it reads the file anew)",
                )

    def commit(self) -> None:
        if not self.writes and not self.removals:
            return
        targets = [write_target(path, self.root) for path, _, _ in self.writes]
        removal_targets = [write_target(path, self.root) for path, _ in self.removals]
        self._check_unchanged()
        staged: list[tuple[str, str, str]] = []  # (temp file, target, target's hash as read)
        try:
            for (path, data, expected), target in zip(self.writes, targets, strict=True):
                try:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
                    staged.append((tmp, str(target), expected))
                    with os.fdopen(fd, "wb") as handle:
                        handle.write(data)
                        handle.flush()
                        os.fsync(handle.fileno())
                    os.chmod(tmp, _new_file_mode(target))
                except OSError as exc:
                    raise _os_error(exc, path, self.root) from None
            journal = {
                "replace": staged,
                "remove": [
                    (str(target), expected)
                    for (_, expected), target in zip(self.removals, removal_targets, strict=True)
                ],
            }
            try:
                atomic_write_bytes(self.root / JOURNAL_NAME, json.dumps(journal, indent=1).encode("utf-8"))
            except OSError as exc:
                raise _os_error(exc, self.root / JOURNAL_NAME, self.root) from None
            self._check_unchanged()
        except BaseException:
            for tmp, *_ in staged:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            with contextlib.suppress(OSError):
                os.unlink(self.root / JOURNAL_NAME)
            raise
        _finish(self.root, journal)


def _finish(root: Path, journal: dict) -> int:
    """Do the journal's renames and removals; a target whose hash is no longer the one the run read
    (edited after a kill, before this recovery) is left as it is and its staged version dropped."""
    done = 0
    edited: list[str] = []
    for tmp, target, *read in journal.get("replace", []):
        if os.path.exists(tmp):
            if read and _current_hash(Path(target)) != read[0]:
                edited.append(target)
                os.unlink(tmp)
                continue
            os.replace(tmp, target)
            done += 1
    for item in journal.get("remove", []):
        target, *read = [item] if isinstance(item, str) else item
        if read and _current_hash(Path(target)) not in ("", read[0]):
            edited.append(target)
            continue
        with contextlib.suppress(FileNotFoundError):
            os.unlink(target)
            done += 1
    os.unlink(Path(root) / JOURNAL_NAME)
    if edited:
        raise HandbookError(
            "edited after a run was stopped while replacing it; your edit is kept (the stopped run's "
            "version of this file was dropped"
            + (f", and of {len(edited) - 1} other edited file(s)" if len(edited) > 1 else "")
            + f"; its {done} other file(s) were completed)",
            path=_shown(Path(edited[0]), root),
            fix="run the command again: it reads your edit and redoes what the stopped run had prepared",
        )
    return done


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(os.path.realpath(root)).as_posix()
    except ValueError:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return str(path)


def recover_journal(root: Path) -> int:
    """Complete the replacements of a run killed half-way (call under the project lock); how many.

    A target edited since the killed run read it is never overwritten: the edit is kept, the run's
    version of it dropped, and a HandbookError names the file (the other replacements are done)."""
    path = Path(root) / JOURNAL_NAME
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return 0
    except (ValueError, UnicodeDecodeError):
        # A journal torn while being written: nothing was replaced yet; its temp files are leftovers.
        path.unlink()
        return 0
    return _finish(root, journal)
