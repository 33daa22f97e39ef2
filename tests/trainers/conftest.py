"""Fixtures: users for the permission matrix, a stand-in for ``trainers.platform``, profile factories."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from moderation.public import Role, grant_role
from trainers import platform
from trainers.forms import CONSENT_VERSION
from trainers.models import APPROVED, TrainerProfile

PASSWORD = "trainer-test"  # noqa: S105


def make_user(username: str, **extra) -> User:
    return User.objects.create_user(username, f"{username}@example.org", PASSWORD, **extra)


@pytest.fixture
def users(db) -> dict[str, User]:
    """The permission matrix's people: a learner, an approved trainer, the secretariat, global staff."""
    secretariat = make_user("secretariat")
    grant_role(secretariat, Role.SECRETARIAT)
    people = {"learner": make_user("learner"), "trainer": make_user("trainer"), "secretariat": secretariat,
              "staff": make_user("staff", is_staff=True)}
    make_profile(people["trainer"], name_en="Approved Trainer")
    return people


def make_profile(user=None, *, status=APPROVED, consent=True, hidden=False, **fields) -> TrainerProfile:
    values = {"name_en": "Ivan Petrov", "name_ru": "Иван Петров", "country": "MD", "kind": "state",
              "organisation": "Border Police", "areas": ",asylum-international-protection,",
              "languages": ",ru,ro,", **fields}
    return TrainerProfile.objects.create(
        user=user, status=status, hidden=hidden, consent_at=timezone.now() if consent else None,
        consent_version=CONSENT_VERSION if consent else "", **values)


@pytest.fixture
def tot_holder(monkeypatch):
    """Makes the platform report a ToT certificate for the given user ids."""
    holders: set[int] = set()
    certificate = platform.TotCertificate("course-v1:PPTA+AIP201RU+2026", "Убежище: подготовка тренеров",
                                          datetime.date(2026, 11, 2))
    monkeypatch.setattr(platform, "tot_certificates", lambda user_id: [certificate] if user_id in holders else [])
    return holders
