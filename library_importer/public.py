"""The materials library as other ppta parts see it: the only module they may import from this app.

Everything returned is a frozen dataclass, never a model instance, so callers (XBlocks, other
apps) do not depend on the catalog's tables. Only published materials are visible here.
URLs are site-relative; ``download_url`` always goes through the library's download view (it
counts downloads and redirects to ``external_url`` for an https URL version).
"""

from __future__ import annotations

import pathlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.dispatch import Signal
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import pgettext

from course_templates import CONTENT_LANGUAGES, term_ids
from library_importer import display
from library_importer.contributed import (
    DOCUMENT_EXTENSIONS,
    CheckedDocument,
    ContributedVersion,
    DocumentRefused,
    NotAContribution,
    check_document,
    withdraw_contributed_material,
)
from library_importer.contributed import publish_contributed_material as _publish
from library_importer.display import (
    area_title,
    country_name,
    designation_note,
    file_kind,
    file_size,
    language_label,
    pagination_context,
    request_language,
    type_label,
)
from library_importer.importer.validate import country_codes
from library_importer.json_renderer import EscapedJSONRenderer
from library_importer.models import Material, MaterialVersion, canonical_material_id, fold_for_search
from library_importer.search import MaterialFilters, find_materials, paginable_materials, published_materials

__all__ = [
    "DOCUMENT_EXTENSIONS",
    "SAMPLE_LIBRARY",
    "CheckedDocument",
    "ContributedVersion",
    "DocumentRefused",
    "EscapedJSONRenderer",  # JSON with <, > and & escaped, as the library's API writes it
    "NotAContribution",
    "check_document",  # the importer's checks for one uploaded document (one set of rules)
    "country_codes",  # ISO 3166 alpha-2 codes the catalog accepts (plus XK)
    "language_switch_context",
    "library_page_context",
    "library_url",
    "pagination_context",  # the result-page links of ppta_library/_pagination.html, keeping the query
    "publish_contributed_material",
    "withdraw_contributed_material",
    "MaterialInfo",
    "MaterialPage",
    "MaterialTitleInfo",
    "MaterialVersionInfo",
    "canonical_material_id",  # the stored form of a material id (lower case); lookups here accept any case
    "area_title",  # labels in a language, as every library page shows them
    "file_kind",
    "file_size",
    "language_label",
    "request_language",
    "type_label",
    "fold_for_search",  # case- and ё-insensitive form of a text, for search in any script on any database
    "country_name",  # CLDR country names as every ppta page shows them (Kosovo* with its footnote)
    "designation_note",
    "get_material",
    "material_used",
    "search_materials",
    "stored_document",
]

# Sent when a reader opens a material's page (kind="view"; language = the version in the page's
# language, else the first version), reads a
# PDF inline (kind="view") or downloads a version (kind="download"), with keyword arguments
# ``material_id``, ``language``, ``areas`` (tuple of area slugs) and ``kind``. Nothing about the reader
# is sent. The reports app counts these.
material_used = Signal()

SAMPLE_LIBRARY = pathlib.Path(__file__).resolve().parent / "sample_library"
# Where the LMS mounts the library (plugin url_config); used when this Django project does not
# mount the URLs itself (e.g. Studio rendering a block that links to the LMS library).
LMS_MOUNT = "/academy/library/"


@dataclass(frozen=True)
class MaterialVersionInfo:
    """A material in one language."""

    language: str
    title: str
    description: str
    download_url: str  # site-relative; counts the download, then serves the file or redirects
    view_url: str  # site-relative inline view of a stored PDF (not counted; framable by the site); else ""
    mime_type: str
    size: int | None
    page_count: int | None
    external_url: str  # "" unless this version is an https URL rather than a stored file


@dataclass(frozen=True)
class MaterialTitleInfo:
    """The material's title (and description) in a language it has no document in."""

    language: str
    title: str
    description: str


