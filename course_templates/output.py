"""Write a course template to disk: the OLX folder and the archive, both or neither.

Everything is first written into a staging folder next to the targets (same file system), then
renamed into place, so a reader never sees a half-written course. An existing target is refused
unless ``replace=True``; then the old folder is swapped out and removed only after the new one is
in place (the archive is replaced atomically by ``os.replace``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from course_templates.archive import course_archive
from course_templates.builder import build_course
from course_templates.spec import CourseSpec


class OutputExistsError(FileExistsError):
    """A target exists and replacing it was not asked for."""


@dataclass(frozen=True)
class CourseOutput:
    folder: Path  # OLX root with course.xml
    archive: Path  # <org>-<number>-<run>.tar.gz
    changed: bool  # False when identical files were already there


def targets(spec: CourseSpec, out_dir: Path) -> tuple[Path, Path]:
    return out_dir / spec.slug, out_dir / f"{spec.slug}.tar.gz"


def write_course(
    spec: CourseSpec, out_dir: Path, *, replace: bool = False, skip_identical: bool = False
) -> CourseOutput:
    """Build ``spec`` into ``out_dir``; ``skip_identical`` leaves an up-to-date output untouched."""
    files = build_course(spec)
    archive_bytes = course_archive(files)
    folder, archive = targets(spec, out_dir)
    if skip_identical and _is_identical(folder, archive, files, archive_bytes):
        return CourseOutput(folder, archive, changed=False)
    existing = [path for path in (folder, archive) if path.exists() or path.is_symlink()]
    if existing and not replace:
        raise OutputExistsError(f"{existing[0]} already exists (use --replace to replace it)")
    for path, kind in ((folder, "folder"), (archive, "file")):
        if path.is_symlink() or (path.exists() and (path.is_dir() != (kind == "folder"))):
            raise OutputExistsError(f"{path} exists and is not a {kind}; remove it first")
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out_dir, prefix=f".{spec.slug}.staging-"))
    previous, moved_previous, new_in_place = staging / "previous", False, False
    try:
        new_folder = staging / "course"
        for relative, data in files.items():
            path = new_folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        new_archive = staging / "course.tar.gz"
        new_archive.write_bytes(archive_bytes)
        if folder.exists():
            os.replace(folder, previous)
            moved_previous = True
        os.replace(new_folder, folder)
        new_in_place = True
        os.replace(new_archive, archive)  # last, and atomic: on failure the old archive is untouched
    except BaseException:
        # Put the previous folder back, so a failure leaves exactly what was there before.
        if new_in_place:
            os.replace(folder, staging / "discarded")
        if moved_previous:
            os.replace(previous, folder)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return CourseOutput(folder, archive, changed=True)


def _is_identical(folder: Path, archive: Path, files: dict[str, bytes], archive_bytes: bytes) -> bool:
    if not archive.is_file() or not folder.is_dir() or archive.read_bytes() != archive_bytes:
        return False
    on_disk = {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}
    return on_disk == set(files) and all((folder / name).read_bytes() == data for name, data in files.items())


def write_file_atomically(path: Path, data: bytes, *, replace: bool = False) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and ``os.replace``."""
    if path.exists() and not replace:
        raise OutputExistsError(f"{path} already exists (use --replace to replace it)")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_archive(spec: CourseSpec, out_dir: Path) -> tuple[Path, bool]:
    """Write only ``<slug>.tar.gz`` into ``out_dir``, leaving a byte-identical file untouched.

    Returns the path and whether it was (re)written.
    """
    path = targets(spec, out_dir)[1]
    data = course_archive(build_course(spec))
    if path.is_file() and path.read_bytes() == data:
        return path, False
    out_dir.mkdir(parents=True, exist_ok=True)
    write_file_atomically(path, data, replace=True)
    return path, True
