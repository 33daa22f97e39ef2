"""``ppta library list``: print catalog materials matching filters, as a table or JSON."""

from __future__ import annotations

import json

import click

from course_templates import CONTENT_LANGUAGES, MATERIAL_TYPES, area_slugs, term_ids


@click.command("list")
@click.option(
    "--area", "areas", multiple=True, type=click.Choice(area_slugs()), help="Thematic area slug (repeatable)."
)
@click.option(
    "--lang", "language", type=click.Choice(term_ids(CONTENT_LANGUAGES)), help="Has a version in this language."
)
@click.option(
    "--type", "types", multiple=True, type=click.Choice(term_ids(MATERIAL_TYPES)), help="Material type (repeatable)."
)
@click.option("--q", "query", default="", help="Words that must all occur (any case, any script).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Print at most N materials (default: all).")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
def list_materials(areas, language, types, query, limit, output_format) -> None:
    """List published materials of the library, newest first.

    JSON output is a list of {id, type, areas, year, country, titles: {lang: title}}.
    """
    from ppta.django_env import setup_django

    setup_django()
    from library_importer.public import material_info
    from library_importer.search import MaterialFilters, find_materials

    materials = find_materials(MaterialFilters(q=query, areas=areas, types=types, language=language))
    if limit:
        materials = materials[:limit]
    # chunked iteration (prefetch per chunk) keeps memory flat for a catalog of any size
    infos = (material_info(material) for material in materials.iterator(chunk_size=1000))
    if output_format == "json":
        rows = [
            {
                "id": info.id,
                "type": info.type,
                "areas": list(info.areas),
                "year": info.year,
                "country": info.country,
                "titles": {code: version.title for code, version in info.versions.items()},
            }
            for info in infos
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    infos = list(infos)
    if not infos:
        click.echo("No materials match.", err=True)
        return
    id_width = max(len("ID"), *(len(info.id) for info in infos))
    click.echo(f"{'ID':<{id_width}}  {'TYPE':<17}  {'YEAR':<4}  {'LANGS':<5}  TITLE")
    for info in infos:
        year = str(info.year or "")
        languages = ",".join(info.versions)
        title = info.title(language or "en")
        click.echo(f"{info.id:<{id_width}}  {info.type:<17}  {year:<4}  {languages:<5}  {title}")
    click.echo(f"{len(infos)} material(s).")