@dataclass(frozen=True)
class MaterialInfo:
    """A published material with its language versions (keyed by language code).

    ``titles`` holds titles given in a language with no document: a Russian reader of an
    English-only handbook sees its Russian title, with ``document_note("ru")`` = «на английском».
    """

    id: str
    type: str
    areas: tuple[str, ...]
    year: int | None
    country: str
    versions: dict[str, MaterialVersionInfo]
    detail_url: str
    titles: dict[str, MaterialTitleInfo] = field(default_factory=dict)
    origin: str = Material.Origin.IMPORTED  # "contribution": contributed by ``country`` (moderated)

    def title(self, lang: str) -> str:
        """The title in ``lang`` (of its version, else given without a document), else in another language."""
        if lang in self.versions:
            return self.versions[lang].title
        if lang in self.titles:
            return self.titles[lang].title
        shown = self.document_language(lang)
        return self.versions[shown].title if shown in self.versions else self.id

    def title_language(self, lang: str) -> str:
        """The language ``title(lang)`` is written in (for the ``lang`` attribute of the element showing it)."""
        return lang if lang in self.versions or lang in self.titles else self.document_language(lang)

    def description(self, lang: str) -> str:
        """The description going with ``title(lang)``."""
        if lang in self.versions:
            return self.versions[lang].description
        if lang in self.titles:
            return self.titles[lang].description
        shown = self.document_language(lang)
        return self.versions[shown].description if shown in self.versions else ""

    def document_language(self, lang: str) -> str:
        """``lang`` when the material has a document in it, else the first language it has one in."""
        if lang in self.versions:
            return lang
        return next((code for code in term_ids(CONTENT_LANGUAGES) if code in self.versions),
                    next(iter(self.versions), lang))

    def document_note(self, lang: str) -> str:
        """Beside a title translated into ``lang``: in which language the document is, in ``lang``, else "".

        E.g. «на английском» for a Russian reader of an English-only material with a Russian title;
        "" when there is a document in ``lang`` or the title shown is in the document's own language.
        """
        shown = self.document_language(lang)
        if lang in self.versions or lang not in self.titles or shown not in DOCUMENT_LANGUAGE_NOTES:
            return ""
        with translation.override(lang):
            return str(DOCUMENT_LANGUAGE_NOTES[shown]())


# "The document is in …", beside a title in another language (called under the reader's language).
DOCUMENT_LANGUAGE_NOTES = {"en": lambda: pgettext("document language", "in English"),
                           "ru": lambda: pgettext("document language", "in Russian")}


@dataclass(frozen=True)
class MaterialPage:
    """One page of search results; ``page`` is 1-based and clamped into ``1..num_pages``."""

    results: tuple[MaterialInfo, ...]
    total: int
    page: int
    num_pages: int


def search_materials(
    *,
    q: str = "",
    areas=(),
    types=(),
    language: str | None = None,
    page: int = 1,
    page_size: int | None = 10,
) -> MaterialPage:
    """Published materials matching ``q`` (every word, case-insensitive in any script) and the filters.

    ``areas``/``types`` match any of the given slugs; ``language`` keeps materials having a version
    in it. ``page_size=None`` returns every match on one page.
    """
    filters = MaterialFilters(q=q or "", areas=tuple(areas or ()), types=tuple(types or ()), language=language or None)
    if page_size is None:
        results = tuple(material_info(material) for material in find_materials(filters))
        return MaterialPage(results=results, total=len(results), page=1, num_pages=1)
    paginator = Paginator(paginable_materials(filters), max(1, int(page_size)))
    current = paginator.get_page(page)
    return MaterialPage(
        results=tuple(material_info(material) for material in current.object_list),
        total=paginator.count,
        page=current.number,
        num_pages=paginator.num_pages,
    )


def get_material(material_id: str) -> MaterialInfo | None:
    """The published material with this catalog id in any case (``HB-Return``), or None (unknown or withdrawn)."""
    material = published_materials().filter(external_id=canonical_material_id(material_id)).first()
    return material_info(material) if material else None


