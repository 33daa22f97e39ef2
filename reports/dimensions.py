"""Report dimensions: the month a date counts in, and the "unknown" value for what is missing."""

from __future__ import annotations

import datetime

from course_templates import UnknownAreaError, get_area
from reports.models import UNKNOWN


def month_of(moment: datetime.date | datetime.datetime) -> datetime.date:
    return datetime.date(moment.year, moment.month, 1)


def country_value(code: str | None) -> str:
    code = (code or "").strip().upper()
    return code if len(code) == 2 and code.isalpha() else UNKNOWN


def area_value(slug: str | None) -> str:
    try:
        return get_area(slug).slug if slug else UNKNOWN
    except UnknownAreaError:
        return UNKNOWN


def language_value(code: str | None) -> str:
    code = (code or "").strip().lower()
    return code[:16] if code else UNKNOWN
