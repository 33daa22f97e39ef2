"""Roles and reviews inside the LMS: the platform's users and groups, on SQLite and MariaDB.

The role groups exist once ppta's migrations have run; ``ppta roles`` grants them to the platform's
users; the secretariat then sees the reports at the URL where the LMS mounts them, and decides reviews.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from common.djangoapps.student.tests.factories import UserFactory
from django.contrib.auth.models import Group
from django.test import Client
from django.utils.translation import gettext_lazy

from moderation.public import AlreadyDecided, Role, Status, decide, has_role, history, register_kind, submit
from ppta.cli import main

pytestmark = [pytest.mark.django_db, pytest.mark.mariadb]
KIND = "platform-tests.application"
PASSWORD = "Password1234"  # UserFactory's default
register_kind(KIND, moderator_role=Role.SECRETARIAT, label=gettext_lazy("test application"))


def test_the_role_groups_exist_on_the_platform_database():
    assert {role.value for role in Role} <= set(Group.objects.values_list("name", flat=True))


def test_a_secretariat_member_granted_with_ppta_roles_sees_the_reports():
    secretary, learner = UserFactory.create(), UserFactory.create()
    result = CliRunner().invoke(main, ["roles", "grant", "--user", secretary.username, "--role", "secretariat"])
    assert result.exit_code == 0, result.output
    assert has_role(secretary, Role.SECRETARIAT) and has_role(secretary, Role.LIBRARY_MODERATOR)
    for user, status in ((learner, 403), (secretary, 200)):
        client = Client()  # one client per user: the LMS's safe sessions refuse a session switched in place
        assert client.login(username=user.username, password=PASSWORD)
        assert client.get("/academy/reports/").status_code == status, user


def test_a_review_decided_by_the_secretariat_refuses_a_second_decision():
    applicant, secretary, colleague = UserFactory.create(), UserFactory.create(), UserFactory.create()
    for user in (secretary, colleague):
        user.groups.add(Group.objects.get(name=Role.SECRETARIAT.value))
    review = submit(KIND, "applicant-1", by=applicant)
    decide(review, by=secretary, to=Status.APPROVED)
    with pytest.raises(AlreadyDecided, match=secretary.username):
        decide(review, by=colleague, to=Status.REJECTED, note="Too late.")
    assert [t.to_status for t in history(review)] == ["pending", "approved"]
