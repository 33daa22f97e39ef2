"""``ppta library import|runs`` and the ``import_materials`` management command: one behaviour, two front ends."""

from __future__ import annotations

import io
import os
import pty
import subprocess

import pytest
from django.core.management import CommandError, call_command

from library_importer.models import ImportRun, Material
from ppta.cli import main
from tests.library_importer.import_helpers import (  # noqa: F401
    PPTA,
    material_row,
    media_fixture,
    run_cli,
    source_fixture,
    subprocess_env,
)

pytestmark = pytest.mark.django_db


def management_command(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_materials", *[str(arg) for arg in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_both_front_ends_offer_the_same_options():
    from click.testing import CliRunner

    from library_importer.management.commands.import_materials import Command

    click_help = CliRunner().invoke(main, ["library", "import", "--help"]).output
    argparse_help = Command().create_parser("manage.py", "import_materials").format_help()
    for option in ("--dry-run", "--prune", "--skip-invalid", "--encoding", "--async", "--report", "--wait",
                   "--rehash"):
        assert option in click_help and option in argparse_help


def test_management_command_imports_and_reports_like_the_cli(source):
    source.write([material_row("via-manage")])
    out, _err = management_command(source.root)
    assert "1 created, 0 updated, 0 unchanged, 0 withdrawn" in out
    out, _err = management_command(source.root, "--dry-run")
    assert "Plan: 0 to create, 0 to update, 1 unchanged, 0 to withdraw." in out


def test_management_command_fails_with_every_problem_and_writes_nothing(source):
    source.write([material_row("a", type="poster"), material_row("b", year="3000")])
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_materials", str(source.root), stdout=io.StringIO(), stderr=err)
    assert raised.value.returncode == 1
    assert "unknown type 'poster'" in err.getvalue() and "year 3000 is outside" in err.getvalue()
    assert not Material.objects.exists()


def test_management_command_usage_errors(source, tmp_path):
    source.write([material_row("a")])
    with pytest.raises(CommandError) as raised:
        management_command(source.root, "--async", "--report", tmp_path / "r.json")
    assert raised.value.returncode == 2 and "--report cannot be used with --async" in str(raised.value)
    with pytest.raises(CommandError, match="does not exist"):
        management_command(tmp_path / "missing")


def test_cli_usage_errors_exit_2(tmp_path, source):
    source.write([material_row("a")])
    missing = run_cli("import", tmp_path / "missing")
    assert missing.exit_code == 2 and "does not exist" in missing.output
    both = run_cli("import", source.root, "--async", "--report", tmp_path / "r.json")
    assert both.exit_code == 2 and "--report cannot be used with --async" in both.output
    assert not ImportRun.objects.exists()


def test_runs_lists_recent_imports_and_shows_one(source):
    source.write([material_row("a"), material_row("b")])
    run_cli("import", source.root)
    run_cli("import", source.root)
    first, second = ImportRun.objects.order_by("pk")
    listing = run_cli("runs").output
    assert listing.index(f"{second.pk:>5}  succeeded") < listing.index(f"{first.pk:>5}  succeeded")
    assert "create 2" in listing and "unchanged 2" in listing and str(source.root) in listing
    assert "No imports yet." not in listing
    limited = run_cli("runs", "--limit", "1").output
    assert f"{second.pk:>5}  succeeded" in limited and f"{first.pk:>5}  succeeded" not in limited
    missing = run_cli("runs", "999999")
    assert missing.exit_code == 2 and "there is no import #999999" in missing.output


@pytest.mark.django_db(transaction=True)  # another process writes to the shared database
def test_plain_progress_lines_when_not_on_a_terminal(source, media, tmp_path):
    """Run as a real process with stdout on a pipe, as in a log."""
    source.write([material_row("piped-1"), material_row("piped-2")])
    env = subprocess_env(tmp_path, media)
    done = subprocess.run([str(PPTA), "library", "import", str(source.root)], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "Checking 2 manifest row(s) and their files…" in lines
    assert "create piped-1 (1/2)" in lines and "create piped-2 (2/2)" in lines
    assert "\r" not in done.stdout and "\x1b" not in done.stdout  # no bar drawing in a log


@pytest.mark.django_db(transaction=True)  # another process writes to the shared database
def test_a_progress_bar_on_a_terminal(source, media, tmp_path):
    """stdout is a pseudo-terminal, as when an operator runs the command."""
    source.write([material_row(f"tty-{n}") for n in range(3)])
    leader, follower = pty.openpty()
    process = subprocess.Popen([str(PPTA), "library", "import", str(source.root)], env=subprocess_env(tmp_path, media),
                               stdout=follower, stderr=follower)
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal is closed when the process ends
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0
    text = output.decode()
    assert "Importing" in text and "3/3" in text and "#" in text
    assert "create tty-0 (1/3)" not in text  # plain lines are for logs only
    assert "3 created" in text
