"""The permission model: who holds which role, and granting/revoking it."""

from __future__ import annotations

import importlib

import pytest
from django.contrib.auth.models import Group

from moderation.public import Role, grant_role, has_role, revoke_role, users_with_role

pytestmark = pytest.mark.django_db

SECRETARIAT, MODERATOR = Role.SECRETARIAT, Role.LIBRARY_MODERATOR


@pytest.mark.parametrize(("who", "secretariat", "library_moderator"), [
    ("anonymous", False, False),
    ("learner", False, False),
    ("moderator", False, True),
    ("secretary", True, True),  # the secretariat does everything a moderator can
    ("staff", True, True),
    ("superuser", True, True),
    ("inactive_moderator", False, False),
])
def test_who_holds_which_role(people, who, secretariat, library_moderator):
    assert has_role(people[who], SECRETARIAT) is secretariat
    assert has_role(people[who], MODERATOR) is library_moderator


def test_nobody_holds_a_role_as_none():
    assert has_role(None, SECRETARIAT) is False


def test_inactive_staff_hold_no_role(people):
    people["staff"].is_active = False
    assert not has_role(people["staff"], MODERATOR)


def test_users_with_a_role_are_the_active_holders_for_notification(people):
    assert [u.username for u in users_with_role(SECRETARIAT)] == ["root", "secretary", "staff"]
    assert [u.username for u in users_with_role(MODERATOR)] == [
        "moderator", "other_moderator", "root", "secretary", "staff"]


def test_a_user_in_both_groups_is_listed_once(people):
    grant_role(people["secretary"], MODERATOR)
    assert [u.username for u in users_with_role(MODERATOR)].count("secretary") == 1


def test_granting_and_revoking_are_idempotent(people):
    learner = people["learner"]
    grant_role(learner, MODERATOR)
    grant_role(learner, MODERATOR)
    assert has_role(learner, MODERATOR) and not has_role(learner, SECRETARIAT)
    assert list(learner.groups.values_list("name", flat=True)) == ["ppta library moderators"]
    revoke_role(learner, MODERATOR)
    revoke_role(learner, MODERATOR)
    assert not has_role(learner, MODERATOR)


def test_revoking_a_role_nobody_ever_had_creates_nothing(people):
    Group.objects.filter(name=SECRETARIAT.value).delete()
    revoke_role(people["learner"], SECRETARIAT)
    assert not Group.objects.filter(name=SECRETARIAT.value).exists()


def test_roles_are_the_groups_the_migration_creates():
    migration = importlib.import_module("moderation.migrations.0001_initial")
    assert set(migration.ROLE_GROUPS) == {role.value for role in Role}
    assert {role.value for role in Role} <= set(Group.objects.values_list("name", flat=True))


def test_reports_are_for_the_secretariat(people):
    from reports.permissions import can_view_reports

    assert [who for who in people if can_view_reports(people[who])] == ["secretary", "staff", "superuser"]
