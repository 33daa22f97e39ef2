"""Labels and formatted values for the library pages, always in the request language.

Area titles come from the ``course_templates`` registry, type and language labels from its
vocabularies, country names from CLDR through Babel; sizes and dates are formatted by Babel.
"""

from __future__ import annotations

import datetime

from babel import Locale
from babel.dates import format_date
from babel.units import format_unit
from django.conf import settings
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext

from course_templates import CONTENT_LANGUAGES, LANGUAGES, MATERIAL_TYPES, UnknownAreaError, get_area

# MIME types the importer accepts, shown as the short names readers know in both languages.
FILE_KINDS = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PPTX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.oasis.opendocument.text": "ODT",
}


def request_language() -> str:
    """The active UI language reduced to one of ``LANGUAGES`` (e.g. "en-us" → "en")."""
    code = (translation.get_language() or LANGUAGES[0]).split("-")[0].lower()
    return code if code in LANGUAGES else LANGUAGES[0]


def area_title(slug: str, lang: str) -> str:
    try:
        return get_area(slug).title(lang)
    except UnknownAreaError:
        return slug


def type_label(type_id: str, lang: str) -> str:
    return next((term.label(lang) for term in MATERIAL_TYPES if term.id == type_id), type_id)


def language_label(code: str, lang: str) -> str:
    return next((term.label(lang) for term in CONTENT_LANGUAGES if term.id == code), code)


# Kosovo (user-assigned code XK) is named with an asterisk and the designation footnote.
CODES_WITH_DESIGNATION_NOTE = frozenset({"XK"})


def country_name(code: str, lang: str) -> str:
    """CLDR name of an ISO 3166 alpha-2 code (incl. the user-assigned XK, marked "*") in ``lang``."""
    if not code:
        return ""
    code = code.upper()
    name = Locale.parse(lang).territories.get(code, code)
    return f"{name}*" if code in CODES_WITH_DESIGNATION_NOTE else name


def designation_note(codes) -> str:
    """The footnote a page must carry when it names Kosovo*, else ""."""
    if not CODES_WITH_DESIGNATION_NOTE & {code.upper() for code in codes if code}:
        return ""
    return gettext(
        "* This designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999 "
        "and the ICJ Opinion on the Kosovo declaration of independence."
    )


def file_kind(mime_type: str) -> str:
    """Short file type name ("PDF", "DOCX", …); the MIME subtype in capitals for anything else."""
    if mime_type in FILE_KINDS:
        return FILE_KINDS[mime_type]
    return mime_type.rsplit("/", 1)[-1].upper() if mime_type else ""


def file_size(size: int | None, lang: str) -> str:
    """A file size in decimal units (1 MB = 1,000,000 bytes) with locale digits and unit names."""
    if size is None:
        return ""
    for unit, scale, pattern in (("megabyte", 1_000_000, "#,##0.#"), ("kilobyte", 1_000, "#,##0")):
        if size >= scale:
            return format_unit(size / scale, f"digital-{unit}", length="short", locale=lang, format=pattern)
    return format_unit(size, "digital-byte", length="short", locale=lang)


def long_date(value: datetime.date | datetime.datetime, lang: str) -> str:
    if isinstance(value, datetime.datetime):
        value = value.date()
    return format_date(value, format="long", locale=lang)


def page_count(count: int | None) -> str:
    if not count:
        return ""
    return translation.ngettext("%(count)s page", "%(count)s pages", count) % {"count": count}


def version_summary(kind: str, size: str, pages: str) -> str:
    """E.g. "PDF, 1.2 MB, 24 pages", leaving out what is unknown."""
    return ", ".join(part for part in (kind, size, pages) if part)


def ui_languages() -> list[tuple[str, str]]:
    """(code, name in its own language) for the language switch."""
    return [(code, language_label(code, code)) for code in LANGUAGES]


def back_url() -> str:
    """Where the header's link back to the platform points (setting ``PPTA_LIBRARY_BACK_URL``, default "/")."""
    return settings.PPTA_LIBRARY_BACK_URL or "/"


def pagination_context(page, request) -> dict:
    """What ``ppta_library/_pagination.html`` needs: the page, and previous/next and numbered page URLs
    that keep the request's query (filters, search) but its ``page``."""
    query = [(key, value) for key, values in request.GET.lists() if key != "page" for value in values]

    def url(number: int) -> str:
        return "?" + urlencode([*query, ("page", number)])

    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return {"page": page, "page_links": {
        "previous": url(page.previous_page_number()) if page.has_previous() else "",
        "next": url(page.next_page_number()) if page.has_next() else "",
        "numbers": [(number, url(number) if isinstance(number, int) else "") for number in numbers],
    }}
