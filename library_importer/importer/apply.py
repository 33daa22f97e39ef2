"""Writing the planned steps to storage and the catalog, so that a kill at any moment leaves it consistent.

Files are stored under content-addressed names (``ppta-library/<sha[:2]>/<sha>.<ext>``) *before*
the transaction holding their material's rows; the rows, with each material's ``source_checksum``,
are committed in batches (``PPTA_LIBRARY_IMPORT_BATCH_SIZE`` materials, or what was prepared in
``BATCH_SECONDS``): one commit per batch instead of one per material, since a commit is a disk flush
on SQLite and InnoDB alike, and a flush waits behind the library files being written back.
A crash therefore leaves at most orphan files, never a row pointing at nothing, and the next run
redoes exactly the materials whose checksum is not stored. A material is reported as applied only
once its batch is committed.

Storing files and counting PDF pages (``prepare``) runs in a few threads ahead of the database
writes (``threads.map_in_order``).
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.db import transaction

from library_importer import mysql_search
from library_importer.importer.files import pdf_page_count
from library_importer.importer.plan import CREATE, WITHDRAW, Step
from library_importer.importer.threads import map_in_order
from library_importer.importer.validate import MaterialSpec, VersionSpec
from library_importer.models import (
    Material,
    MaterialArea,
    MaterialTitle,
    MaterialVersion,
    library_storage,
    material_search_facets,
    material_search_text,
    set_status,
)

STORAGE_PREFIX = "ppta-library"
BATCH_SECONDS = 1.0  # a batch is committed after this long, so progress (and what a kill keeps) stays close


def storage_name(sha256: str, file_name: str) -> str:
    return f"{STORAGE_PREFIX}/{sha256[:2]}/{sha256}{Path(file_name).suffix.lower()}"


def store_file(version: VersionSpec, made_folders: set[str] | None = None) -> str:
    """Copy the version's file into library storage (once per content) and return its storage name."""
    return store_stream(version.sha256, version.file_name, version.size, lambda: open(version.path, "rb"),
                        source_path=version.path, made_folders=made_folders)


def store_stream(sha256: str, file_name: str, size: int | None, open_stream, *, source_path: str | None = None,
                 made_folders: set[str] | None = None) -> str:
    """Copy a document (``open_stream()`` gives it) into library storage once per content; its storage name.

    With ``source_path`` (a file on disk) and a local storage, the kernel copies it (see below).
    """
    storage = library_storage()
    name = storage_name(sha256, file_name)
    if storage.exists(name):
        if storage.size(name) == size:
            return name
        storage.delete(name)  # a copy cut short by a crash: write it again
    try:
        target = storage.path(name) if source_path else None
    except NotImplementedError:  # a remote storage (S3 …): stream it through the storage API
        target = None
    if target is None:
        with open_stream() as stream:
            return storage.save(name, File(stream, name=name))
    _copy_into_folder_storage(storage, source_path, target, made_folders)
    return name


def _copy_into_folder_storage(storage, source: str, target: str, made_folders: set[str] | None) -> None:
    """A local storage: copy in the kernel (``shutil.copyfile``) to a temporary name, then rename.

    The rename is atomic, so the final name never holds a partial copy; the storage's permission
    settings are applied as its own ``save`` would.
    """
    folder = os.path.dirname(target)
    if made_folders is None or folder not in made_folders:
        mode = getattr(storage, "directory_permissions_mode", None)
        os.makedirs(folder, **({"mode": mode} if mode is not None else {}), exist_ok=True)
        if made_folders is not None:
            made_folders.add(folder)
    # one name per process and thread: two materials sharing a file may be stored at the same moment
    partial = f"{target}.{os.getpid()}-{threading.get_ident()}.partial"
    try:
        shutil.copyfile(source, partial)
        mode = getattr(storage, "file_permissions_mode", None)
        if mode is not None:
            os.chmod(partial, mode)
        os.replace(partial, target)
    except BaseException:
        if os.path.exists(partial):
            os.unlink(partial)
        raise


@dataclass(slots=True)
class Prepared:
    """A step whose files are stored and whose PDFs are counted: only database rows are left to write."""

    step: Step
    stored_files: dict[str, str] = field(default_factory=dict)
    page_counts: dict[str, int | None] = field(default_factory=dict)


def prepare(step: Step, made_folders: set[str] | None = None) -> Prepared:
    prepared = Prepared(step)
    if step.action == WITHDRAW:
        return prepared
    for lang, version in step.spec.versions.items():
        if version.path:
            prepared.stored_files[lang] = store_file(version, made_folders)
            if version.mime_type == "application/pdf":
                prepared.page_counts[lang] = pdf_page_count(version.path)
    return prepared


