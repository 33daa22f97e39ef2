"""The ``ppta`` command: groups, help, and usage errors."""

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ppta.cli import COMMAND_GROUPS, main

PPTA = Path(sys.executable).with_name("ppta")


def test_help_lists_every_group_with_its_summary():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name, (_module, _attribute, summary) in COMMAND_GROUPS.items():
        assert name in result.output and summary in result.output


@pytest.mark.parametrize("group", sorted(COMMAND_GROUPS))
def test_every_group_has_help(group):
    result = CliRunner().invoke(main, [group, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_unknown_command_is_a_usage_error_with_exit_code_2():
    result = CliRunner().invoke(main, ["librray"])
    assert result.exit_code == 2
    assert "No such command 'librray'" in result.output


def test_console_script_is_installed_and_reports_its_version():
    completed = subprocess.run([PPTA, "--version"], capture_output=True, text=True, check=True)
    assert completed.stdout.startswith("ppta, version ")
