"""Opening an import source (a folder or a ``.zip``) and resolving the file names a manifest gives.

A zip is unpacked into a temporary folder first, member by member, counting the bytes actually
produced (headers can lie): members that would escape the folder, symlinks, and archives whose
content is too large or too compressed (zip bombs) are refused before anything is imported.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from library_importer.importer.limits import Limits, human_size
from library_importer.importer.problems import SourceError

CHUNK_SIZE = 1024 * 1024
# Small members may legitimately compress very well (a page of spaces); the ratio limit applies
# once a member has produced this much.
RATIO_CHECK_FROM = 1024 * 1024


class UnsafePath(ValueError):
    """A file name in the manifest that points outside the source or at something not allowed."""


@dataclass
class Source:
    """An opened source: ``root`` holds the manifest and the files (a real folder)."""

    label: str  # what the operator passed
    root: Path
    is_archive: bool
    # zip members not unpacked because they exceed the per-file limit: name -> bytes seen
    oversized: dict[str, int] = field(default_factory=dict)
    # folder (relative parts) -> (its path as text, whether it or a folder above it within the source is a
    # symbolic link): asked once per folder, not once per file in it
    _folders: dict[tuple[str, ...], tuple[str, bool]] = field(default_factory=dict, repr=False)

    def locate(self, name: str) -> tuple[str, os.stat_result]:
        """The file a manifest names, relative to the source: its absolute path (as text) and its ``os.stat``.

        Raises ``UnsafePath`` (an absolute path, ``..``, a symbolic link, of the file or of a folder on the
        way, leading outside the source) or ``FileNotFoundError`` (missing, or not a regular file).
        One ``lstat`` per file, and one per folder; a file or folder that is a symbolic link is resolved.
        """
        normal = name.replace("\\", "/")
        parts = tuple(part for part in normal.split("/") if part and part != ".")
        if normal.startswith("/") or (parts and parts[0].endswith(":")):
            raise UnsafePath(f"absolute path {name!r} is not allowed; give a path inside the source")
        if ".." in parts:
            raise UnsafePath(f"path {name!r} leaves the source folder ('..' is not allowed)")
        if not parts:
            raise FileNotFoundError(name)
        folder, linked = self._folder(parts[:-1])
        path = f"{folder}/{parts[-1]}" if folder != "/" else f"/{parts[-1]}"
        if linked:
            self._check_inside(path, name)
        try:
            status = os.lstat(path)
            if stat.S_ISLNK(status.st_mode):
                if not linked:
                    self._check_inside(path, name)
                status = os.stat(path)
        except OSError as error:
            if error.errno in _MISSING:  # as pathlib's is_file(): missing, a file on the way, a link loop
                raise FileNotFoundError(name) from error
            raise
        if not stat.S_ISREG(status.st_mode):
            raise FileNotFoundError(name)
        return path, status

    def _folder(self, parts: tuple[str, ...]) -> tuple[str, bool]:
        known = self._folders.get(parts)
        if known is None:
            if not parts:
                known = (str(self.root), False)
            else:
                parent, linked = self._folder(parts[:-1])
                path = os.path.join(parent, parts[-1])
                known = (path, linked or os.path.islink(path))
            self._folders[parts] = known
        return known

    def _check_inside(self, path: str, name: str) -> None:
        target = os.path.realpath(path)
        root = str(self.root)
        if target != root and not target.startswith(root.rstrip("/") + "/"):
            raise UnsafePath(f"{name!r} is a symbolic link to a file outside the source")


# The errors pathlib's ``is_file`` and ``is_symlink`` take as "no such file".
_MISSING = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


@contextlib.contextmanager
def open_source(location: str | os.PathLike, limits: Limits) -> Iterator[Source]:
    """Open a folder or a ``.zip``; a zip is unpacked (with the safety checks) into a temporary folder."""
    path = Path(location)
    if path.is_dir():
        yield Source(label=str(location), root=_manifest_folder(path.resolve()), is_archive=False)
        return
    if not path.is_file():
        raise SourceError(f"source {str(location)!r} does not exist")
    if not zipfile.is_zipfile(path):
        raise SourceError(f"source {str(location)!r} is neither a folder nor a .zip archive")
    with tempfile.TemporaryDirectory(prefix="ppta-library-import-") as folder:
        root = Path(folder).resolve()
        oversized = _unpack(path, root, limits)
        yield Source(label=str(location), root=_manifest_folder(root), is_archive=True, oversized=oversized)


def _manifest_folder(root: Path) -> Path:
    """The source folder itself, or its only sub-folder (a zip made of one top folder, as from a file manager)."""
    entries = [entry for entry in root.iterdir() if not entry.name.startswith(".") and entry.name != "__MACOSX"]
    if len(entries) == 1 and entries[0].is_dir() and not entries[0].is_symlink():
        return entries[0]
    return root


def _unpack(archive: Path, root: Path, limits: Limits) -> dict[str, int]:
    oversized: dict[str, int] = {}
    total = 0
    with zipfile.ZipFile(archive) as zf:
        members = zf.infolist()
        for info in members:
            _check_member_name(info)
        for info in members:
            target = root.joinpath(*PurePosixPath(info.filename).parts)
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            produced, complete = _unpack_member(zf, info, target, limits, total)
            total += produced
            if not complete:
                oversized[info.filename] = produced
    return oversized


def _check_member_name(info: zipfile.ZipInfo) -> None:
    name = info.filename
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or (pure.parts and pure.parts[0].endswith(":")):
        raise SourceError(f"zip member {name!r} has an absolute path; the archive is refused")
    if ".." in pure.parts:
        raise SourceError(f"zip member {name!r} would be written outside the source ('..'); the archive is refused")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise SourceError(f"zip member {name!r} is a symbolic link; the archive is refused")


def _unpack_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, limits: Limits, total_before: int):
    """Copy one member, enforcing the limits on what is actually produced; returns (bytes, complete)."""
    produced = 0
    max_ratio_size = max(info.compress_size, 1) * limits.max_compression_ratio
    with zf.open(info) as source, open(target, "wb") as out:
        while chunk := source.read(CHUNK_SIZE):
            produced += len(chunk)
            if total_before + produced > limits.max_total_size:
                raise SourceError(
                    f"the archive unpacks to more than {human_size(limits.max_total_size)} "
                    f"(PPTA_LIBRARY_MAX_TOTAL_SIZE); refused as a possible zip bomb"
                )
            if produced > RATIO_CHECK_FROM and produced > max_ratio_size:
                raise SourceError(
                    f"zip member {info.filename!r} expands more than {limits.max_compression_ratio:g} times "
                    f"(PPTA_LIBRARY_MAX_COMPRESSION_RATIO); refused as a possible zip bomb"
                )
            if produced > limits.max_file_size:
                out.close()
                target.unlink()
                return produced, False
            out.write(chunk)
    return produced, True
