"""What a certificate says: one immutable value shared by the web theme, the PDF and the CLI."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from certificates_theme.texts import LANGUAGE_MODES, check_language_mode, format_issue_date
from course_templates import Area, UnknownAreaError, get_area

# Bump when the PDF design changes: stored PDFs are keyed by a hash that includes it, so the
# regeneration command re-renders every certificate once and leaves unchanged ones alone.
DESIGN_VERSION = "1"
ALLOWED_URL_SCHEMES = ("https", "http")


def check_verify_url(url: str) -> str:
    """Accept an absolute http(s) URL (printed and encoded in the QR code); reject anything else."""
    parts = urlsplit(url)
    if parts.scheme not in ALLOWED_URL_SCHEMES or not parts.netloc or any(c.isspace() for c in url):
        raise ValueError(f"verify URL must be an absolute https:// (or http://) URL, got {url!r}")
    return url


def certificate_number(verify_uuid: str, area_slug: str, issue_date: datetime.date) -> str:
    """A short printed number, e.g. ``PPTA-ILM-2026-3F2A9C1D``; the full verify uuid stays in the URL."""
    code = get_area(area_slug).code if area_slug else "GEN"
    return f"PPTA-{code}-{issue_date.year}-{verify_uuid[:8].upper()}"


@dataclass(frozen=True)
class CertificateContent:
    """Everything printed on one certificate, already frozen (names, titles and date do not move).

    Raises ValueError for an empty name or title, an unknown language mode or area, or a verify URL
    that is not an absolute http(s) URL.
    """

    learner_name: str
    course_title_en: str
    course_title_ru: str
    issue_date: datetime.date
    language_mode: str = "bilingual"
    area_slug: str = ""
    number: str = ""
    verify_url: str = ""

    def __post_init__(self) -> None:
        for field in ("learner_name", "course_title_en", "course_title_ru"):
            value = getattr(self, field)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"certificate {field} must not be empty")
        check_language_mode(self.language_mode)
        if self.area_slug:
            try:
                get_area(self.area_slug)
            except UnknownAreaError as error:  # one error type for every bad value
                raise ValueError(str(error)) from None
        if self.verify_url:
            check_verify_url(self.verify_url)

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages printed, in reading order."""
        return LANGUAGE_MODES[self.language_mode]

    @property
    def area(self) -> Area | None:
        return get_area(self.area_slug) if self.area_slug else None

    def course_title(self, lang: str) -> str:
        return self.course_title_ru if lang == "ru" else self.course_title_en

    def area_title(self, lang: str) -> str:
        return self.area.title(lang) if self.area else ""

    def issue_date_text(self, lang: str) -> str:
        return format_issue_date(self.issue_date, lang)

    def content_hash(self) -> str:
        """Changes whenever anything printed (or the design) changes; names stored PDFs."""
        payload = {**asdict(self), "issue_date": self.issue_date.isoformat(), "design": DESIGN_VERSION}
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]
