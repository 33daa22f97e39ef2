"""What a course template is built from: ``CourseSpec``, checked before anything is written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from course_templates.areas import LANGUAGES, Area, UnknownAreaError, get_area

KINDS = ("standard", "tot")
CERTIFICATE_LANGUAGES = ("bilingual", "en", "ru")
MAX_MODULES = 20
DEFAULT_MODULES = 4
DEFAULT_PASS_MARK = 0.8
DEFAULT_START = "2026-01-01"  # fixed defaults keep archives reproducible; authors change dates in Studio
DEFAULT_END = "2030-12-31"
# Course-key parts become file names and the course id course-v1:ORG+NUMBER+RUN: keep them to
# characters every part of Open edX accepts (no spaces, no "/"), not starting with a dot.
KEY_PART = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}")


class CourseSpecError(ValueError):
    """A bad input; ``field`` names the option (``--area``, ``--run`` ...) it came from."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class CourseSpec:
    area: Area
    lang: str
    org: str
    number: str
    run: str
    kind: str = "standard"
    modules: int = DEFAULT_MODULES
    pass_mark: float = DEFAULT_PASS_MARK
    title: str = ""  # "" = the default title for the area, kind and language
    certificate_language: str = ""  # "" = the platform's PPTA_CERTIFICATE_LANGUAGE_MODE
    start: str = DEFAULT_START  # ISO dates
    end: str = DEFAULT_END

    @property
    def course_id(self) -> str:
        return f"course-v1:{self.org}+{self.number}+{self.run}"

    @property
    def slug(self) -> str:
        """``<org>-<number>-<run>``: the name of the output folder and archive."""
        return f"{self.org}-{self.number}-{self.run}"

    @classmethod
    def create(
        cls,
        *,
        area: str,
        lang: str,
        org: str,
        number: str,
        run: str,
        kind: str = "standard",
        modules: int = DEFAULT_MODULES,
        pass_mark: float = DEFAULT_PASS_MARK,
        title: str | None = None,
        certificate_language: str | None = None,
        start: str = DEFAULT_START,
        end: str = DEFAULT_END,
    ) -> CourseSpec:
        """Check raw inputs and build a spec; raises ``CourseSpecError`` naming the first bad field."""
        try:
            area_obj = get_area(area)
        except UnknownAreaError as error:
            raise CourseSpecError("--area", str(error)) from None
        _check_choice("--lang", lang, LANGUAGES)
        _check_choice("--kind", kind, KINDS)
        for field, value in (("--org", org), ("--number", number), ("--run", run)):
            _check_key_part(field, value)
        if not isinstance(modules, int) or not 1 <= modules <= MAX_MODULES:
            raise CourseSpecError("--modules", f"must be a whole number from 1 to {MAX_MODULES}, got {modules!r}")
        if not isinstance(pass_mark, int | float) or not 0 < pass_mark <= 1:
            raise CourseSpecError("--pass-mark",
                                  f"must be a fraction above 0 and at most 1 (0.8 = 80 %), got {pass_mark!r}")
        clean_title = " ".join((title or "").split())
        if title is not None and not clean_title:
            raise CourseSpecError("--title", "must not be empty")
        if len(clean_title) > 200:
            raise CourseSpecError("--title", "must be at most 200 characters")
        if certificate_language:
            _check_choice("--certificate-language", certificate_language, CERTIFICATE_LANGUAGES)
        start_date, end_date = _check_date("--start", start), _check_date("--end", end)
        if end_date <= start_date:
            raise CourseSpecError("--end", f"{end} must be after the start date {start}")
        return cls(area_obj, lang, org, number, run, kind, modules, float(pass_mark), clean_title,
                   certificate_language or "", start_date.isoformat(), end_date.isoformat())


def _check_choice(field: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise CourseSpecError(field, f"{value!r} is not one of: {', '.join(choices)}")


def _check_key_part(field: str, value: str) -> None:
    if not value:
        raise CourseSpecError(field, "must not be empty")
    if not KEY_PART.fullmatch(value):
        raise CourseSpecError(
            field, f"{value!r} may only contain letters A-Z, digits, '_', '-' and '.' (no spaces or '/'), "
            "must not start with '.', at most 64 characters")


def _check_date(field: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise CourseSpecError(field, f"{value!r} is not a date in the form YYYY-MM-DD") from None
