"""sha256 of source files, remembered per (absolute path, size, mtime) so an unchanged folder is not re-read.

Like make and rsync, a file whose size and modification time are unchanged is taken as unchanged;
``--rehash`` reads every file again. Files unpacked from a zip are always read (they are new
files each time).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from library_importer.importer.files import sha256_of
from library_importer.models import SourceFileHash

BATCH = 500


def path_key(path: Path | str) -> str:
    return hashlib.sha256(str(path).encode("utf-8", "surrogateescape")).hexdigest()


class FileHashCache:
    def __init__(self, *, trust_known: bool, remember: bool):
        """``trust_known``: reuse remembered hashes; ``remember``: keep this run's hashes for the next."""
        self.enabled = remember
        self.trust_known = trust_known and remember
        # path (as text) -> (size, mtime_ns, sha256); the database knows each path by its ``path_key``
        self._known: dict[str, tuple[int, int, str]] = {}
        self._fresh: dict[str, tuple[int, int, str]] = {}  # computed in this run, to remember

    def preload(self, paths: Iterable[Path | str]) -> None:
        """Fetch what earlier imports remembered about these files, in a few queries."""
        if not self.trust_known:
            return
        path_of = {path_key(path): str(path) for path in paths}
        keys = sorted(path_of)
        for start in range(0, len(keys), BATCH):
            rows = SourceFileHash.objects.filter(path_key__in=keys[start:start + BATCH])
            for key, size, mtime_ns, sha256 in rows.values_list("path_key", "size", "mtime_ns", "sha256"):
                self._known[path_of[key]] = (size, mtime_ns, sha256)

    def remembered(self, path: Path | str, size: int, mtime_ns: int) -> tuple[str, int] | None:
        """(sha256, size) when this file passed an import's checks before and its ``size`` and ``mtime_ns``
        (from the caller's ``os.stat``) are unchanged.

        Only files that passed the content checks are remembered (``sha256`` is asked after them), so a
        remembered file need not be checked again; ``--rehash`` (``trust_known=False``) checks every file.
        """
        if not self.trust_known:
            return None
        known = self._known.get(str(path))
        if known and known[0] == size and known[1] == mtime_ns:
            return known[2], known[0]
        return None

    def sha256(self, path: Path | str, tick: Callable[[], None] | None = None) -> tuple[str, int]:
        """(sha256, size) of the file, from memory when its size and mtime are unchanged."""
        if not self.enabled:
            return sha256_of(path, tick)
        status = os.stat(path)
        key = str(path)
        known = self._known.get(key) or self._fresh.get(key)
        if known and known[:2] == (status.st_size, status.st_mtime_ns):
            return known[2], known[0]
        sha256, size = sha256_of(path, tick)
        if size == status.st_size:  # not written to while we read it
            self._fresh[key] = (size, status.st_mtime_ns, sha256)
        return sha256, size

    def save(self) -> None:
        """Remember the hashes computed in this run (only new or changed files: nothing when unchanged)."""
        if not self.enabled:
            return
        fresh = [(path_key(path), facts) for path, facts in self._fresh.items()]
        for start in range(0, len(fresh), BATCH):
            batch = dict(fresh[start:start + BATCH])
            existing = set(SourceFileHash.objects.filter(path_key__in=batch).values_list("path_key", flat=True))
            for key in existing:
                size, mtime_ns, sha256 = batch.pop(key)
                SourceFileHash.objects.filter(path_key=key).update(size=size, mtime_ns=mtime_ns, sha256=sha256)
            SourceFileHash.objects.bulk_create(
                [SourceFileHash(path_key=key, size=size, mtime_ns=mtime_ns, sha256=sha256)
                 for key, (size, mtime_ns, sha256) in batch.items()],
                ignore_conflicts=True,
            )
        self._known.update(self._fresh)
        self._fresh.clear()
