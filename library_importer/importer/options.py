"""The options of the import command, declared once for click (``ppta library import``) and argparse
(``import_materials``). Importable without Django, so ``ppta --help`` stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass

import click


class UsageProblem(ValueError):
    """Options that do not make sense together (exit code 2)."""


@dataclass(frozen=True)
class OptionSpec:
    flag: str
    dest: str
    help: str
    metavar: str | None = None  # options taking a value have one; the others are flags


IMPORT_OPTIONS = (
    OptionSpec("--dry-run", "dry_run", "Check everything and print the plan; write nothing."),
    OptionSpec("--prune", "prune", "Withdraw published materials that the source no longer lists."),
    OptionSpec("--skip-invalid", "skip_invalid", "Import the valid rows and skip the invalid ones (reported)."),
    OptionSpec("--encoding", "encoding", "Encoding of manifest.csv when it is not UTF-8, e.g. cp1251.", "E"),
    OptionSpec("--async", "run_async", "Queue the import as a celery task and return at once "
                                       "(follow it with `ppta library runs`)."),
    OptionSpec("--wait", "wait", "When another import is running, wait for it instead of refusing."),
    OptionSpec("--report", "report", "Also write the report (plan, counts, every problem) to this JSON file.",
               "FILE.json"),
    OptionSpec("--rehash", "rehash", "Read every file again, even when its size and time are unchanged."),
)


def click_import_options(command):
    """Decorate a click command with IMPORT_OPTIONS."""
    for spec in reversed(IMPORT_OPTIONS):
        if spec.metavar:
            command = click.option(spec.flag, spec.dest, metavar=spec.metavar, default=None, help=spec.help)(command)
        else:
            command = click.option(spec.flag, spec.dest, is_flag=True, default=False, help=spec.help)(command)
    return command


def add_argparse_import_options(parser) -> None:
    """Add IMPORT_OPTIONS to a management command's argparse parser."""
    for spec in IMPORT_OPTIONS:
        if spec.metavar:
            parser.add_argument(spec.flag, dest=spec.dest, metavar=spec.metavar, default=None, help=spec.help)
        else:
            parser.add_argument(spec.flag, dest=spec.dest, action="store_true", help=spec.help)
