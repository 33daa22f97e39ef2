"""``ppta library``: import the materials library and follow imports (``list`` comes from ``cli_list``)."""

from __future__ import annotations

import json
import sys

import click

from library_importer.importer.options import UsageProblem, click_import_options
from ppta.django_env import setup_django


@click.group()
def library() -> None:
    """Import and browse the materials library."""


@library.command("import")
@click.argument("source", type=click.Path(exists=True, file_okay=True, dir_okay=True))
@click_import_options
def import_command(source: str, **options) -> None:
    """Import materials from SOURCE: a folder or .zip with manifest.csv/.yaml/.json and the files.

    Everything is checked first: if any row is invalid, every problem is listed and nothing is
    written (unless --skip-invalid). Unchanged materials are skipped; only one import runs at a time.
    """
    setup_django()
    from library_importer.importer.commandline import execute_import

    try:
        code = execute_import(source, echo=click.echo, interactive=sys.stdout.isatty(), **options)
    except UsageProblem as error:
        raise click.UsageError(str(error)) from error
    sys.exit(code)


@library.command("runs")
@click.argument("run_id", type=int, required=False)
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="How many recent runs to list.")
@click.option("--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True)
def runs_command(run_id: int | None, limit: int, output: str) -> None:
    """List recent imports (state, progress, counts), or show import RUN_ID with its problems."""
    setup_django()
    from library_importer.models import ImportRun

    if run_id is not None:
        run = ImportRun.objects.filter(pk=run_id).first()
        if run is None:
            raise click.BadParameter(f"there is no import #{run_id}", param_hint="RUN_ID")
        runs = [run]
    else:
        runs = list(ImportRun.objects.order_by("-created", "-pk")[:limit])
    if output == "json":
        click.echo(json.dumps([_run_data(run, full=run_id is not None) for run in runs], ensure_ascii=False, indent=2))
        return
    if not runs:
        click.echo("No imports yet.")
        return
    click.echo(f"{'ID':>5}  {'STATE':<9}  {'CREATED (UTC)':<19}  {'PROGRESS':>9}  {'COUNTS':<40}  SOURCE")
    for run in runs:
        counts = ", ".join(f"{name} {value}" for name, value in (run.counts or {}).items() if value)
        click.echo(f"{run.pk:>5}  {run.state:<9}  {run.created:%Y-%m-%d %H:%M:%S}  "
                   f"{f'{run.processed}/{run.total}':>9}  {counts or '-':<40}  {run.source}")
    if run_id is not None:
        for problem in (runs[0].report or {}).get("problems", []):
            where = f"row {problem['row']}, column {problem['column']}: " if problem["row"] is not None else ""
            click.echo(f"  {where}{problem['message']}")
        if runs[0].error:
            click.echo(f"  {runs[0].error}")


def _run_data(run, full: bool) -> dict:
    data = {
        "id": run.pk, "state": run.state, "source": run.source, "options": run.options,
        "created": run.created.isoformat(), "started": run.started and run.started.isoformat(),
        "finished": run.finished and run.finished.isoformat(), "total": run.total, "processed": run.processed,
        "counts": run.counts, "error": run.error,
    }
    if full:
        data["report"] = run.report
    return data


try:  # ``ppta library list`` lives with the read side of the library
    from library_importer.cli_list import list_materials
except ModuleNotFoundError as missing:  # only while that module is absent; other import errors surface
    if missing.name != "library_importer.cli_list":
        raise
else:
    library.add_command(list_materials, "list")


def _add_plugged_commands() -> None:
    """Commands other apps add to ``ppta library`` (entry points ``ppta.library_commands``: name = module:command)."""
    from importlib.metadata import entry_points

    for entry_point in entry_points(group="ppta.library_commands"):
        library.add_command(entry_point.load(), entry_point.name)


_add_plugged_commands()
