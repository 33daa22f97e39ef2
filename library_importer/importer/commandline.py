"""The import command, once: options and behaviour shared by ``ppta library import`` (click) and the
``import_materials`` management command (argparse).

Exit codes: 0 done (or queued), 1 refused or invalid (nothing written), 2 usage error.
"""

from __future__ import annotations

import codecs
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from library_importer.importer.options import UsageProblem
from library_importer.importer.problems import ImportFailure, Problem
from library_importer.importer.progress import BarProgress, LineProgress
from library_importer.importer.run import ImportOptions, run_import

Echo = Callable[..., None]  # echo(message, err=False)


def execute_import(source: str, *, echo: Echo, interactive: bool, dry_run: bool = False, prune: bool = False,
                   skip_invalid: bool = False, encoding: str | None = None, run_async: bool = False,
                   wait: bool = False, report: str | None = None, rehash: bool = False) -> int:
    """Run (or queue) an import and print its outcome; returns the exit code."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError as error:
            raise UsageProblem(f"unknown encoding {encoding!r}") from error
    if run_async and report:
        raise UsageProblem("--report cannot be used with --async: the worker stores the report on the run "
                           "(see `ppta library runs ID --format json`)")
    if not Path(source).exists():
        raise UsageProblem(f"source {source!r} does not exist")
    options = ImportOptions(source=str(Path(source).resolve()), dry_run=dry_run, prune=prune,
                            skip_invalid=skip_invalid, encoding=encoding, wait=wait, rehash=rehash)
    if run_async:
        from library_importer.tasks import queue_import

        try:
            run = queue_import(options)
        except ImportFailure as error:
            echo(f"Import refused: {error}", err=True)
            return 1
        echo(f"Queued import #{run.pk} of {options.source}. Follow it with: ppta library runs {run.pk}")
        return 0

    progress = BarProgress() if interactive else LineProgress(echo)
    try:
        result = run_import(options, progress=progress)
    except ImportFailure as error:
        echo(f"Import refused: {error}", err=True)
        return 1
    finally:
        progress.finish()
    if report:
        write_report(Path(report), result.report)
    print_report(result.report, echo, run_id=result.run.pk if result.run else None)
    return 0 if result.ok else 1


def write_report(path: Path, report: dict) -> None:
    """Write the JSON report atomically (a reader never sees half a file)."""
    path = path.resolve()
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False) as out:
        json.dump(report, out, ensure_ascii=False, indent=2)
    os.replace(out.name, path)


def print_report(report: dict, echo: Echo, run_id: int | None = None) -> None:
    problems = [Problem(**problem) for problem in report["problems"]]
    where = report.get("manifest") or report["source"]  # problems name rows of the manifest
    if report["state"] != "succeeded":
        if problems and all(problem.row is None for problem in problems) and len(problems) == 1:
            echo(f"Import refused: {problems[0]}", err=True)
            return
        echo(f"{where}: {len(problems)} problem(s); nothing was imported:", err=True)
        for problem in problems:
            echo(f"  {problem}", err=True)
        echo("Fix them and run the import again, or pass --skip-invalid to import the valid rows.", err=True)
        return
    if problems:
        echo(f"Skipped {len({p.row for p in problems})} invalid row(s) of {where}:", err=True)
        for problem in problems:
            echo(f"  {problem}", err=True)
    counts = report["counts"]
    if report["dry_run"]:
        echo("Dry run: nothing was written. The import would:")
        for item in report.get("items", []):
            echo(f"  {item['action']:<9} {item['id']}")
        echo(f"Plan: {counts['create']} to create, {counts['update']} to update, "
             f"{counts['unchanged']} unchanged, {counts['withdraw']} to withdraw.")
    else:
        run = f" (import #{run_id})" if run_id else ""
        echo(f"Imported {report['source']}{run}: {counts['create']} created, {counts['update']} updated, "
             f"{counts['unchanged']} unchanged, {counts['withdraw']} withdrawn.")
    absent = report.get("not_in_source") or []
    if absent:
        shown = ", ".join(absent[:10]) + (", …" if len(absent) > 10 else "")
        echo(f"{len(absent)} published material(s) are not in the source and were kept "
             f"(--prune withdraws them): {shown}")
