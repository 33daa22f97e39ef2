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
