"""``ppta areas`` (the registry and Studio taxonomies) and ``ppta course`` (build and validate templates)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from course_templates.areas import LANGUAGES, all_areas, area_slugs
from course_templates.spec import (
    CERTIFICATE_LANGUAGES,
    DEFAULT_END,
    DEFAULT_MODULES,
    DEFAULT_PASS_MARK,
    DEFAULT_START,
    KINDS,
    MAX_MODULES,
    CourseSpec,
    CourseSpecError,
)


@click.group()
def areas() -> None:
    """The six thematic areas and Studio taxonomies."""


@areas.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="Language of titles in the table (JSON has both).")
def list_areas(fmt: str, lang: str) -> None:
    """List the areas: chapter, code, slug and title."""
    rows = all_areas()
    if fmt == "json":
        data = [{"slug": a.slug, "chapter": a.chapter, "code": a.code, "title_en": a.title_en, "title_ru": a.title_ru,
                 "description_en": a.description_en, "description_ru": a.description_ru, "ru_source": a.ru_source}
                for a in rows]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    width = max(len(area.slug) for area in rows)
    for area in rows:
        click.echo(f"{area.chapter:<4} {area.code}  {area.slug:<{width}}  {area.title(lang)}")


@areas.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), required=True, help="File format.")
@click.option("--taxonomy", type=click.Choice(["areas", "material-types", "languages"]), required=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write.")
@click.option("--replace", is_flag=True, help="Replace FILE if it exists (otherwise an existing file is refused).")
def export_taxonomy(fmt: str, taxonomy: str, out: Path, replace: bool) -> None:
    """Write a taxonomy file for Studio's taxonomy import (UTF-8 without BOM).

    CSV has the header id,value,parent_id; JSON is {"tags": [{"id", "value"}]}. Import it under
    the export id printed on success (ppta-areas, ppta-material-types or ppta-languages): course
    templates' tags.csv refer to those ids.
    """
    from course_templates.output import OutputExistsError, write_file_atomically
    from course_templates.taxonomies import render_taxonomy, taxonomies

    if not out.parent.is_dir():
        raise click.BadParameter(f"folder {out.parent} does not exist", param_hint="--out")
    chosen = taxonomies()[taxonomy]
    try:
        write_file_atomically(out, render_taxonomy(chosen, fmt), replace=replace)
    except OutputExistsError as error:
        raise click.BadParameter(str(error), param_hint="--out") from None
    except OSError as error:
        raise click.ClickException(f"cannot write {out}: {error}") from None
    click.echo(f"Wrote {len(chosen.tags)} tags to {out}: import as taxonomy {chosen.name!r} "
               f"with export id {chosen.export_id!r}.")


@click.group()
def course() -> None:
    """Build and validate OLX course templates."""


@course.command("new")
@click.option("--area", required=True, help=f"Thematic area slug: {', '.join(area_slugs())}.")
@click.option("--lang", required=True, help="Course language: en or ru.")
@click.option("--org", required=True, help="Organisation part of the course key, e.g. PPTA.")
@click.option("--number", required=True, help="Course number, e.g. ILM101.")
@click.option("--run", required=True, help="Course run, e.g. 2026.")
@click.option("--title", default=None, help="Course title in the course language (default: from the area).")
@click.option("--modules", type=int, default=DEFAULT_MODULES, show_default=True, help=f"Modules, 1-{MAX_MODULES}.")
@click.option("--kind", default="standard", show_default=True, help=f"Course kind: {' or '.join(KINDS)} "
              "(training of trainers: adds facilitator units).")
@click.option("--pass-mark", type=float, default=DEFAULT_PASS_MARK, show_default=True,
              help="Share of the total score needed to pass, above 0 and at most 1.")
@click.option("--certificate-language", default=None,
              help=f"{', '.join(CERTIFICATE_LANGUAGES)} (default: the platform's PPTA_CERTIFICATE_LANGUAGE_MODE).")
@click.option("--start", default=DEFAULT_START, show_default=True, help="Course start date, YYYY-MM-DD.")
@click.option("--end", default=DEFAULT_END, show_default=True, help="Course end date, YYYY-MM-DD.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write into (created if missing).")
@click.option("--replace", is_flag=True,
              help="Replace an existing output. Without it an existing folder or archive is refused.")
def new_course(out: Path, replace: bool, **options) -> None:
    """Write an OLX course template: OUT/<org>-<number>-<run>/ and OUT/<org>-<number>-<run>.tar.gz.

    The archive has one top folder, course/, as Studio exports it, and is byte-identical for the
    same options. Both outputs are written to a staging folder in OUT and renamed into place, so
    an existing output is never half-overwritten.
    """
    from course_templates.output import OutputExistsError, write_course

    try:
        spec = CourseSpec.create(**options)
    except CourseSpecError as error:
        raise click.BadParameter(str(error).split(": ", 1)[1], param_hint=error.field) from None
    if out.exists() and not out.is_dir():
        raise click.BadParameter(f"{out} is not a folder", param_hint="--out")
    try:
        result = write_course(spec, out, replace=replace)
    except OutputExistsError as error:
        raise click.BadParameter(str(error), param_hint="--out") from None
    except OSError as error:
        raise click.ClickException(f"cannot write into {out}: {error}") from None
    click.echo(f"Wrote {result.folder}/ and {result.archive} ({spec.course_id}).")


@course.command("validate")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
def validate_course_command(path: Path) -> None:
    """Validate an OLX course folder or .tar.gz with olxcleaner (all steps, academy blocks allowed).

    Exit status 0: no errors; 1: errors (each listed).
    """
    from course_templates.archive import UnsafeArchiveError
    from course_templates.validation import validate_course

    try:
        report = validate_course(path)
    except UnsafeArchiveError as error:
        raise click.ClickException(str(error)) from None
    for warning in report.warnings:
        click.echo(str(warning))
    if report.errors:
        for error in report.errors:
            click.echo(str(error), err=True)
        click.echo(f"{path}: {len(report.errors)} error(s).", err=True)
        raise SystemExit(1)
    click.echo(f"{path}: no errors.")
