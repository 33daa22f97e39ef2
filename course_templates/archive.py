"""Byte-reproducible ``.tar.gz`` course archives, and their safe extraction for validation."""

from __future__ import annotations

import gzip
import io
import os
import posixpath
import tarfile
from pathlib import Path

ARCHIVE_TOP = "course"  # Studio exports one top folder named "course"
FIXED_MTIME = 1767225600  # 2026-01-01T00:00:00Z: every entry gets it, so the bytes never depend on the clock
MAX_MEMBERS = 20_000
MAX_TOTAL_SIZE = 1 << 30  # 1 GiB unpacked: more is not a course template but a zip bomb


class UnsafeArchiveError(ValueError):
    """The archive would write outside its folder, holds links or devices, or is too big."""


def course_archive(files: dict[str, bytes], top: str = ARCHIVE_TOP) -> bytes:
    """``files`` (relative path → bytes) as a gzip'd tar under ``top/``, identical for identical input.

    Entries are sorted, with fixed mtime, owner (0/0, no names) and modes; the gzip header carries
    no file name and mtime 0.
    """
    directories = {top}
    for path in files:
        parent = posixpath.dirname(path)
        while parent:
            directories.add(f"{top}/{parent}")
            parent = posixpath.dirname(parent)
    entries = sorted([(name, None) for name in directories] + [(f"{top}/{path}", data) for path, data in files.items()])
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in entries:
            info = tarfile.TarInfo(name)
            info.mtime, info.uid, info.gid, info.uname, info.gname = FIXED_MTIME, 0, 0, "", ""
            if data is None:
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            else:
                info.mode, info.size = 0o644, len(data)
                tar.addfile(info, io.BytesIO(data))
    compressed = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=compressed, compresslevel=9, mtime=0) as gz:
        gz.write(raw.getvalue())
    return compressed.getvalue()


def extract_archive(archive: Path, destination: Path) -> None:
    """Unpack a course ``.tar.gz`` into ``destination``, refusing anything that could escape it.

    Only regular files and folders are written (no links, devices or absolute/``..`` paths), and
    the member count and unpacked size are capped; raises ``UnsafeArchiveError`` before writing
    the offending member. A link already inside ``destination`` is not followed either: each folder
    is checked once (it must resolve inside ``destination``) and files are created without
    following a link in their place.
    """
    destination = destination.resolve()
    safe_folders = {destination}
    total = 0
    try:
        with tarfile.open(archive, mode="r:*") as tar:
            for count, member in enumerate(tar, start=1):
                if count > MAX_MEMBERS:
                    raise UnsafeArchiveError(f"{archive}: more than {MAX_MEMBERS} entries")
                parts = _member_parts(member.name)
                if member.isdir():
                    _safe_folder(destination, parts, safe_folders)
                    continue
                if not member.isfile():
                    raise UnsafeArchiveError(f"{archive}: {member.name!r} is a link or special file")
                total += member.size
                if total > MAX_TOTAL_SIZE:
                    raise UnsafeArchiveError(f"{archive}: unpacks to more than {MAX_TOTAL_SIZE} bytes")
                folder = _safe_folder(destination, parts[:-1], safe_folders)
                source = tar.extractfile(member)
                _write_new_file(folder / parts[-1], source.read() if source else b"")
    except (tarfile.TarError, EOFError, OSError, gzip.BadGzipFile) as error:
        raise UnsafeArchiveError(f"{archive}: not a readable .tar.gz archive ({error})") from None


def _member_parts(name: str) -> tuple[str, ...]:
    parts = tuple(part for part in name.replace("\\", "/").split("/") if part not in ("", "."))
    if not parts or name.startswith("/") or Path(name).is_absolute() or ".." in parts:
        raise UnsafeArchiveError(f"archive entry {name!r} points outside the archive folder")
    return parts


def _safe_folder(destination: Path, parts: tuple[str, ...], safe_folders: set[Path]) -> Path:
    """``destination/parts`` made if missing; it must resolve inside ``destination`` (checked once)."""
    folder = destination.joinpath(*parts)
    if folder not in safe_folders:
        folder.mkdir(parents=True, exist_ok=True)
        resolved = folder.resolve()
        if resolved != destination and destination not in resolved.parents:
            raise UnsafeArchiveError(f"archive folder {'/'.join(parts)!r} points outside the archive folder")
        safe_folders.add(folder)
    return folder


def _write_new_file(target: Path, content: bytes) -> None:
    """Write ``target``, refusing to follow a link that is already in its place."""
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as error:
        if target.is_symlink():
            raise UnsafeArchiveError(f"archive entry {target.name!r} would replace a link") from None
        raise error
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)
