"""``ppta reports``: feed and inspect the secretariat's reports."""

from __future__ import annotations

import click


@click.group()
def reports() -> None:
    """Secretariat reports: backfill from the platform, demo activity."""


@reports.command()
@click.option("--batch-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Platform rows per transaction.")
@click.option("--restart", is_flag=True, help="Read everything again from the first row (totals stay the same).")
def backfill(batch_size: int, restart: bool) -> None:
    """Read the platform's existing enrolments, passing grades and certificates (resumable, idempotent).

    Runs where the platform's models are importable (inside the LMS); elsewhere it says so.
    """
    from django.core.management import CommandError, call_command

    from ppta.django_env import setup_django

    setup_django()
    args = ["ppta_reports_backfill", f"--batch-size={batch_size}"] + (["--restart"] if restart else [])
    try:
        call_command(*args)
    except CommandError as error:
        raise click.ClickException(str(error)) from None
