"""Library pages (browse/search, material detail) and the download view.

Pages are standalone (their own base template) because inside the LMS they are mounted under
the LMS's URLs but outside its page chrome. All text is in the request language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F
from django.http import FileResponse, Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from library_importer import display
from library_importer.access import library_page
from library_importer.forms import LibraryFilterForm
from library_importer.models import Material, MaterialVersion, canonical_material_id
from library_importer.public import (
    INLINE_MIME_TYPE,
    MaterialInfo,
    is_https_url,
    library_page_context,
    material_info,
    material_used,
)
from library_importer.search import MaterialFilters, paginable_materials, published_materials

PAGE_SIZE = 20


@dataclass(frozen=True)
class Label:
    """A code with its label in the request language."""

    code: str
    text: str


@dataclass(frozen=True)
class MaterialCard:
    """What the result list and the detail page show of a material, labelled in the request language."""

    info: MaterialInfo
    title: str
    title_lang: str
    document_note: str  # «на английском» beside a Russian title of an English-only material, else ""
    type: Label
    areas: tuple[Label, ...]
    country: Label | None
    languages: tuple[Label, ...]


@dataclass(frozen=True)
class VersionLink:
    language: Label
    title: str
    description: str
    url: str
    external: bool
    mime_type: str
    summary: str


def material_card(material: Material, lang: str) -> MaterialCard:
    info = material_info(material)
    return MaterialCard(
        info=info,
        title=info.title(lang),
        title_lang=info.title_language(lang),
        document_note=info.document_note(lang),
        type=Label(info.type, display.type_label(info.type, lang)),
        areas=tuple(Label(slug, display.area_title(slug, lang)) for slug in info.areas),
        country=Label(info.country, display.country_name(info.country, lang)) if info.country else None,
        languages=tuple(Label(code, display.language_label(code, lang)) for code in info.versions),
    )


@require_safe
@library_page
def browse(request):
    """Search and browse: text query, facets (area, type, language, year, country), paginated results."""
    lang = display.request_language()
    form = LibraryFilterForm(request.GET or None, with_catalog_choices=True)
    valid = form.is_valid() if form.is_bound else True
    filters = form.filters() if form.is_bound and valid else MaterialFilters()
    materials = paginable_materials(filters) if valid else Material.objects.none()
    page = Paginator(materials, PAGE_SIZE).get_page(request.GET.get("page"))
    query = [(key, value) for key, values in request.GET.lists() if key != "page" for value in values]
    context = {
        "form": form,
        "filtered": not (valid and filters.is_empty),
        **display.pagination_context(page, request),
        "cards": [material_card(material, lang) for material in page.object_list],
        "kept_filters": [(key, value) for key, value in query if key != "q"],  # a new search keeps the facets
        "designation_note": display.designation_note(form.country_codes),
    }
    return render(request, "ppta_library/browse.html", _page_context(request, context))


@require_safe
@library_page
def detail(request, material_id: str):
    canonical = canonical_material_id(material_id)
    if canonical != material_id:  # HB-Return-2014 → the one URL of the page
        url = reverse("ppta_library:detail", args=[canonical])
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
    material = published_materials().filter(external_id=material_id).first()
    if material is None:
        raise Http404("No such material")
    lang = display.request_language()
    card = material_card(material, lang)
    links = [
        VersionLink(
            language=Label(code, display.language_label(code, lang)),
            title=version.title,
            description=version.description,
            url=version.download_url,
            external=bool(version.external_url),
            mime_type=version.mime_type,
            summary=display.version_summary(
                display.file_kind(version.mime_type),
                display.file_size(version.size, lang),
                display.page_count(version.page_count),
            ),
        )
        for code, version in card.info.versions.items()
    ]
    context = {
        "card": card,
        # the description going with a title given without a document (versions show their own)
        "title_description": card.info.titles[lang].description if card.document_note else "",
        "material": material,
        "versions": links,
        "updated": display.long_date(material.modified, lang),
        "designation_note": display.designation_note([material.country]),
    }
    # a page view counts for the version in the reader's language, else for the first one listed
    announce_use(material, lang if lang in card.info.versions else next(iter(card.info.versions), lang), "view",
                 request)
    return render(request, "ppta_library/detail.html", _page_context(request, context))


@require_safe
@library_page
def download(request, material_id: str, lang: str):
    """Stream a version's file (or redirect to its https URL) and count the download; 404 if withdrawn."""
    version = published_version(material_id, lang)
    if version.file:
        response = FileResponse(
            open_stored_file(version),
            as_attachment=True,
            filename=download_filename(version),
            content_type=version.mime_type or None,
        )
    elif is_https_url(version.url):
        response = HttpResponseRedirect(version.url)
    else:
        raise Http404("No file or https URL for this version")
    if request.method == "GET":
        # F() makes concurrent downloads add up instead of overwriting each other.
        MaterialVersion.objects.filter(pk=version.pk).update(download_count=F("download_count") + 1)
    announce_use(version.material, version.language, "download", request)
    return response


