"""One page of library search results, rendered on the server in the UI language."""

from __future__ import annotations

from dataclasses import dataclass

from course_templates import CONTENT_LANGUAGES, MATERIAL_TYPES, UnknownAreaError, get_area, term_ids
from xblocks.catalog import search_materials
from xblocks.common import safe_url, ugettext, ui_language, ungettext

LANGUAGE_ORDER = term_ids(CONTENT_LANGUAGES)


@dataclass(frozen=True)
class SearchRequest:
    q: str
    areas: tuple[str, ...]
    types: tuple[str, ...]
    language: str  # "" = any
    page: int


@dataclass(frozen=True)
class Results:
    html: str
    summary: str  # for the live region: "5 materials found, page 1 of 1"
    page: object  # library_importer.public.MaterialPage


def download_label(language: str) -> str:
    # Whole phrases, not "Download in" + name: Russian needs the prepositional case.
    return ugettext("Download in Russian") if language == "ru" else ugettext("Download in English")


def summarize(total: int, page: int, num_pages: int) -> str:
    if not total:
        return ugettext("No materials match your search.")
    found = ungettext("%(count)s material found", "%(count)s materials found", total) % {"count": total}
    if num_pages > 1:
        found += ", " + ugettext("page %(page)s of %(pages)s") % {"page": page, "pages": num_pages}
    return found + "."


def result_item(material, ui: str) -> dict:
    title_language = material.title_language(ui)
    area_titles = []
    for slug in material.areas:
        try:
            area_titles.append(get_area(slug).title(ui))
        except UnknownAreaError:
            continue
    type_label = next((term.label(ui) for term in MATERIAL_TYPES if term.id == material.type), "")
    downloads = [
        {"language": code, "label": download_label(code), "url": url}
        for code in LANGUAGE_ORDER
        if code in material.versions and (url := safe_url(material.versions[code].download_url))
    ]
    return {
        "id": material.id,
        "title": material.title(ui),
        "title_language": title_language,
        "document_note": material.document_note(ui),  # «на английском» beside a translated title
        "detail_url": safe_url(material.detail_url) or "",
        "details": " · ".join(str(part) for part in (type_label, material.year, ", ".join(area_titles)) if part),
        "downloads": downloads,
    }


def render_results(block, public, request: SearchRequest, page_size: int) -> Results:
    """Search the catalog for ``request`` and render the result list and pager."""
    page = search_materials(
        public, q=request.q, areas=request.areas, types=request.types, language=request.language or None,
        page=request.page, page_size=page_size,
    )
    ui = ui_language()
    html = block.render_template("templates/results.html", {
        "items": [result_item(material, ui) for material in page.results],
        "page": page,
        "previous_page": page.page - 1 if page.page > 1 else None,
        "next_page": page.page + 1 if page.page < page.num_pages else None,
        "position": ugettext("Page %(page)s of %(pages)s") % {"page": page.page, "pages": page.num_pages},
        "first_number": (page.page - 1) * page_size + 1,
    })
    return Results(html=html, summary=summarize(page.total, page.page, page.num_pages), page=page)
