"""Helpers and fixtures for the importer tests (imported by each test module: no conftest, so the
read-side tests in this folder are unaffected): a private media root and a builder of import sources.

Use: ``from tests.library_importer.import_helpers import media_fixture, source_fixture  # noqa: F401``.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from click.testing import CliRunner

from library_importer.cli import library
from library_importer.importer.manifest import COLUMNS
from tests.library_importer.documents import minimal_pdf
from tests.services import REPO_ROOT, test_database_url


@pytest.fixture(autouse=True, name="media")
def media_fixture(settings, tmp_path_factory):
    """Each test stores library files in its own empty media root."""
    root = tmp_path_factory.mktemp("media")
    settings.MEDIA_ROOT = str(root)
    return root


def stored_files(media: Path) -> list[Path]:
    return sorted(path for path in media.rglob("*") if path.is_file())


def material_row(material_id: str, **values) -> dict:
    """A valid manifest row (English PDF version) with ``values`` replacing the defaults."""
    row = {"id": material_id, "type": "handbook", "areas": "integration", "year": "2020",
           "title_en": f"Handbook {material_id}", "description_en": f"About {material_id}.",
           "file_en": f"files/{material_id}.pdf"}
    row.update(values)
    return row


class SourceBuilder:
    """Writes ``manifest.csv`` and the files it names (a tiny PDF unless given) into a folder."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def write(self, rows: list[dict], files: dict[str, bytes] | None = None, *, encoding: str = "utf-8",
              pdf_pages: int = 1) -> Path:
        files = dict(files or {})
        for row in rows:
            for lang in ("en", "ru"):
                name = row.get(f"file_{lang}")
                if name and name not in files and not name.startswith("/") and ".." not in name:
                    files[name] = minimal_pdf(pdf_pages, f"{row['id']} {lang}")
        for name, content in files.items():
            if content is None:
                continue
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        with open(self.root / "manifest.csv", "w", encoding=encoding, newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=list(COLUMNS), extrasaction="raise")
            writer.writeheader()
            for row in rows:
                writer.writerow(row)
        return self.root


@pytest.fixture(name="source")
def source_fixture(tmp_path) -> SourceBuilder:
    return SourceBuilder(tmp_path / "source")


def run_cli(*args: str):
    """``ppta library ARGS`` in-process; returns click's Result (exit_code, output with stderr)."""
    return CliRunner().invoke(library, [str(arg) for arg in args], catch_exceptions=False)


# Other processes (a killed import, a celery worker) ------------------------------------------------

PPTA = Path(sys.executable).with_name("ppta")


def shared_database_url(tmp_path: Path) -> str:
    """A database other processes can open: the MariaDB test database pytest-django created (the
    test must use ``django_db(transaction=True)`` so rows are committed), else a SQLite file."""
    from django.db import connection

    base = test_database_url()
    if base:
        return urlunsplit(urlsplit(base)._replace(path="/" + connection.settings_dict["NAME"]))
    return f"sqlite:///{tmp_path / 'shared.sqlite3'}"


def subprocess_env(tmp_path: Path, media: Path, **extra: str) -> dict[str, str]:
    """Environment for a ppta process on the shared database and this test's media root."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PPTA_", "DJANGO_"))}
    env.update(DJANGO_SETTINGS_MODULE="ppta_demo.settings", PPTA_DATABASE_URL=shared_database_url(tmp_path),
               PPTA_MEDIA_ROOT=str(media), PPTA_VAR_DIR=str(tmp_path / "var"),
               PYTHONPATH=os.pathsep.join([str(REPO_ROOT), str(REPO_ROOT / "deployment" / "demo")]), **extra)
    return env


INSPECT_CATALOG = """
import json
from ppta.django_env import setup_django
setup_django()
from library_importer.models import ImportRun, Material, MaterialVersion, library_storage
storage = library_storage()
versions = MaterialVersion.objects.exclude(file="")
print(json.dumps({
    "materials": Material.objects.count(),
    "complete": Material.objects.exclude(source_checksum="").count(),
    "versions": versions.count(),
    "dangling": [v.file.name for v in versions
                 if not storage.exists(v.file.name) or storage.size(v.file.name) != v.size],
    "runs": list(ImportRun.objects.order_by("pk").values_list("state", flat=True)),
    "run_counts": list(ImportRun.objects.order_by("pk").values_list("counts", flat=True)),
}))
"""


def inspect_catalog(env: dict[str, str]) -> dict:
    """The catalog as another process sees it: counts, runs, and versions whose file is missing or short."""
    done = subprocess.run([sys.executable, "-c", INSPECT_CATALOG], env=env, capture_output=True, text=True,
                          check=True, timeout=60)
    return json.loads(done.stdout.strip().splitlines()[-1])
