"""Writing one planned step to storage and the catalog, so that a kill at any moment leaves it consistent.

Files are stored under content-addressed names (``ppta-library/<sha[:2]>/<sha>.<ext>``) *before*
the material's transaction; the rows, with the material's ``source_checksum`` last, are written
in one transaction per material. A crash therefore leaves at most an orphan file, never a row
pointing at nothing, and the next run redoes exactly the materials whose checksum is not stored.
"""

from __future__ import annotations

from pathlib import Path

from django.core.files import File
from django.db import transaction

from library_importer.importer.files import pdf_page_count
from library_importer.importer.plan import CREATE, WITHDRAW, Step
from library_importer.importer.validate import MaterialSpec, VersionSpec
from library_importer.models import Material, MaterialArea, MaterialVersion, library_storage, material_search_text

STORAGE_PREFIX = "ppta-library"


def storage_name(sha256: str, file_name: str) -> str:
    return f"{STORAGE_PREFIX}/{sha256[:2]}/{sha256}{Path(file_name).suffix.lower()}"


def store_file(version: VersionSpec) -> str:
    """Copy the version's file into library storage (once per content) and return its storage name."""
    return store_stream(version.sha256, version.file_name, version.size, lambda: open(version.path, "rb"))


def store_stream(sha256: str, file_name: str, size: int | None, open_stream) -> str:
    """Copy a document (``open_stream()`` gives it) into library storage once per content; its storage name."""
    storage = library_storage()
    name = storage_name(sha256, file_name)
    if storage.exists(name):
        if storage.size(name) == size:
            return name
        storage.delete(name)  # a copy cut short by a crash: write it again
    with open_stream() as stream:
        saved = storage.save(name, File(stream, name=name))
    return saved


def apply_step(step: Step) -> None:
    if step.action == WITHDRAW:
        Material.objects.filter(external_id=step.material_id).update(status=Material.Status.WITHDRAWN)
    else:
        apply_material(step.spec, new=step.action == CREATE)


def apply_material(spec: MaterialSpec, *, new: bool = False, origin: str = Material.Origin.IMPORTED,
                   stored_files: dict[str, str] | None = None, page_counts: dict[str, int | None] | None = None,
                   ) -> Material:
    """Create (``new``: the plan found no such material) or update one material and its versions.

    ``stored_files``/``page_counts`` (by language) are given by a caller that stored the files itself
    (a contribution); otherwise the files at the versions' paths are stored here.
    """
    if stored_files is None:
        stored_files = {lang: store_file(v) for lang, v in spec.versions.items() if v.path}
    if page_counts is None:
        page_counts = {lang: pdf_page_count(v.path) for lang, v in spec.versions.items()
                       if v.path and v.mime_type == "application/pdf"}
    versions = [
        MaterialVersion(language=lang, title=v.title, description=v.description, url=v.url,
                        file=stored_files.get(lang, ""), sha256=v.sha256, size=v.size, mime_type=v.mime_type,
                        page_count=page_counts.get(lang))
        for lang, v in spec.versions.items()
    ]
    fields = {name: getattr(spec, name) for name in ("type", "year", "project", "country", "audience", "license")}
    fields.update(status=Material.Status.PUBLISHED, search_text=material_search_text(spec.id, versions),
                  source_checksum=spec.checksum, origin=origin)
    with transaction.atomic():
        if new:  # a few INSERTs: the common case of a first import
            material = Material.objects.create(external_id=spec.id, **fields)
        else:
            material, _ = Material.objects.select_for_update().update_or_create(external_id=spec.id, defaults=fields)
            material.area_links.all().delete()
            material.versions.exclude(language__in=list(spec.versions)).delete()
        MaterialArea.objects.bulk_create([MaterialArea(material=material, area=area) for area in spec.areas])
        missing = []
        for version in versions:
            version.material = material
            # an existing version is updated in place: it keeps its id and download count
            if new or not MaterialVersion.objects.filter(material=material, language=version.language).update(
                    **{field: getattr(version, field) for field in VERSION_FIELDS}):
                missing.append(version)
        MaterialVersion.objects.bulk_create(missing)
    return material


VERSION_FIELDS = ("title", "description", "url", "file", "sha256", "size", "mime_type", "page_count")
