"""Where a training material's documents come from: explicit URLs, else the library catalog.

A block has at most one document per content language. An author's URL for a language wins over
the catalog's version in that language. Only URLs that pass ``course_asset_or_https`` are ever
returned, whatever was stored (the check runs on save and again here, at render).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from course_templates import CONTENT_LANGUAGES, term_ids
from xblocks.catalog import get_material, library
from xblocks.common import course_asset_or_https, safe_url

LANGUAGES = term_ids(CONTENT_LANGUAGES)  # ("en", "ru"): also the order documents are listed in


@dataclass(frozen=True)
class Document:
    """One language version as the block shows it."""

    language: str
    title: str
    view_url: str  # shown inline in the browser's own viewer; "" when the source cannot be shown inline
    download_url: str
    size: int | None = None
    page_count: int | None = None
    # A title in the reader's language for a document in another (the catalog's title without a
    # document): shown in ``title_language`` with ``note`` («на английском»); else "" and the title's own.
    title_language: str = ""
    note: str = ""


@dataclass(frozen=True)
class Documents:
    """The documents found for a block, or why there are none (``problem``: a message id below)."""

    by_language: dict[str, Document]
    problem: str = ""

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(code for code in LANGUAGES if code in self.by_language)


def catalog_view_url(version) -> str:
    """Where a catalog version can be shown inline: its https URL, or the library's inline view.

    The library's ``download_url`` answers with an attachment and counts a download, so it is never
    embedded; ``view_url`` is the library's inline, uncounted view of a stored PDF ("" otherwise).
    """
    return course_asset_or_https(version.external_url) or safe_url(version.view_url) or ""


NOT_CONFIGURED = "not-configured"
LIBRARY_MISSING = "library-missing"
MATERIAL_MISSING = "material-missing"


def find_documents(*, material_id: str, urls: dict[str, str], fallback_title: str, ui: str = "") -> Documents:
    """Documents per language for a block: ``urls`` ({lang: url}) first, then catalog ``material_id``.

    ``ui``: the reader's language; a document in another language gets the catalog's title in ``ui``
    when there is one (a title given without a document), with its note.
    """
    found: dict[str, Document] = {}
    problem = ""
    if material_id:
        public = library()
        material = get_material(public, material_id) if public else None
        if public is None:
            problem = LIBRARY_MISSING
        elif material is None:
            problem = MATERIAL_MISSING
        else:
            for code, version in material.versions.items():
                download_url = safe_url(version.download_url) or course_asset_or_https(version.external_url)
                if code in LANGUAGES and download_url:
                    translated = code != ui and ui not in material.versions and material.document_note(ui)
                    found[code] = Document(
                        language=code,
                        title=material.title(ui) if translated else version.title or fallback_title,
                        title_language=ui if translated else code,
                        note=translated or "",
                        view_url=catalog_view_url(version),
                        download_url=download_url,
                        size=version.size,
                        page_count=version.page_count,
                    )
    for code in LANGUAGES:
        url = course_asset_or_https(urls.get(code, ""))
        if url:
            if code in found:  # the author's URL replaces the catalog's document, not its title
                found[code] = replace(found[code], view_url=url, download_url=url, size=None, page_count=None)
            else:
                found[code] = Document(language=code, title=fallback_title, view_url=url, download_url=url)
    if found:
        problem = ""
    elif not problem:
        problem = NOT_CONFIGURED
    return Documents(by_language=found, problem=problem)