def material_info(material: Material) -> MaterialInfo:
    """Convert a catalog row (areas and versions prefetched, see ``search.published_materials``)."""
    return MaterialInfo(
        id=material.external_id,
        type=material.type,
        areas=tuple(link.area for link in material.area_links.all()),
        year=material.year,
        country=material.country,
        origin=material.origin,
        versions={version.language: version_info(material, version) for version in material.versions.all()},
        detail_url=library_url("detail", material.external_id),
        titles={title.language: MaterialTitleInfo(language=title.language, title=title.title,
                                                  description=title.description)
                for title in material.titles.all()},
    )


def version_info(material: Material, version: MaterialVersion) -> MaterialVersionInfo:
    return MaterialVersionInfo(
        language=version.language,
        title=version.title,
        description=version.description,
        download_url=library_url("download", material.external_id, version.language),
        view_url=(
            library_url("view", material.external_id, version.language)
            if version.file and version.mime_type == INLINE_MIME_TYPE else ""
        ),
        mime_type=version.mime_type,
        size=version.size,
        page_count=version.page_count,
        external_url="" if version.file else (version.url if is_https_url(version.url) else ""),
    )


INLINE_MIME_TYPE = "application/pdf"  # the only type browsers show inline in their own viewer


def is_https_url(url: str) -> bool:
    """Only https links are ever redirected to or shown (never javascript:, data:, http:)."""
    return (url or "").lower().startswith("https://") and len(url) > len("https://")


# The library's paths under LMS_MOUNT, for where this project does not mount the library (Studio).
LMS_PATHS = {"detail": "materials/{}/", "download": "materials/{}/download/{}/", "view": "materials/{}/view/{}/"}


def library_url(name: str, *args: str) -> str:
    """Site-relative URL of a library page (``detail``, ``download`` or ``view``).

    Where this project does not mount the library (Studio), the page is the LMS's: the URL is then
    absolute on ``settings.LMS_ROOT_URL`` when that is set (as in Open edX), else LMS-site-relative.
    """
    try:
        return reverse(f"ppta_library:{name}", args=args)
    except NoReverseMatch:
        tail = LMS_PATHS[name]
        lms_root = str(getattr(settings, "LMS_ROOT_URL", "") or "").rstrip("/")
        return lms_root + LMS_MOUNT + tail.format(*args)


def publish_contributed_material(**fields) -> MaterialInfo:
    """Publish an approved contribution (see ``library_importer.contributed``); found by search at once."""
    material = _publish(**fields)
    return material_info(published_materials().get(pk=material.pk))


def language_switch_context(request) -> dict:
    """What the academy pages' language switch (``ppta_library/_language_switch.html``) needs."""
    try:
        set_language_url = reverse("set_language")
    except NoReverseMatch:
        set_language_url = ""  # the language switch is shown only where Django's view is mounted
    return {
        "set_language_url": set_language_url,
        "languages": display.ui_languages(),  # English and Russian, each named in itself
        "current_path": request.get_full_path(),
    }


def library_page_context(request) -> dict:
    """What the library's base template (``ppta_library/base.html``) needs, for pages extending it."""
    return {**language_switch_context(request), "back_url": display.back_url(), "library_url": _browse_url()}


def _browse_url() -> str:
    try:
        return reverse("ppta_library:browse")
    except NoReverseMatch:
        return LMS_MOUNT


@dataclass(frozen=True)
class StoredDocument:
    """The stored file of a published material version (for bundles such as the trainers' kits)."""

    filename: str  # the stored file's base name (with its extension)
    mime_type: str
    content: bytes


def stored_document(material_id: str, language: str) -> StoredDocument | None:
    """The file of ``material_id`` in ``language``, or None (unpublished, no such version, or a link)."""
    version = (MaterialVersion.objects.filter(material__in=published_materials(), material__external_id=material_id,
                                              language=language).exclude(file="").first())
    if version is None:
        return None
    with version.file.open("rb") as handle:
        content = handle.read()
    return StoredDocument(pathlib.PurePosixPath(version.file.name).name, version.mime_type, content)
