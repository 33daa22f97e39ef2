"""What other ppta parts may call to feed the reports (the only module they import from this app).

Contributions (issue 11) and trainings delivered (issue 12) are recorded by calling these functions
when the thing happens (after their own transaction commits is best: ``transaction.on_commit``).
No personal data is passed: only a country code, a thematic area slug and counts.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from reports.dimensions import area_value, country_value, month_of
from reports.facts import _add
from reports.models import LibraryMaterialArea, LibraryUse, MonthlyContribution, MonthlyTraining

__all__ = ["record_contribution", "record_library_use", "record_training_delivered"]


@transaction.atomic
def record_contribution(*, country: str, area: str, when: datetime.date, count: int = 1) -> None:
    """A state (ISO 3166 alpha-2 ``country``) contributed ``count`` materials in ``area`` on ``when``.

    A withdrawn contribution is recorded with ``count=-1``.
    """
    key = {"month": month_of(when), "country": country_value(country), "area": area_value(area)}
    _add(MonthlyContribution, key, "contributions", count)


@transaction.atomic
def record_training_delivered(*, country: str, when: datetime.date, participants: int, areas=(),
                              area: str | None = None, count: int = 1) -> None:
    """A trainer delivered one training covering ``areas`` in ``country`` on ``when`` to ``participants`` people.

    The training counts under each of its areas in the per-area breakdown and once in the totals.
    ``area=`` (one area) is still accepted for callers written before ``areas``. A training deleted
    as recorded by mistake is recorded again with the same values and ``count=-1``.
    """
    if area is not None and areas:
        raise TypeError("record_training_delivered takes areas= or area=, not both")
    slugs = list(dict.fromkeys(area_value(slug) for slug in (areas or [area])))
    participants = count * max(0, int(participants))
    for position, slug in enumerate(slugs):
        key = {"month": month_of(when), "country": country_value(country), "area": slug}
        _add(MonthlyTraining, key, "trainings", count)
        _add(MonthlyTraining, key, "participants", participants)
        if position == 0:  # the totals count it once: on its first area's row
            _add(MonthlyTraining, key, "trainings_once", count)
            _add(MonthlyTraining, key, "participants_once", participants)


@transaction.atomic
def record_library_use(*, material_id: str, language: str, areas=(), kind: str, when: datetime.datetime) -> None:
    """A library material version was viewed (``kind="view"``) or downloaded (``kind="download"``)."""
    metric = {"view": "views", "download": "downloads"}[kind]
    _add(LibraryUse, {"month": month_of(when), "material_id": material_id, "language": language}, metric, 1)
    for area in areas:
        LibraryMaterialArea.objects.get_or_create(material_id=material_id, area=area)
