"""Sample data for ``ppta demo setup``: the 24 template archives the demo's area page offers."""

from __future__ import annotations

from pathlib import Path

from course_templates.catalogue import catalogue_specs
from course_templates.output import write_archive

ARCHIVE_FOLDER = "course-templates"  # under the demo's VAR_DIR


def archive_dir() -> Path:
    from django.conf import settings

    return Path(settings.VAR_DIR) / ARCHIVE_FOLDER


def setup(echo) -> None:
    """Build every catalogue template archive into ``VAR_DIR/course-templates`` (idempotent:
    byte-identical archives are left alone)."""
    folder = archive_dir()
    written = sum(write_archive(spec, folder)[1] for spec in catalogue_specs())
    total = len(catalogue_specs())
    echo(f"Course templates: {written} of {total} archives written, {total - written} already up to date ({folder}).")
