"""Certificate wording and dates in each certificate language.

The wording lives here once; the web theme (through the ``ppta_labels`` context key) and the PDF both
read it. Labels are translated with Django's gettext inside ``translation.override`` so a Russian
certificate reads the same whatever the viewer's language is.
"""

from __future__ import annotations

import datetime

from babel.dates import format_date
from django.utils import translation
from django.utils.translation import gettext_lazy as _

LANGUAGE_MODES: dict[str, tuple[str, ...]] = {"bilingual": ("en", "ru"), "en": ("en",), "ru": ("ru",)}
DEFAULT_LANGUAGE_MODE = "bilingual"
# Babel locale per certificate language: British order reads "28 November 2026", as ICMPD writes dates.
DATE_LOCALES = {"en": "en_GB", "ru": "ru"}

LABELS = {
    "academy": _("Prague Process Training Academy"),
    "title": _("Certificate of Completion"),
    "certify": _("This is to certify that"),
    "completed": _("has successfully completed the course"),
    "area": _("Thematic area"),
    "issued": _("Date of issue"),
    "number": _("Certificate No."),
    "verify": _("Verify this certificate at"),
    "scan": _("Scan the QR code to verify this certificate"),
    "download_pdf": _("Download PDF"),
    "print": _("Print"),
    "actions": _("Certificate actions"),
    "qr_alt": _("QR code linking to the verification page"),
    "invalid_title": _("This certificate is not valid"),
    "invalid_text": _("No valid certificate matches this address. It may have been revoked; please contact the "
                      "Prague Process Training Academy."),
}


def check_language_mode(mode: str) -> str:
    if mode not in LANGUAGE_MODES:
        raise ValueError(f"unknown certificate language mode {mode!r}; choose one of: {', '.join(LANGUAGE_MODES)}")
    return mode


def labels(lang: str) -> dict[str, str]:
    """Every certificate label in ``lang`` (en or ru)."""
    with translation.override(lang):
        return {key: str(text) for key, text in LABELS.items()}


def format_issue_date(day: datetime.date, lang: str) -> str:
    """``28 November 2026`` / ``28 ноября 2026 г.`` (Babel's long format).

    Babel puts U+202F (narrow no-break space) before "г."; PT fonts have no glyph for it and PDF
    text would lose it, so it becomes an ordinary no-break space.
    """
    return format_date(day, "long", locale=DATE_LOCALES[lang]).replace("\u202f", "\u00a0")
