"""The materials catalog: a Material with one version per language, and ImportRun records.

Search is done on ``Material.search_text``: titles, descriptions and ids case-folded in Python
(``ё`` folded to ``е``), because SQLite's LIKE folds only ASCII. The same query then finds
``торговля`` from ``ТОРГОВЛЯ`` on SQLite and MySQL/MariaDB alike.
"""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from course_templates import CONTENT_LANGUAGES, MATERIAL_TYPES
from library_importer import mysql_search


def library_storage():
    """The storage holding library files: ``STORAGES[PPTA_LIBRARY_STORAGE]`` (default: "default")."""
    return storages[getattr(settings, "PPTA_LIBRARY_STORAGE", "default")]


def canonical_material_id(material_id: str) -> str:
    """The one stored form of a material id: lower case (manifests and URLs may use any case)."""
    return (material_id or "").strip().lower()


def fold_for_search(text: str) -> str:
    """Normalise text for case-insensitive search in any script (NFC, casefold, ё→е, spaces)."""
    folded = unicodedata.normalize("NFC", text or "").casefold().replace("ё", "е")
    return " ".join(folded.split())


class Material(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Origin(models.TextChoices):
        IMPORTED = "import", _("Imported from a manifest")
        CONTRIBUTED = "contribution", _("Contributed by a state")

    external_id = models.SlugField(_("ID"), max_length=100, unique=True, help_text=_("Stable id from the manifest."))
    type = models.CharField(_("type"), max_length=32, choices=[(t.id, t.en) for t in MATERIAL_TYPES])
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    project = models.CharField(_("source project"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO 3166 alpha-2 code."))
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    license = models.CharField(_("license"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PUBLISHED)
    # Imports never withdraw a contributed material (it is not in any manifest).
    origin = models.CharField(
        _("origin"), max_length=16, choices=Origin.choices, default=Origin.IMPORTED, editable=False
    )
    # sha256 over the manifest row and the files' hashes: an unchanged source is skipped on re-import.
    source_checksum = models.CharField(max_length=64, blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    # ",area:<slug>,lang:<code>,": the areas and document languages, so that a search filters by them on
    # the material's own row instead of looking up two other tables for every row it scans.
    search_facets = models.CharField(max_length=500, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "external_id"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        indexes = [
            models.Index(fields=["status", "type"]),
            models.Index(fields=["year"]),
            # the catalog order and the year menu, then the country menu, read from indexes alone
            models.Index(fields=["status", "-year", "external_id"], name="ppta_library_browse"),
            models.Index(fields=["status", "country"], name="ppta_library_countries"),
        ]

    def __str__(self) -> str:
        return self.external_id

    def save(self, *args, **kwargs) -> None:
        self.external_id = canonical_material_id(self.external_id)  # e.g. typed in the admin as HB-RETURN-2014
        super().save(*args, **kwargs)
        mysql_search.refresh(Material.objects.using(self._state.db).filter(pk=self.pk))

    @property
    def area_slugs(self) -> list[str]:
        return [link.area for link in self.area_links.all()]

    def refresh_search_fields(self) -> None:
        """Recompute and save ``search_text`` and ``search_facets`` from the material's versions, titles and areas.

        Whatever writes those rows other than the importer (which computes both as it writes) calls this.
        """
        fields = search_fields_of(self)
        for name, value in fields.items():
            setattr(self, name, value)
        material = Material.objects.filter(pk=self.pk)
        material.update(**fields)
        mysql_search.refresh(material)


def set_status(materials: models.QuerySet[Material], status: str) -> int:
    """Publish or withdraw ``materials`` (their search rows follow); returns how many changed status."""
    changed = materials.exclude(status=status).update(status=status)
    mysql_search.refresh(materials)
    return changed


class MaterialSearchRow(models.Model):
    """What a search reads of a published material on MariaDB/MySQL, in catalog order (``mysql_search``).

    Copied from the material's row by ``mysql_search.refresh``; empty on other databases.
    """

    # year (newest first, none last) and id: a scan of the table reads the rows in catalog order
    sort_key = models.CharField(max_length=105, primary_key=True)
    material = models.OneToOneField(Material, on_delete=models.CASCADE, related_name="+")
    search_facets = models.CharField(max_length=500)
    search_text = models.TextField()  # Windows-1251 (migration 0007)

    def __str__(self) -> str:
        return self.sort_key


MaterialSearchRow._meta.get_field("search_text").register_lookup(mysql_search.SingleByteContains)


class MaterialArea(models.Model):
    """A thematic area (slug from the ``course_templates`` registry) a material belongs to."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="area_links")
    area = models.CharField(max_length=64, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["material", "area"], name="ppta_library_unique_material_area")]

    def __str__(self) -> str:
        return f"{self.material_id}:{self.area}"


class MaterialVersion(models.Model):
    """The material in one language: a stored file or an https URL."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(_("language"), max_length=8, choices=[(t.id, t.en) for t in CONTENT_LANGUAGES])
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(_("file"), storage=library_storage, upload_to="ppta-library/", max_length=300, blank=True)
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    mime_type = models.CharField(max_length=127, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    download_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["material", "language"], name="ppta_library_unique_material_language"),
        ]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")

    def __str__(self) -> str:
        return f"{self.material_id}/{self.language}"


class MaterialTitle(models.Model):
    """The material's title (and description) in a language it has no document in.

    Russian readers of an English-only handbook see its Russian title, marked "in English".
    """

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="titles")
    language = models.CharField(_("language"), max_length=8, choices=[(t.id, t.en) for t in CONTENT_LANGUAGES])
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["material", "language"], name="ppta_library_unique_title_language"),
        ]
        verbose_name = _("title without a document")
        verbose_name_plural = _("titles without a document")

    def __str__(self) -> str:
        return f"{self.material_id}/{self.language}: {self.title}"


class ImportRun(models.Model):
    """One import of a library source: state, progress, counts and the full report."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    source = models.CharField(_("source"), max_length=1000)
    options = models.JSONField(default=dict, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.QUEUED)
    task_id = models.CharField(max_length=255, blank=True)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    heartbeat = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self) -> str:
        return f"{self.source} ({self.state})"


def material_search_text(external_id: str, versions, titles=()) -> str:
    """``search_text`` for a material: the words of its id and every title and description, folded, each once.

    A query word has no spaces, so it occurs in the text exactly when it occurs in one of its words:
    a repeated word adds nothing to what is found, only to what every search has to read.
    """
    parts = [external_id]
    for version in [*versions, *titles]:
        parts += [version.title, version.description]
    return " ".join(dict.fromkeys(fold_for_search(" ".join(part for part in parts if part)).split()))


def search_fields_of(material) -> dict[str, str]:
    """``search_text`` and ``search_facets`` computed from the material's versions, titles and areas as
    stored (also for the historical models of a migration)."""
    versions = list(material.versions.all())
    return {
        "search_text": material_search_text(material.external_id, versions, material.titles.all()),
        "search_facets": material_search_facets([link.area for link in material.area_links.all()],
                                                [version.language for version in versions]),
    }


def material_search_facets(areas, languages) -> str:
    """``search_facets`` for a material in the given areas with documents in the given languages."""
    keys = [*(f"area:{area}" for area in sorted(set(areas))), *(f"lang:{lang}" for lang in sorted(set(languages)))]
    return f",{','.join(keys)}," if keys else ""


def facet_pattern(kind: str, value: str) -> str:
    """What ``search_facets`` contains when the material has ``value`` for ``kind`` ("area" or "lang")."""
    return f",{kind}:{value},"


class ImportLock(models.Model):
    """The single row that lets one import run at a time, across processes and hosts.

    An import claims it with one conditional UPDATE (free, or its heartbeat is stale), so two
    processes can never both win; the holder refreshes ``heartbeat`` while it works.
    """

    run = models.ForeignKey(ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    holder = models.CharField(max_length=255, blank=True, help_text="host:pid of the process holding the lock")
    heartbeat = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import lock")

    def __str__(self) -> str:
        return f"import lock ({self.holder or 'free'})"


class SourceFileHash(models.Model):
    """A file of a folder source seen by an earlier import: its sha256 for a given size and mtime.

    Re-importing an unchanged folder then costs one ``stat`` per file instead of re-reading it.
    """

    path_key = models.CharField(max_length=64, unique=True, help_text="sha256 of the file's absolute path")
    size = models.PositiveBigIntegerField()
    mtime_ns = models.BigIntegerField()
    sha256 = models.CharField(max_length=64)
    seen = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.path_key[:12]}… {self.sha256[:12]}…"
