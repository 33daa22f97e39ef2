"""``reports.public``: what the contributions (issue 11) and trainings (issue 12) parts call, tested directly."""

from __future__ import annotations

import datetime

import pytest

from reports import public
from reports.models import MonthlyContribution, MonthlyTraining

pytestmark = pytest.mark.django_db


def test_contributions_add_up_per_month_country_and_area_and_a_withdrawal_subtracts():
    for day in (2, 17, 28):
        public.record_contribution(country="md", area="asylum-international-protection",
                                   when=datetime.date(2026, 5, day))
    public.record_contribution(country="MD", area="asylum-international-protection",
                               when=datetime.datetime(2026, 5, 30, 8, 0, tzinfo=datetime.UTC), count=-1)
    row = MonthlyContribution.objects.get()
    assert (row.month, row.country, row.area, row.contributions) == (
        datetime.date(2026, 5, 1), "MD", "asylum-international-protection", 2)


def test_unknown_countries_and_areas_are_kept_as_unknown():
    public.record_contribution(country="", area="atlantis", when=datetime.date(2026, 5, 2))
    row = MonthlyContribution.objects.get()
    assert (row.country, row.area) == ("unknown", "unknown")


def test_trainings_count_sessions_and_participants():
    public.record_training_delivered(country="KZ", area="integration", when=datetime.date(2026, 7, 1), participants=12)
    public.record_training_delivered(country="KZ", area="integration", when=datetime.date(2026, 7, 20), participants=8)
    row = MonthlyTraining.objects.get()
    assert (row.trainings, row.participants) == (2, 20)


def training_totals(**filters) -> tuple[int, int]:
    from reports.tables import ReportFilters, totals

    figures = totals(ReportFilters(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 1), **filters))
    return figures["trainings"], figures["participants"]


def per_area() -> dict[str, tuple[int, int]]:
    return {row.area: (row.trainings, row.participants) for row in MonthlyTraining.objects.all()}


def test_a_training_counts_under_each_of_its_areas_and_once_in_the_totals_and_a_deletion_takes_it_out():
    two_areas = {"country": "GE", "areas": ["integration", "legal-migration-mobility"],
                 "when": datetime.date(2026, 10, 5), "participants": 21}
    public.record_training_delivered(**two_areas)
    public.record_training_delivered(country="GE", areas=["integration"], when=datetime.date(2026, 10, 9),
                                     participants=4)
    assert per_area() == {"integration": (2, 25), "legal-migration-mobility": (1, 21)}
    assert training_totals() == (2, 25)  # not 3 trainings and 46 participants
    assert training_totals(country="GE") == (2, 25)
    assert training_totals(area="legal-migration-mobility") == (1, 21)
    assert training_totals(area="integration") == (2, 25)

    public.record_training_delivered(**two_areas, count=-1)  # deleted: out of both areas and the totals
    assert per_area() == {"integration": (1, 4), "legal-migration-mobility": (0, 0)}
    assert training_totals() == (1, 4) and training_totals(area="legal-migration-mobility") == (0, 0)


def test_one_area_is_still_accepted_and_an_area_named_twice_counts_once():
    public.record_training_delivered(country="KZ", area="integration", when=datetime.date(2026, 7, 1), participants=3)
    public.record_training_delivered(country="KZ", areas=["integration", "integration", "atlantis", "mars"],
                                     when=datetime.date(2026, 7, 2), participants=5)
    assert per_area() == {"integration": (2, 8), "unknown": (1, 5)}
    assert training_totals() == (2, 8)
    with pytest.raises(TypeError):
        public.record_training_delivered(country="KZ", area="integration", areas=["integration"],
                                         when=datetime.date(2026, 7, 1), participants=3)


def test_trainings_counted_before_migration_0002_stay_in_the_totals():
    """Rows written before 0002 counted each training under its first area only: they count once as they are."""
    import importlib

    from django.apps import apps

    public.record_training_delivered(country="MD", area="integration", when=datetime.date(2026, 5, 4), participants=9)
    public.record_training_delivered(country="MD", area="integration", when=datetime.date(2026, 5, 9), participants=3)
    MonthlyTraining.objects.update(trainings_once=0, participants_once=0)  # the row as it was before 0002
    assert training_totals() == (0, 0)
    migration = importlib.import_module("reports.migrations.0002_training_counted_once")
    migration.count_existing_once(apps, None)
    migration.count_existing_once(apps, None)  # safe to re-run
    assert training_totals() == (2, 12) and per_area() == {"integration": (2, 12)}
