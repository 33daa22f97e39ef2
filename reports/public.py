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
def record_training_delivered(*, country: str, area: str, when: datetime.date, participants: int,
                              count: int = 1) -> None:
    """A trainer delivered one training in ``area`` in ``country`` on ``when`` to ``participants`` people.

    A training deleted as recorded by mistake is recorded again with ``count=-1``.
    """
    key = {"month": month_of(when), "country": country_value(country), "area": area_value(area)}
    _add(MonthlyTraining, key, "trainings", count)
    _add(MonthlyTraining, key, "participants", count * max(0, int(participants)))


@transaction.atomic
def record_library_use(*, material_id: str, language: str, areas=(), kind: str, when: datetime.datetime) -> None:
    """A library material version was viewed (``kind="view"``) or downloaded (``kind="download"``)."""
    metric = {"view": "views", "download": "downloads"}[kind]
    _add(LibraryUse, {"month": month_of(when), "material_id": material_id, "language": language}, metric, 1)
    for area in areas:
        LibraryMaterialArea.objects.get_or_create(material_id=material_id, area=area)
