"""``ppta course validate``: olxcleaner's Python API (what Studio runs on import), at all 8 steps.

The academy's blocks are allowed. Besides olxcleaner's ERRORs, a ``MissingFile``
(a ``/static/`` link or course image without its file, a WARNING in olxcleaner) counts as an error:
Studio would import such a course with broken links.
"""

from __future__ import annotations

import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from olxcleaner import validate

from course_templates.archive import extract_archive
from course_templates.builder import ADVANCED_MODULES

ALL_STEPS = 8
ERROR_NAMES = frozenset({"MissingFile"})


@dataclass(frozen=True)
class Finding:
    level: str  # olxcleaner's level name, or ERROR for promoted findings
    name: str  # olxcleaner's error class, e.g. InvalidXML
    filename: str
    description: str

    def __str__(self) -> str:
        return f"{self.level} {self.name} in {self.filename}: {self.description}"


@dataclass(frozen=True)
class ValidationReport:
    path: Path
    errors: tuple[Finding, ...]
    warnings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


def validate_course(path: Path) -> ValidationReport:
    """Validate an OLX folder (with ``course.xml``, or one sub-folder holding it) or a ``.tar.gz``.

    Raises ``FileNotFoundError`` for a missing path and ``UnsafeArchiveError`` for an archive that
    cannot be unpacked safely.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist")
    if path.is_dir():
        return _validate_folder(path, _course_root(path))
    with tempfile.TemporaryDirectory(prefix="ppta-validate-") as scratch:
        if not tarfile.is_tarfile(path):
            return ValidationReport(path, (Finding("ERROR", "NotAnArchive", str(path),
                                                   "not a course folder or a .tar.gz archive"),), ())
        extract_archive(path, Path(scratch))
        return _validate_folder(path, _course_root(Path(scratch)))


def _course_root(folder: Path) -> Path:
    """``folder`` if it holds course.xml, else its only sub-folder that does (Studio's ``course/``)."""
    if (folder / "course.xml").is_file():
        return folder
    candidates = [child for child in sorted(folder.iterdir()) if (child / "course.xml").is_file()]
    return candidates[0] if len(candidates) == 1 else folder


def _validate_folder(reported_path: Path, root: Path) -> ValidationReport:
    _course, store, _url_names = validate(str(root), steps=ALL_STEPS, allowed_xblocks=list(ADVANCED_MODULES))
    errors, warnings = [], []
    for error in store.errors:
        finding = Finding(error.level, error.name, _relative(error.filename, root), error.description)
        if error.level == "ERROR" or error.name in ERROR_NAMES:
            errors.append(Finding("ERROR", finding.name, finding.filename, finding.description))
        elif error.level == "WARNING":
            warnings.append(finding)
    return ValidationReport(reported_path, tuple(errors), tuple(warnings))


def _relative(filename: str, root: Path) -> str:
    try:
        return Path(filename).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return filename