def apply_steps(steps: Iterable[Step], on_applied: Callable[[Step], None] = lambda step: None,
                tick: Callable[[], None] = lambda: None, *, batch_size: int) -> None:
    """Apply every step; ``on_applied`` is called for each once it is committed, ``tick`` while waiting."""
    batch: list[Prepared] = []
    opened = time.monotonic()

    def commit() -> None:
        with transaction.atomic():
            create_materials([prepared for prepared in batch if prepared.step.action == CREATE])
            for prepared in batch:
                if prepared.step.action != CREATE:
                    _write(prepared)
        for prepared in batch:
            on_applied(prepared.step)
        batch.clear()

    made_folders: set[str] = set()  # shared by the worker threads: adding to a set is atomic under the GIL
    for prepared in map_in_order(lambda step: prepare(step, made_folders), steps, tick):
        if not batch:
            opened = time.monotonic()
        batch.append(prepared)
        if len(batch) >= batch_size or time.monotonic() - opened >= BATCH_SECONDS:
            commit()
    if batch:
        commit()


def _write(prepared: Prepared) -> None:
    step = prepared.step
    if step.action == WITHDRAW:
        set_status(Material.objects.filter(external_id=step.material_id), Material.Status.WITHDRAWN)
    else:
        update_material(step.spec, prepared.stored_files, prepared.page_counts)


def create_materials(batch: list[Prepared]) -> None:
    """Insert new materials with their areas and versions: three INSERTs for the whole batch."""
    if not batch:
        return
    rows = [_material_rows(prepared.step.spec, prepared.stored_files, prepared.page_counts) for prepared in batch]
    materials = Material.objects.bulk_create([Material(external_id=prepared.step.spec.id, **fields)
                                              for prepared, (fields, _, _) in zip(batch, rows, strict=True)])
    if any(material.pk is None for material in materials):  # a database that returns no ids (MySQL)
        ids = dict(Material.objects.filter(external_id__in=[m.external_id for m in materials])
                   .values_list("external_id", "pk"))
        for material in materials:
            material.pk = ids[material.external_id]
    MaterialArea.objects.bulk_create([MaterialArea(material=material, area=area)
                                      for material, prepared in zip(materials, batch, strict=True)
                                      for area in prepared.step.spec.areas])
    versions, titles = [], []
    for material, (_, material_versions, material_titles) in zip(materials, rows, strict=True):
        for row in (*material_versions, *material_titles):
            row.material = material
        versions += material_versions
        titles += material_titles
    MaterialVersion.objects.bulk_create(versions)
    if titles:
        MaterialTitle.objects.bulk_create(titles)
    mysql_search.refresh(Material.objects.filter(pk__in=[material.pk for material in materials]))  # no save() ran


def _material_rows(spec: MaterialSpec, stored_files: dict[str, str], page_counts: dict[str, int | None],
                   origin: str = Material.Origin.IMPORTED):
    """The material's field values, its (unsaved) versions and its titles without a document."""
    versions = [
        MaterialVersion(language=lang, title=v.title, description=v.description, url=v.url,
                        file=stored_files.get(lang, ""), sha256=v.sha256, size=v.size, mime_type=v.mime_type,
                        page_count=page_counts.get(lang))
        for lang, v in spec.versions.items()
    ]
    titles = [MaterialTitle(language=lang, title=title, description=description)
              for lang, (title, description) in spec.titles.items()]
    fields = {name: getattr(spec, name) for name in ("type", "year", "project", "country", "audience", "license")}
    fields.update(status=Material.Status.PUBLISHED, search_text=material_search_text(spec.id, versions, titles),
                  search_facets=material_search_facets(spec.areas, spec.versions),
                  source_checksum=spec.checksum, origin=origin)
    return fields, versions, titles


def update_material(spec: MaterialSpec, stored_files: dict[str, str], page_counts: dict[str, int | None],
                    origin: str = Material.Origin.IMPORTED) -> Material:
    """Create or update one material's rows; an existing version keeps its id and download count.

    Imports call it inside their batch's transaction; a contribution (``origin``) stores its files itself.
    """
    fields, versions, titles = _material_rows(spec, stored_files, page_counts, origin)
    material, _ = Material.objects.select_for_update().update_or_create(external_id=spec.id, defaults=fields)
    material.area_links.all().delete()
    material.titles.all().delete()
    material.versions.exclude(language__in=list(spec.versions)).delete()
    MaterialArea.objects.bulk_create([MaterialArea(material=material, area=area) for area in spec.areas])
    for title in titles:
        title.material = material
    MaterialTitle.objects.bulk_create(titles)
    missing = []
    for version in versions:
        version.material = material
        if not MaterialVersion.objects.filter(material=material, language=version.language).update(
                **{field: getattr(version, field) for field in VERSION_FIELDS}):
            missing.append(version)
    MaterialVersion.objects.bulk_create(missing)
    return material


VERSION_FIELDS = ("title", "description", "url", "file", "sha256", "size", "mime_type", "page_count")
