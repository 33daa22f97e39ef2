"""``ppta roles grant|revoke|list``: tidy output, clear errors, idempotent."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from moderation.public import Role, has_role
from ppta.cli import main

pytestmark = pytest.mark.django_db


def roles(*args):
    return CliRunner().invoke(main, ["roles", *args])


def test_grant_gives_the_role_once(people):
    first = roles("grant", "--user", "learner", "--role", "library-moderator")
    assert first.exit_code == 0 and first.output == "Granted library-moderator to learner.\n"
    again = roles("grant", "--user", "learner@example.org", "--role", "library-moderator")
    assert again.exit_code == 0
    assert again.output == "learner is already a library-moderator member; nothing changed.\n"
    assert has_role(people["learner"], Role.LIBRARY_MODERATOR)
    assert not has_role(people["learner"], Role.SECRETARIAT)


def test_revoke_takes_the_role_once(people):
    first = roles("revoke", "--user", "secretary", "--role", "secretariat")
    assert first.exit_code == 0 and first.output == "Revoked secretariat from secretary.\n"
    again = roles("revoke", "--user", "secretary", "--role", "secretariat")
    assert again.exit_code == 0 and again.output == "secretary is not a secretariat member; nothing changed.\n"
    assert not has_role(people["secretary"], Role.SECRETARIAT)


def test_revoke_says_when_the_role_is_still_held_another_way(people):
    result = roles("revoke", "--user", "secretary", "--role", "library-moderator")
    assert result.output == ("secretary is not a library-moderator member; nothing changed.\n"
                             "Note: secretary still holds library-moderator (via secretariat).\n")
    staff = roles("revoke", "--user", "staff", "--role", "secretariat")
    assert staff.output.endswith("Note: staff still holds secretariat (staff).\n")


def test_grant_to_an_inactive_user_warns(people):
    result = roles("grant", "--user", "inactive_moderator", "--role", "secretariat")
    assert result.exit_code == 0 and "inactive" in result.output


def test_list_shows_each_role_and_how_it_is_held(people):
    result = roles("list")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "secretariat (3)",
        "  root                           superuser",
        "  secretary                      member",
        "  staff                          staff",
        "library-moderator (5)",
        "  moderator                      member",
        "  other_moderator                member",
        "  root                           superuser",
        "  secretary                      via secretariat",
        "  staff                          staff",
    ]


def test_list_one_role_or_one_user(people):
    assert roles("list", "--role", "secretariat").output.splitlines()[0] == "secretariat (3)"
    assert roles("list", "--user", "moderator").output.splitlines() == [
        "secretariat        -", "library-moderator  member"]
    roles("grant", "--user", "staff", "--role", "secretariat")
    assert roles("list", "--user", "staff").output.splitlines() == [
        "secretariat        member", "library-moderator  via secretariat"], "membership shown before staff"


def test_list_says_nobody(db):
    assert roles("list", "--role", "secretariat").output == "secretariat (0)\n  (nobody)\n"


@pytest.mark.parametrize("command", ["grant", "revoke", "list"])
def test_an_unknown_user_is_an_error(people, command):
    result = roles(command, "--user", "nobody", "--role", "secretariat")
    assert result.exit_code == 1
    assert result.output == "Error: No user 'nobody' (give a username or an e-mail address).\n"


@pytest.mark.parametrize("command", ["grant", "revoke", "list"])
def test_an_unknown_role_is_an_error_naming_the_roles(people, command):
    result = roles(command, "--user", "learner", "--role", "moderator")
    assert result.exit_code == 2
    assert "'moderator' is not one of 'secretariat', 'library-moderator'" in result.output
    assert not people["learner"].groups.exists()


@pytest.mark.parametrize("missing", ["--user", "--role"])
def test_grant_needs_a_user_and_a_role(people, missing):
    args = {"--user": "learner", "--role": "secretariat"}
    del args[missing]
    result = roles("grant", *[part for pair in args.items() for part in pair])
    assert result.exit_code == 2 and f"Missing option '{missing}'" in result.output


def test_an_e_mail_address_shared_by_two_users_is_refused(people):
    from django.contrib.auth.models import User

    User.objects.create_user("learner2", email="LEARNER@example.org")
    result = roles("grant", "--user", "learner@example.org", "--role", "secretariat")
    assert result.exit_code == 1 and "More than one user" in result.output
