"""The daily limit holds for two submissions of one representative at once (MariaDB, two connections).

The first submission holds the representative's row lock until it commits; the second waits for it and
then counts the first, so exactly one of the two gets in when one place is left.
"""

from __future__ import annotations

import pytest

from contributions import workflow
from contributions.models import Contribution
from tests.contributions.conftest import make_user
from tests.moderation.test_race import mariadb, race  # noqa: F401 (the fixture skips without MariaDB)

pytestmark = pytest.mark.django_db(transaction=True)  # each thread commits on its own connection


def submitting(user, representative):
    fields = {"type": "national_strategy", "areas": ["asylum-international-protection"], "year": 2024,
              "project": "", "license": "CC BY 4.0"}
    documents = {"ru": workflow.DocumentInput(title="Стратегия", url="https://example.org/strategy.pdf")}
    return lambda: workflow.save_contribution(user=user, representative=representative, fields=fields,
                                              documents=documents, language="ru")


def test_two_submissions_at_once_with_one_place_left_let_one_in(settings):
    from contributions.models import Representative

    settings.PPTA_CONTRIBUTIONS_PER_DAY = 1
    user = make_user("md-rep")
    representative = Representative.objects.create(user=user, country="MD")
    outcomes = race(submitting(user, representative), submitting(user, representative))
    assert isinstance(outcomes["first"], Contribution)
    assert isinstance(outcomes["second"], workflow.LimitReached)
    assert Contribution.objects.count() == 1
