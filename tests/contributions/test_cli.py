"""``ppta library representatives add|remove|list``: idempotent, validated, plugged into ``ppta library``."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from contributions.models import Representative
from library_importer.cli import library
from tests.contributions.conftest import make_user

pytestmark = pytest.mark.django_db


def run(*args: str):
    return CliRunner().invoke(library, ["representatives", *args], catch_exceptions=False)


def test_add_list_remove_and_again(db):
    make_user("olga")
    assert run("add", "--user", "olga", "--country", "md").output == "olga now represents MD.\n"
    assert run("add", "--user", "olga", "--country", "MD").output == "olga already represents MD.\n"
    assert Representative.objects.get().country == "MD"
    assert run("list").output == "MD  olga\n"
    assert run("list", "--country", "KZ").output == "No representatives.\n"
    assert run("remove", "--user", "olga", "--country", "MD").output == "olga no longer represents MD.\n"
    assert run("remove", "--user", "olga", "--country", "MD").output == "olga did not represent MD.\n"
    assert not Representative.objects.exists()


@pytest.mark.parametrize(("args", "message"), [
    (["add", "--user", "nobody", "--country", "MD"], "there is no user 'nobody'"),
    (["add", "--user", "olga", "--country", "XX"], "unknown country 'XX'"),
])
def test_usage_errors(db, args, message):
    make_user("olga")
    result = run(*args)
    assert result.exit_code == 2 and message in result.output
    assert not Representative.objects.exists()


def test_one_country_per_representative(db):
    make_user("olga")
    run("add", "--user", "olga", "--country", "MD")
    result = run("add", "--user", "olga", "--country", "KZ")
    assert result.exit_code == 1 and "already represents MD" in result.output
