"""Find every file under the corpus folder and decide which ones to read.

Nothing is dropped silently: each entry becomes either a file to read or a skip with a
reason a person can act on. Symlinks are never followed out of the corpus.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from corpus_mining.ingest.readers import READERS

_SYSTEM_NAMES = {"thumbs.db", "desktop.ini", "icon\r", ".ds_store"}


@dataclass(frozen=True)
class Entry:
    """A file found under the corpus: ``skip`` is None when it should be read."""

    path: Path
    relpath: str
    skip: str | None = None


def display_path(path: Path, root: Path) -> str:
    """Path relative to the corpus, POSIX style; undecodable bytes shown as escapes."""
    relative = os.path.relpath(path, root).replace(os.sep, "/")
    return os.fsencode(relative).decode("utf-8", errors="backslashreplace")


def _within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _classify(path: Path, root: Path, max_bytes: int, metadata: Path | None) -> str | None:
    name = path.name
    if name.lower() in _SYSTEM_NAMES or name.startswith("~$") or name.startswith("."):
        return "hidden or system file (not a document)"
    if metadata is not None and path.absolute() == metadata.absolute():
        return "metadata file (read as metadata, not as a document)"
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "broken or looping symlink: point it at a real file or remove it"
        if not _within(target, root.resolve()):
            return "symlink to a file outside the corpus (not followed): copy the file in"
    try:
        info = path.stat()
    except OSError as error:
        return f"cannot stat file ({error.strerror})"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (device, socket or pipe)"
    if path.suffix.lower() not in READERS:
        supported = ", ".join(sorted({fmt for fmt, _ in READERS.values()}))
        return f"unsupported extension '{path.suffix or '(none)'}': convert it to {supported}"
    if info.st_size == 0:
        return "empty file"
    if info.st_size > max_bytes:
        return (
            f"file is {info.st_size / 2**20:.0f} MB, over ingest.max_file_mb: split it or "
            "raise the limit"
        )
    if not os.access(path, os.R_OK):
        return "permission denied: make the file readable (chmod +r)"
    return None


def discover(root: Path, *, max_bytes: int, metadata: Path | None = None) -> Iterator[Entry]:
    """Every entry under ``root`` in a stable (sorted) order."""
    root = Path(root)
    unreadable: list[OSError] = []
    for folder, dirnames, filenames in os.walk(root, followlinks=False, onerror=unreadable.append):
        base = Path(folder)
        dirnames.sort()
        for dirname in list(dirnames):
            sub = base / dirname
            if dirname.startswith(".") or sub.is_symlink():
                dirnames.remove(dirname)
                what = "symlinked folder (not followed)" if sub.is_symlink() else "hidden folder"
                yield Entry(sub, display_path(sub, root), f"{what}: its files are not scanned")
        for filename in sorted(filenames):
            path = base / filename
            yield Entry(path, display_path(path, root), _classify(path, root, max_bytes, metadata))
    for error in unreadable:
        bad = Path(str(error.filename))
        reason = f"folder cannot be read ({error.strerror}): fix its permissions"
        yield Entry(bad, display_path(bad, root), reason)