@require_safe
@library_page
@xframe_options_sameorigin  # the training-material block embeds it in the LMS's own pages
def view(request, material_id: str, lang: str):
    """Serve a stored PDF inline, for the browser's own viewer; not counted as a download.

    Only PDFs: other types cannot be shown inline, so they are offered for download only.
    """
    version = published_version(material_id, lang)
    if not version.file or version.mime_type != INLINE_MIME_TYPE:
        raise Http404("This version cannot be shown inline")
    response = FileResponse(
        open_stored_file(version), filename=download_filename(version), content_type=INLINE_MIME_TYPE
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = frame_ancestors()
    announce_use(version.material, version.language, "view", request)
    return response


ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")


def frame_ancestors() -> str:
    """CSP ``frame-ancestors``: the LMS itself and the origins it trusts (``CORS_ORIGIN_WHITELIST``).

    The Learning MFE (another origin, e.g. ``apps.<lms host>``) frames the LMS's unit, which frames
    this view: ``X-Frame-Options: SAMEORIGIN`` checks every ancestor, so browsers refuse the PDF
    there. CSP ``frame-ancestors`` replaces it where supported; the platform's own iframe view does
    the same with the same list (Tutor's MFE plugin adds the MFE origin to it).
    """
    origins = [origin for origin in getattr(settings, "CORS_ORIGIN_WHITELIST", ()) or () if ORIGIN.match(str(origin))]
    return " ".join(["frame-ancestors 'self'", *origins])


def announce_use(material: Material, language: str, kind: str, request) -> None:
    """Tell listeners (the reports) a material was used; HEAD requests are not uses."""
    if request.method == "GET":
        areas = tuple(material.area_links.values_list("area", flat=True))
        material_used.send(sender=Material, material_id=material.external_id, language=language,
                           areas=areas, kind=kind)


def published_version(material_id: str, lang: str) -> MaterialVersion:
    version = (
        MaterialVersion.objects.select_related("material")
        .filter(material__external_id=canonical_material_id(material_id), material__status=Material.Status.PUBLISHED,
                language=lang)
        .first()
    )
    if version is None:
        raise Http404("No such material version")
    return version


def open_stored_file(version: MaterialVersion):
    try:
        return version.file.storage.open(version.file.name, "rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404("The file is missing from storage") from error


UNSAFE_FILENAME_CHARACTERS = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def download_filename(version: MaterialVersion) -> str:
    """The version's title as a file name (any script), with the stored file's extension."""
    suffix = PurePosixPath(version.file.name).suffix.lower()
    stem = " ".join(UNSAFE_FILENAME_CHARACTERS.sub(" ", version.title).split())[:120].strip(" .")
    return f"{stem or f'{version.material.external_id}-{version.language}'}{suffix}"


def _page_context(request, context: dict) -> dict:
    """What every library page's base template needs."""
    return {**context, **library_page_context(request)}
