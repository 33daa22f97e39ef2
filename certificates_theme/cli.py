"""``ppta certificate``: render PDF certificates from the command line (no database needed)."""

from __future__ import annotations

import datetime
import os
import uuid
from pathlib import Path

import click

from certificates_theme.texts import LANGUAGE_MODES
from course_templates import area_slugs

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def configure_django_without_database() -> None:
    """Set up Django for rendering only: translations from this app's catalogue, static URLs; no apps, no DB.

    Settings already given (``DJANGO_SETTINGS_MODULE``, e.g. inside the LMS) are used as they are.
    """
    import django
    from django.conf import settings

    if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
        settings.configure(USE_I18N=True, LANGUAGE_CODE="en", LOCALE_PATHS=[str(LOCALE_DIR)], INSTALLED_APPS=[],
                           STATIC_URL="/static/")
    if not django.apps.apps.ready:
        django.setup()


def _not_blank(_ctx, param, value: str) -> str:
    if not value.strip():
        raise click.BadParameter("must not be empty")
    return value.strip()


def _date(_ctx, _param, value: str | None) -> datetime.date:
    if value is None:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def _verify_url(_ctx, _param, value: str | None) -> str:
    from certificates_theme.content import check_verify_url

    if not value:
        return ""
    try:
        return check_verify_url(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@click.group()
def certificate() -> None:
    """Render bilingual PDF certificates."""


@certificate.command()
@click.option("--name", required=True, callback=_not_blank, help="Learner's name as printed.")
@click.option("--course-en", required=True, callback=_not_blank, help="Course title in English.")
@click.option("--course-ru", required=True, callback=_not_blank, help="Course title in Russian.")
@click.option("--area", type=click.Choice(area_slugs()), help="Thematic area slug.")
@click.option("--date", "issue_date", callback=_date, metavar="YYYY-MM-DD", help="Issue date (default: today).")
@click.option("--lang", "language_mode", type=click.Choice(list(LANGUAGE_MODES)), default="bilingual",
              show_default=True, help="Language mode.")
@click.option("--number", help="Certificate number (default: derived from a new verification id).")
@click.option("--verify-url", callback=_verify_url, help="https URL of the verification page (QR code).")
@click.option("--out", required=True, type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="PDF file to write.")
def render(name, course_en, course_ru, area, issue_date, language_mode, number, verify_url, out: Path) -> None:
    """Render one certificate to a PDF file."""
    configure_django_without_database()
    from certificates_theme.content import CertificateContent, certificate_number
    from certificates_theme.pdf import render_pdf

    try:
        content = CertificateContent(
            learner_name=name, course_title_en=course_en, course_title_ru=course_ru, issue_date=issue_date,
            language_mode=language_mode, area_slug=area or "",
            number=number or certificate_number(uuid.uuid4().hex, area or "", issue_date), verify_url=verify_url,
        )
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    pdf = render_pdf(content)
    # Write next to the target and rename, so a failed run never leaves half a PDF behind.
    partial = out.with_name(f".{out.name}.partial")
    partial.write_bytes(pdf)
    partial.replace(out)
    click.echo(f"Wrote {out} ({len(pdf) // 1024} KiB, certificate {content.number})")
