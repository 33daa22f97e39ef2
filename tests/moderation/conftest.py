"""Fixtures: two registered kinds of review and one user per row of the permission matrix."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy

from moderation.public import Role, grant_role, register_kind, review_changed

#: Decided by library moderators (and so by the secretariat and staff).
CONTRIBUTION = "tests.contribution"
#: Decided by the secretariat only (and staff).
APPLICATION = "tests.application"

register_kind(CONTRIBUTION, moderator_role=Role.LIBRARY_MODERATOR, label=gettext_lazy("test contribution"))
register_kind(APPLICATION, moderator_role=Role.SECRETARIAT, label=gettext_lazy("test application"))


@pytest.fixture
def people(db):
    from django.contrib.auth.models import User

    def user(name, **flags):
        return User.objects.create_user(name, email=f"{name}@example.org", password="x", **flags)

    everyone = {
        "anonymous": AnonymousUser(),
        "learner": user("learner"),
        "author": user("author"),
        "moderator": user("moderator"),
        "other_moderator": user("other_moderator"),
        "secretary": user("secretary"),
        "staff": user("staff", is_staff=True),
        "superuser": user("root", is_staff=True, is_superuser=True),
        "inactive_moderator": user("inactive_moderator", is_active=False),
    }
    for name in ("moderator", "other_moderator", "inactive_moderator"):
        grant_role(everyone[name], Role.LIBRARY_MODERATOR)
    grant_role(everyone["secretary"], Role.SECRETARIAT)
    return everyone


@pytest.fixture
def announcements():
    """Every ``review_changed`` sent, as (kind, review status, transition from → to, note)."""
    sent = []

    def receiver(sender, review, transition, **kwargs):
        sent.append((sender, review.status, transition.from_status, transition.to_status, transition.note))

    review_changed.connect(receiver, dispatch_uid="tests.moderation.announcements")
    yield sent
    review_changed.disconnect(dispatch_uid="tests.moderation.announcements")
