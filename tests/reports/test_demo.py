"""``ppta demo setup``'s reports step: a deterministic year of activity and a secretariat account."""

from __future__ import annotations

import datetime
import re
from unittest import mock

import pytest

from reports import demo
from reports.models import CertificateFact, EnrolmentFact, MonthlyLearning

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 3)


def learning_totals() -> list[tuple]:
    return sorted(MonthlyLearning.objects.values_list("month", "country", "area", "language", "enrolments",
                                                      "completions", "certificates"))


def test_the_demo_year_is_the_same_every_time_and_covers_every_month_area_and_language():
    counts = demo.generate(TODAY)
    first = learning_totals()
    assert demo.generate(TODAY) == counts and learning_totals() == first
    assert counts["months"] == 12 and EnrolmentFact.objects.count() == counts["enrolments"] > 1500
    assert CertificateFact.objects.count() == counts["certificates"] > 0
    months = {row[0] for row in first}
    assert months == {datetime.date(2026, month, 1) for month in range(1, 13)}
    assert {row[2] for row in first} >= {"illegal-migration", "integration", "asylum-international-protection"}
    assert {row[3] for row in first} == {"en", "ru"} and "unknown" in {row[1] for row in first}


def test_the_demo_secretariat_signs_in_and_sees_the_year(client):
    with mock.patch("django.utils.timezone.now",
                    return_value=datetime.datetime(2026, 12, 3, 10, 0, tzinfo=datetime.UTC)):
        demo.setup(lambda line: None)
        demo.ensure_demo_secretariat()  # a second run keeps the one account
        assert client.login(username=demo.DEMO_USERNAME, password=demo.DEMO_PASSWORD)
        html = client.get("/academy/reports/").content.decode()
    totals = dict(re.findall(r"<dt>(.*?)</dt><dd>(\d+)</dd>", html))
    assert int(totals["Enrolments"]) == sum(row[4] for row in learning_totals()) > 1000
